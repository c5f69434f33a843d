// One environment (#/environments/<id>): header and actions, latency percentiles over a chosen range,
// 90 days of uptime, incidents, versions seen, recent checks and the raw last response — all kept live
// from engine events while the page is open.
import { useEffect } from 'react';
import { Icon } from '../../../components/Icon.tsx';
import { ItemNotLoaded } from '../../../components/ItemNotLoaded.tsx';
import { LoadingLine } from '../../../components/LoadingLine.tsx';
import { RetryAlert } from '../../../components/RetryAlert.tsx';
import { useNow } from '../../../lib/use-now.ts';
import { hashForView } from '../../../navigation/hash-route.ts';
import { historyRanges } from '../../../stores/environments/environment-detail-slice.ts';
import { useCockpit } from '../../../stores/store-context.tsx';
import { NotificationsButton } from '../NotificationsButton.tsx';
import { EnvironmentHeader } from './EnvironmentHeader.tsx';
import { EnvSection } from './EnvSection.tsx';
import { HeartbeatStrip } from './HeartbeatStrip.tsx';
import { IncidentTimeline } from './IncidentTimeline.tsx';
import { LastResponse } from './LastResponse.tsx';
import { LatencyChart } from './LatencyChart.tsx';
import { RecentChecks } from './RecentChecks.tsx';
import { UptimeBars } from './UptimeBars.tsx';
import { VersionsSeen } from './VersionsSeen.tsx';
import '../environments.css';

function RangePicker() {
  const range = useCockpit((state) => state.historyRange);
  const setRange = useCockpit((state) => state.setHistoryRange);
  return (
    <div className="segmented" role="group" aria-label="Range">
      {historyRanges.map((option) => (
        <button
          key={option}
          type="button"
          className="segmented-option"
          aria-pressed={option === range}
          onClick={() => setRange(option)}
        >
          {option}
        </button>
      ))}
    </div>
  );
}

function HistorySections() {
  const history = useCockpit((state) => state.history);
  const longHistory = useCockpit((state) => state.longHistory);
  const range = useCockpit((state) => state.historyRange);
  const error = useCockpit((state) => state.historyError);
  const version = useCockpit((state) => state.environment?.version ?? null);
  const fetchHistory = useCockpit((state) => state.fetchEnvironmentHistory);
  const now = useNow(60_000);
  return (
    <>
      <EnvSection name="latency" title="Latency" actions={<RangePicker />}>
        {error ? (
          <RetryAlert onRetry={fetchHistory}>Could not load the history: {error.message}</RetryAlert>
        ) : history ? (
          <div className="panel">
            <LatencyChart history={history} range={range} now={now} />
          </div>
        ) : (
          <LoadingLine>Loading the history…</LoadingLine>
        )}
      </EnvSection>
      <EnvSection name="uptime" title="Uptime, last 90 days">
        {longHistory ? (
          <div className="panel">
            <UptimeBars history={longHistory} />
          </div>
        ) : null}
      </EnvSection>
      <EnvSection name="incidents" title="Incidents">
        <IncidentTimeline />
      </EnvSection>
      <EnvSection name="versions" title="Versions seen">
        {longHistory ? <VersionsSeen history={longHistory} current={version} /> : null}
      </EnvSection>
    </>
  );
}

function Heartbeat() {
  const results = useCockpit((state) => state.environment?.recentResults ?? null);
  if (!results) return null;
  return (
    <EnvSection name="heartbeat" title="Last 50 checks">
      <HeartbeatStrip results={results} />
    </EnvSection>
  );
}

function ResponseSections() {
  const environment = useCockpit((state) => state.environment);
  if (!environment) return null;
  return (
    <>
      <EnvSection name="checks" title="Recent checks">
        <RecentChecks results={environment.recentResults} />
      </EnvSection>
      <EnvSection name="response" title="Last check and response">
        <LastResponse attempt={environment.lastAttempt} response={environment.lastResponse} />
      </EnvSection>
    </>
  );
}

export function EnvironmentDetailView({ environmentId }: { environmentId: number }) {
  const watchEnvironment = useCockpit((state) => state.watchEnvironment);
  const loaded = useCockpit((state) => state.environment?.id === environmentId);
  const error = useCockpit((state) => state.environmentError);
  const connected = useCockpit((state) => state.connection.status === 'connected');
  const fetchEnvironment = useCockpit((state) => state.fetchEnvironment);
  const name = useCockpit((state) =>
    state.environment?.id === environmentId ? state.environment.name : null,
  );

  useEffect(() => watchEnvironment(environmentId), [environmentId, watchEnvironment]);
  useEffect(() => {
    if (name) document.title = `${name} · Environments · Release Cockpit`;
  }, [name]);

  return (
    <section className="view view-wide env-detail" aria-labelledby="environment-title">
      <div className="env-detail-top">
        <a className="back-link" href={hashForView('environments')}>
          <Icon name="arrow-left" />
          Environments
        </a>
        <NotificationsButton />
      </div>
      {loaded ? (
        <>
          <EnvironmentHeader />
          <Heartbeat />
          <HistorySections />
          <ResponseSections />
        </>
      ) : (
        <ItemNotLoaded
          noun="environment"
          id={environmentId}
          titleId="environment-title"
          error={error}
          connected={connected}
          onRetry={fetchEnvironment}
        />
      )}
    </section>
  );
}
