// A board cell's continuous-delivery line (cockpit.yml `auto_deploy` / `auto_promote`): what the rule
// is doing — paused by whom and when, waiting on a gate, blocked, or what it last shipped — and a
// pause / resume button. The engine decides and records; this only shows it.
import type { AutoDeployCell } from '../../../../shared/domain/release.ts';
import { Icon } from '../../components/Icon.tsx';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { useCockpit } from '../../stores/store-context.tsx';

/** The rule's status was set since it was paused: what it holds back ("v1.2.0 waits: …"). */
function heldSincePause(auto: AutoDeployCell): string | null {
  return auto.paused && auto.message && auto.since !== null && auto.since >= auto.paused.at
    ? auto.message
    : null;
}

/** "auto-deploy paused by alice", "auto-deploy waiting: soak — …", "auto-promote blocked: freeze — …". */
export function autoDeployText(auto: AutoDeployCell): string {
  const name = auto.kind === 'auto_deploy' ? 'auto-deploy' : 'auto-promote';
  if (auto.paused) return `${name} paused by ${auto.paused.by}`;
  if (auto.state === 'waiting' || auto.state === 'blocked')
    return `${name} ${auto.state}: ${auto.message ?? ''}`;
  if (auto.state === 'deployed' && auto.message) return `${name}: ${auto.message}`;
  const after = auto.kind === 'auto_deploy' ? ` after ${auto.after} on ${auto.branch}` : '';
  return auto.message ? `${name}: ${auto.message}` : `${name}${after}`;
}

export function AutoDeployLine({
  projectId,
  environment,
  auto,
}: {
  projectId: number;
  environment: string;
  auto: AutoDeployCell;
}) {
  const toggling = useCockpit((state) => state.autoDeployToggling === `${projectId}/${environment}`);
  const setPaused = useCockpit((state) => state.setAutoDeployPaused);
  const paused = auto.paused !== null;
  const tone = paused || auto.state === 'blocked' ? 'warning' : auto.state === 'waiting' ? 'info' : 'muted';
  const held = heldSincePause(auto);
  return (
    <>
      <p
        className={`cell-auto cell-auto-${tone}`}
        data-testid="cell-auto-deploy"
        data-state={paused ? 'paused' : auto.state}
        title={`${auto.rule}${auto.message ? `: ${auto.message}` : ''}`}
      >
        <Icon name={paused ? 'pause' : 'play'} />
        <span className="cell-auto-text">
          {autoDeployText(auto)}
          {auto.paused ? (
            <>
              {' '}
              <RelativeTime at={auto.paused.at} />
            </>
          ) : null}
        </span>
        <button
          type="button"
          className="cell-auto-toggle"
          tabIndex={-1}
          disabled={toggling}
          data-testid="cell-auto-deploy-toggle"
          onClick={() => void setPaused(projectId, environment, !paused)}
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
      </p>
      {held ? (
        <p className="cell-auto cell-auto-warning" data-testid="cell-auto-deploy-held" title={held}>
          <span className="cell-auto-text cell-auto-held">{held}</span>
        </p>
      ) : null}
    </>
  );
}
