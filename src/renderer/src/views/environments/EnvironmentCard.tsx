// One environment at a glance: state, name, tier, version, latency and its sparkline, uptime,
// certificate, when it was last checked (ticking), why it is in its state, and an open incident.
import type { EnvironmentSummary } from '../../../../shared/domain/environment.ts';
import { Icon } from '../../components/Icon.tsx';
import {
  CERT_WARNING_DAYS,
  formatLatency,
  formatUptime,
  stateLook,
  tierLabel,
} from '../../lib/environment-look.ts';
import { hashForEnvironment } from '../../navigation/hash-route.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import { CheckedAgo, NextCheck } from './CheckedAgo.tsx';
import { Sparkline } from './Sparkline.tsx';
import { StateDot } from './StateDot.tsx';

/** The sentence under the facts: "Down because db is down", "In maintenance: …", or the last error. */
export function stateReason(environment: EnvironmentSummary): string | null {
  const { cause, state, lastError, inMaintenance } = environment;
  if (cause) {
    if (inMaintenance || /^in maintenance/i.test(cause))
      return cause.charAt(0).toUpperCase() + cause.slice(1);
    return `${stateLook(state).label} because ${cause}`;
  }
  if (inMaintenance) return 'In maintenance';
  if ((state === 'down' || state === 'degraded') && lastError) return lastError;
  return null;
}

export function EnvironmentCard({ id }: { id: number }) {
  const environment = useCockpit((state) => state.environments?.find((env) => env.id === id));
  if (!environment) return null;
  const { name, tier, state, version, latencyMs, latencySeries, certDaysLeft, openIncidentId } = environment;
  const nameId = `environment-${id}-name`;
  const reason = stateReason(environment);

  return (
    <li
      className={`env-card env-card-${state} env-tier-${tier}`}
      data-testid="environment-card"
      data-environment={name}
      data-state={state}
      aria-labelledby={nameId}
    >
      <div className="env-card-head">
        <StateDot state={state} />
        <h3 id={nameId} className="env-card-name">
          <a href={hashForEnvironment(id)}>{name}</a>
        </h3>
        <span className={`badge env-tier env-tier-badge-${tier}`}>{tierLabel(tier)}</span>
        {state === 'stale' ? <span className="badge env-stale-tag">stale</span> : null}
        {openIncidentId !== null ? (
          <a
            className="badge badge-danger env-incident-marker"
            href={hashForEnvironment(id)}
            data-testid="open-incident"
            title="An incident is open"
          >
            <Icon name="alert" /> Incident
          </a>
        ) : null}
      </div>

      <dl className="env-card-facts">
        <div className="env-fact">
          <dt>Version</dt>
          <dd className="mono" data-testid="environment-version">
            {version ?? '—'}
          </dd>
        </div>
        <div className="env-fact env-fact-latency">
          <dt>Latency</dt>
          <dd>
            <span className="env-latency-value">{formatLatency(latencyMs)}</span>
            <Sparkline series={latencySeries} />
          </dd>
        </div>
        <div className="env-fact">
          <dt>Uptime 24 h</dt>
          <dd>{formatUptime(environment.uptime24h)}</dd>
        </div>
        <div className="env-fact">
          <dt>30 d</dt>
          <dd>{formatUptime(environment.uptime30d)}</dd>
        </div>
        {certDaysLeft !== null ? (
          <div className="env-fact">
            <dt>Certificate</dt>
            <dd className={certDaysLeft < CERT_WARNING_DAYS ? 'env-cert-warning' : undefined}>
              {certDaysLeft < CERT_WARNING_DAYS ? <Icon name="alert" /> : null}
              {Math.floor(certDaysLeft)} {Math.floor(certDaysLeft) === 1 ? 'day' : 'days'} left
            </dd>
          </div>
        ) : null}
      </dl>

      <p className="env-card-foot">
        {state === 'paused' ? <span className="env-muted">paused · </span> : null}
        <NextCheck environment={environment} />
        <CheckedAgo at={environment.lastCheckedAt} />
      </p>
      {reason ? (
        <p className={`env-reason env-reason-${state}`} data-testid="environment-reason">
          {reason}
        </p>
      ) : null}
    </li>
  );
}
