// A run, job or attempt status as a coloured badge with an icon and a word (never colour alone).
import { statusLook, type AnyStatus } from '../lib/run-status.ts';
import { Icon } from './Icon.tsx';

export function StatusBadge({ status, label }: { status: AnyStatus; label?: string }) {
  const look = statusLook(status);
  return (
    <span className={`badge status-badge status-${look.tone}`} data-status={status}>
      <Icon name={look.icon} className={status === 'running' ? 'icon-spin' : undefined} />
      {label ?? look.label}
    </span>
  );
}

/** Just the icon, coloured by status, with the status as its accessible name. */
export function StatusIcon({ status }: { status: AnyStatus }) {
  const look = statusLook(status);
  return (
    <span className={`status-icon status-${look.tone}`} role="img" aria-label={look.label} title={look.label}>
      <Icon name={look.icon} className={status === 'running' ? 'icon-spin' : undefined} />
    </span>
  );
}
