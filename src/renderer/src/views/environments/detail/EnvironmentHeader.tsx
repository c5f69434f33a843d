// An environment's header: name, state, tier, project and URL, the actions (Check now, Pause or
// Resume), the facts at a glance, and why it is in its state.
import { Icon } from '../../../components/Icon.tsx';
import { Spinner } from '../../../components/Spinner.tsx';
import {
  CERT_WARNING_DAYS,
  formatLatency,
  formatSpan,
  formatUptime,
  tierLabel,
} from '../../../lib/environment-look.ts';
import { useCockpit } from '../../../stores/store-context.tsx';
import { useNow } from '../../../lib/use-now.ts';
import { CheckedAgo, NextCheck } from '../CheckedAgo.tsx';
import { stateReason } from '../EnvironmentCard.tsx';
import { StateBadge } from '../StateDot.tsx';

export function EnvironmentHeader() {
  const environment = useCockpit((state) => state.environment);
  const action = useCockpit((state) => state.environmentAction);
  const checkNow = useCockpit((state) => state.checkEnvironmentNow);
  const setPaused = useCockpit((state) => state.setEnvironmentPaused);
  if (!environment) return null;
  const paused = environment.state === 'paused';
  const reason = stateReason(environment);
  const cert = environment.certDaysLeft;
  const since = environment.monitoredSince;

  return (
    <header className="env-detail-header">
      <div className="env-title-row">
        <h1 id="environment-title" className="view-title">
          {environment.name}
        </h1>
        <StateBadge state={environment.state} />
        <span className={`badge env-tier env-tier-badge-${environment.tier}`}>
          {tierLabel(environment.tier)}
        </span>
        <div className="env-actions">
          <button
            type="button"
            className="button"
            aria-disabled={action !== null}
            onClick={() => void checkNow()}
          >
            {action === 'check' ? <Spinner /> : <Icon name="refresh" />}
            Check now
          </button>
          <button
            type="button"
            className="button"
            aria-disabled={action !== null}
            onClick={() => void setPaused(!paused)}
          >
            {action === 'pause' || action === 'resume' ? (
              <Spinner />
            ) : (
              <Icon name={paused ? 'play' : 'pause'} />
            )}
            {paused ? 'Resume' : 'Pause'}
          </button>
        </div>
      </div>
      <p className="env-subtitle">
        <span>{environment.projectName}</span>
        <span aria-hidden="true">·</span>
        <a className="mono" href={environment.url} target="_blank" rel="noreferrer noopener">
          {environment.url}
        </a>
        <span aria-hidden="true">·</span>
        <span>every {formatSpan(environment.intervalMs)}</span>
        {environment.dependsOn.length > 0 ? (
          <>
            <span aria-hidden="true">·</span>
            <span>depends on {environment.dependsOn.join(', ')}</span>
          </>
        ) : null}
      </p>
      {reason ? (
        <p className={`env-reason env-reason-${environment.state} env-detail-reason`} role="status">
          {reason}
        </p>
      ) : null}
      <dl className="run-facts env-detail-facts">
        <div className="run-fact">
          <dt>Version</dt>
          <dd className="mono" data-testid="environment-version">
            {environment.version ?? '—'}
          </dd>
        </div>
        <div className="run-fact">
          <dt>Latency</dt>
          <dd>{formatLatency(environment.latencyMs)}</dd>
        </div>
        <div className="run-fact">
          <dt>Uptime 24 h</dt>
          <dd>
            {formatUptime(environment.uptime24h)}
            <WatchedSince since={since} rangeMs={24 * 60 * 60 * 1000} />
          </dd>
        </div>
        <div className="run-fact">
          <dt>Uptime 30 d</dt>
          <dd>
            {formatUptime(environment.uptime30d)}
            <WatchedSince since={since} rangeMs={30 * 24 * 60 * 60 * 1000} />
          </dd>
        </div>
        {cert !== null ? (
          <div className="run-fact">
            <dt>Certificate</dt>
            <dd className={cert < CERT_WARNING_DAYS ? 'env-cert-warning' : undefined}>
              {Math.floor(cert)} days left
            </dd>
          </div>
        ) : null}
        <div className="run-fact">
          <dt>Last check</dt>
          <dd className="env-check-timing">
            <NextCheck environment={environment} />
            <CheckedAgo at={environment.lastCheckedAt} />
          </dd>
        </div>
      </dl>
    </header>
  );
}

/** Uptime counts from the first check: says so when that was within the range. */
function WatchedSince({ since, rangeMs }: { since: number | null; rangeMs: number }) {
  const now = useNow(60_000);
  if (since === null || since <= now - rangeMs) return null;
  return (
    <span className="env-watched-since" title="Time before the first check is no data, not downtime">
      {' '}
      over {formatSpan(now - since)}
    </span>
  );
}
