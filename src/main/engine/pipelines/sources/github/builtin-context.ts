// What a built-in action (builtin-actions.ts) is given and returns, and how it reads its inputs'
// paths and lists the way the real actions do.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface BuiltinContext {
  workspace: string;
  dataDir: string;
  runId: number;
  env: Record<string, string>;
}

export interface BuiltinResult {
  /** What the step prints. */
  lines: string[];
  outputs: Record<string, string>;
  /** Kept for the action's post step (actions/cache). */
  state?: Record<string, string>;
}

/** A multi-line input (`path:` of upload-artifact and cache) as its non-empty, trimmed lines. */
export function inputLines(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A path of an input, absolute: `~` is the home folder, a relative path is the workspace's. */
export function absolutePath(path: string, workspace: string): string {
  if (path === '~' || path.startsWith('~/')) return join(homedir(), path.slice(1));
  return resolve(workspace, path);
}
