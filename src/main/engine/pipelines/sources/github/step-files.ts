// The files a GitHub step writes to talk to the runner: GITHUB_OUTPUT and GITHUB_ENV hold
// `name=value` lines or `name<<DELIMITER` … `DELIMITER` blocks; GITHUB_PATH one folder a line.
import { readFileSync } from 'node:fs';

export function readFileOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Parses a GITHUB_OUTPUT / GITHUB_ENV file; throws on a block without its closing delimiter. */
export function parseKeyValueFile(text: string, what: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    const eq = line.indexOf('=');
    if (heredoc && (eq === -1 || heredoc.index + heredoc[1]!.length < eq)) {
      const [, name, delimiter] = heredoc;
      const body: string[] = [];
      let closed = false;
      for (i++; i < lines.length; i++) {
        if (lines[i] === delimiter) {
          closed = true;
          break;
        }
        body.push(lines[i]!);
      }
      if (!closed) throw new Error(`${what}: "${name}<<${delimiter}" has no closing "${delimiter}" line`);
      values[name!.trim()] = body.join('\n');
    } else if (eq > 0) {
      values[line.slice(0, eq).trim()] = line.slice(eq + 1);
    } else {
      throw new Error(`${what}: expected NAME=VALUE or NAME<<DELIMITER, got "${line.slice(0, 80)}"`);
    }
  }
  return values;
}
