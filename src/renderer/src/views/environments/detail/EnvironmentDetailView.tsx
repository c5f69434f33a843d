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
      <section className="env-section" aria-labelledby="latency-title">
        <div className="env-section-head">
          <h2 id="latency-title" className="section-title">
            Latency
          </h2>
          <RangePicker />
        </div>
        {error ? (
          <RetryAlert onRetry={fetchHistory}>Could not load the history: {error.message}</RetryAlert>
        ) : history ? (
          <div className="panel">
            <LatencyChart history={history} range={range} now={now} />
          </div>
        ) : (
          <LoadingLine>Loading the history…</LoadingLine>
        )}
      </section>
      <section className="env-section" aria-labelledby="uptime-title">
        <h2 id="uptime-title" className="section-title">
          Uptime, last 90 days
        </h2>
        {longHistory ? (
          <div className="panel">
            <UptimeBars history={longHistory} />
          </div>
        ) : null}
      </section>
      <section className="env-section" aria-labelledby="incidents-title">
        <h2 id="incidents-title" className="section-title">
          Incidents
        </h2>
        <IncidentTimeline />
      </section>
      <section className="env-section" aria-labelledby="versions-title">
        <h2 id="versions-title" className="section-title">
          Versions seen
        </h2>
        {longHistory ? <VersionsSeen history={longHistory} current={version} /> : null}
      </section>
    </>
  );
}

function Heartbeat() {
  const results = useCockpit((state) => state.environment?.recentResults ?? null);
  if (!results) return null;
  return (
    <section className="env-section" aria-labelledby="heartbeat-title">
      <h2 id="heartbeat-title" className="section-title">
        Last 50 checks
      </h2>
      <HeartbeatStrip results={results} />
    </section>
  );
}

function ResponseSections() {
  const environment = useCockpit((state) => state.environment);
  if (!environment) return null;
  return (
    <>
      <section className="env-section" aria-labelledby="checks-title">
        <h2 id="checks-title" className="section-title">
          Recent checks
        </h2>
        <RecentChecks results={environment.recentResults} />
      </section>
      <section className="env-section" aria-labelledby="response-title">
        <h2 id="response-title" className="section-title">
          Last check and response
        </h2>
        <LastResponse attempt={environment.lastAttempt} response={environment.lastResponse} />
      </section>
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
