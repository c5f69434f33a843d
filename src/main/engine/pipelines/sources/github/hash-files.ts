// GitHub's hashFiles(): the SHA-256 of the SHA-256s of the files matching the patterns (inside the
// workspace, sorted by path, `!pattern` excluding), or '' when nothing matches.
import { createHash } from 'node:crypto';
import { globSync, readFileSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';

export function hashFiles(workspace: string, patterns: string[]): string {
  const root = resolve(workspace);
  const include = patterns.filter((p) => !p.startsWith('!'));
  const exclude = new Set(
    patterns.filter((p) => p.startsWith('!')).flatMap((p) => globSync(p.slice(1), { cwd: root })),
  );
  const files = [
    ...new Set(
      include.flatMap((pattern) => globSync(pattern, { cwd: root }).filter((file) => !exclude.has(file))),
    ),
  ]
    .map((file) => resolve(root, file))
    .filter((file) => file.startsWith(root + sep) && statSync(file).isFile())
    .sort();
  if (files.length === 0) return '';
  const outer = createHash('sha256');
  for (const file of files) outer.update(createHash('sha256').update(readFileSync(file)).digest());
  return outer.digest('hex');
}
