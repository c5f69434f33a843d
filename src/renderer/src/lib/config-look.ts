// How a cockpit.yml error reads while the cockpit carries on with the last good configuration:
// "config error at cockpit.yml:12:3 — using the configuration from 14:02".
import type { ConfigProblem } from '../../../shared/domain/project.ts';

/** "cockpit.yml:12:3": the file's name, not its whole path. */
export function problemLocation(problem: Pick<ConfigProblem, 'file' | 'line' | 'col'>): string {
  const name = problem.file.split(/[\\/]/).pop() ?? problem.file;
  return `${name}:${problem.line}:${problem.col}`;
}

/** "14:02" today, "Nov 26, 14:02" another day. */
export function configTime(at: number, now = Date.now()): string {
  const time = new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  if (sameDay) return time;
  const day = new Date(at).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  return `${day}, ${time}`;
}

/** The marker itself; without a last good configuration, what that means instead. */
export function configErrorText(problem: ConfigProblem | undefined, lastGoodAt: number | null): string {
  const where = problem ? `config error at ${problemLocation(problem)}` : 'config error';
  return lastGoodAt !== null
    ? `${where} — using the configuration from ${configTime(lastGoodAt)}`
    : `${where} — no valid configuration yet: nothing of it is watched`;
}
