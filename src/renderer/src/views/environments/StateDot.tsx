// An environment's state as a dot (shape and fill differ, not only colour) with the state as its name.
import type { EnvironmentState } from '../../../../shared/domain/environment.ts';
import { stateLook } from '../../lib/environment-look.ts';

export function StateDot({ state }: { state: EnvironmentState }) {
  const look = stateLook(state);
  return (
    <span
      className={`env-dot env-dot-${state}`}
      role="img"
      aria-label={look.label}
      title={`${look.label}: ${look.meaning}`}
    />
  );
}

/** The dot and the word, for headers. */
export function StateBadge({ state }: { state: EnvironmentState }) {
  const look = stateLook(state);
  return (
    <span
      className={`badge env-state-badge env-state-${state}`}
      data-testid="environment-state"
      data-state={state}
    >
      <span className={`env-dot env-dot-${state}`} aria-hidden="true" />
      {look.label}
    </span>
  );
}
