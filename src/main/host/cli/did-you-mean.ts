// "Did you mean …?" for the command line: a mistyped command or flag gets the closest known one,
// by the same edit distance the config errors use (engine/kernel/closest-word.ts).
import { closestWord } from '../../engine/kernel/closest-word.ts';

/** Every top-level command, for suggestions. */
export const commandNames = [
  'serve',
  'projects',
  'run',
  'runs',
  'logs',
  'pipelines',
  'secrets',
  'status',
  'check',
  'deploy',
  'promote',
  'rollback',
  'diff',
  'approve',
  'start',
  'deployments',
  'releases',
  'release',
  'notes',
  'audit',
  'notifications',
  'report',
  'live-at',
  'evidence',
  'team',
  'db',
] as const;

/** `unknown command "staus" (did you mean "status"?)`. */
export function unknownCommandMessage(command: string): string {
  const suggestion = closestWord(command, commandNames);
  return `unknown command "${command}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`;
}

/**
 * The message for a flag parseArgs refused: for an unknown one, `unknown option --jsn (did you mean
 * --json?)`; other problems keep parseArgs's own words.
 */
export function flagErrorMessage(error: unknown, known: readonly string[]): string {
  const { code, message } = error as { code?: string; message?: string };
  const text = message ?? String(error);
  if (code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return text;
  const flag = /Unknown option '([^']+)'/.exec(text)?.[1];
  if (!flag) return text;
  const name = flag.replace(/^-+/, '').split('=')[0]!;
  const suggestion = closestWord(name, known);
  return `unknown option ${flag}${suggestion ? ` (did you mean --${suggestion}?)` : ''}`;
}
