// Git commit ids are shown the way git shows them: the first 7 characters.

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
