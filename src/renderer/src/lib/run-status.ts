// How run, job and attempt statuses look: a tone (colour), an icon and a word, in one table.
import type { AttemptStatus, JobStatus, RunStatus } from '../../../shared/domain/run.ts';
import type { IconName } from './icon-names.ts';

export type StatusTone = 'ok' | 'danger' | 'warning' | 'running' | 'neutral';
export type AnyStatus = RunStatus | JobStatus | AttemptStatus;

interface StatusLook {
  tone: StatusTone;
  icon: IconName;
  label: string;
}

const looks: Record<AnyStatus, StatusLook> = {
  queued: { tone: 'neutral', icon: 'clock', label: 'Queued' },
  pending: { tone: 'neutral', icon: 'circle', label: 'Pending' },
  manual: { tone: 'warning', icon: 'play', label: 'Manual' },
  running: { tone: 'running', icon: 'running', label: 'Running' },
  success: { tone: 'ok', icon: 'check', label: 'Succeeded' },
  failed: { tone: 'danger', icon: 'cross', label: 'Failed' },
  cancelled: { tone: 'neutral', icon: 'stop', label: 'Cancelled' },
  timed_out: { tone: 'warning', icon: 'clock', label: 'Timed out' },
  skipped: { tone: 'neutral', icon: 'skip', label: 'Skipped' },
  interrupted: { tone: 'warning', icon: 'alert', label: 'Interrupted' },
};

export function statusLook(status: AnyStatus): StatusLook {
  return looks[status];
}

export function isActiveRun(status: RunStatus): boolean {
  return status === 'queued' || status === 'running';
}

/** Jobs a "Re-run failed jobs" would pick up (the engine decides; this only decides to offer it). */
export function isFailedJob(status: JobStatus): boolean {
  return status === 'failed' || status === 'timed_out' || status === 'cancelled' || status === 'interrupted';
}
