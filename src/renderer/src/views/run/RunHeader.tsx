// A run's header: pipeline and number, status, where it came from (trigger, params, git, actor),
// when it started and how long it took (ticking while it runs), and its actions.
import { GitRef } from '../../components/GitRef.tsx';
import { Icon } from '../../components/Icon.tsx';
import { LiveDuration } from '../../components/LiveDuration.tsx';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import { SourceBadge } from '../../components/SourceBadge.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { isActiveRun, isFailedJob } from '../../lib/run-status.ts';
import { hashForRun } from '../../navigation/hash-route.ts';
import { useCockpit } from '../../stores/store-context.tsx';

const triggerWords = {
  manual: 'Started by hand',
  cli: 'Started from the command line',
  commit: 'Started by a commit',
  cron: 'Started on schedule',
  rerun: 'Re-run',
};

export function RunHeader() {
  const run = useCockpit((state) => state.run);
  const action = useCockpit((state) => state.runAction);
  const cancelRun = useCockpit((state) => state.cancelRun);
  const rerunRun = useCockpit((state) => state.rerunRun);
  const playJob = useCockpit((state) => state.playJob);
  const projectName = useCockpit((state) =>
    state.run ? (state.projects.find((project) => project.id === state.run!.projectId)?.name ?? null) : null,
  );
  if (!run) return null;
  const manual = run.jobs.filter((job) => job.status === 'manual');
  const active = isActiveRun(run.status);
  const someFailed = run.jobs.some((job) => isFailedJob(job.status));
  const params = Object.entries(run.params);

  return (
    <header className="run-header">
      <div className="run-title-row">
        <h1 id="run-title" className="view-title">
          {projectName ? (
            <span className="run-project" data-testid="run-project">
              {projectName}
              <span className="run-project-separator" aria-hidden="true">
                {' '}
                /{' '}
              </span>
            </span>
          ) : null}
          {run.pipeline} <span className="run-number">#{run.id}</span>
        </h1>
        <span data-testid="run-status" data-status={run.status}>
          <StatusBadge status={run.status} />
        </span>
        <SourceBadge source={run.source} />
        <div className="run-actions">
          {manual.map((job) => (
            <button
              key={job.id}
              type="button"
              className="button button-primary"
              aria-disabled={action !== null}
              title={`${job.name} is a manual job: it runs when you play it`}
              onClick={() => void playJob(job.name)}
            >
              {action === 'play' ? <Spinner /> : <Icon name="play" />}
              Play {job.name}
            </button>
          ))}
          {active ? (
            <button
              type="button"
              className="button"
              aria-disabled={action !== null}
              onClick={() => void cancelRun()}
            >
              {action === 'cancel' ? <Spinner /> : <Icon name="stop" />}
              Cancel
            </button>
          ) : null}
          {!active && someFailed ? (
            <button
              type="button"
              className="button"
              aria-disabled={action !== null}
              onClick={() => void rerunRun(true)}
            >
              {action === 'rerun-failed' ? <Spinner /> : <Icon name="rerun" />}
              Re-run failed jobs
            </button>
          ) : null}
          <button
            type="button"
            className={active ? 'button' : 'button button-primary'}
            aria-disabled={action !== null || active}
            title={active ? 'The run is still going' : undefined}
            onClick={() => {
              if (!active) void rerunRun(false);
            }}
          >
            {action === 'rerun' ? <Spinner /> : <Icon name="rerun" />}
            Re-run
          </button>
        </div>
      </div>
      <dl className="run-facts">
        <div className="run-fact">
          <dt>Trigger</dt>
          <dd>
            {triggerWords[run.trigger]}
            {run.rerunOf !== null ? (
              <>
                {' '}
                of <a href={hashForRun(run.rerunOf)}>#{run.rerunOf}</a>
              </>
            ) : null}
          </dd>
        </div>
        <div className="run-fact">
          <dt>Commit</dt>
          <dd>
            <GitRef git={run.git} />
          </dd>
        </div>
        {run.source.file ? (
          <div className="run-fact">
            <dt>Defined in</dt>
            <dd
              className="mono"
              title={run.source.contentHash ? `sha256 ${run.source.contentHash}` : undefined}
            >
              {run.source.file}
              {run.source.contentHash ? (
                <span className="run-hash"> @{run.source.contentHash.slice(0, 8)}</span>
              ) : null}
              {run.event ? <span className="run-hash"> · on {run.event}</span> : null}
            </dd>
          </div>
        ) : null}
        <div className="run-fact">
          <dt>By</dt>
          <dd>{run.actor}</dd>
        </div>
        <div className="run-fact">
          <dt>{run.startedAt === null ? 'Queued' : 'Started'}</dt>
          <dd>
            <RelativeTime at={run.startedAt ?? run.queuedAt} />
          </dd>
        </div>
        <div className="run-fact">
          <dt>Duration</dt>
          <dd>
            <LiveDuration startedAt={run.startedAt} finishedAt={run.finishedAt} notStarted="not started" />
          </dd>
        </div>
        {params.length > 0 ? (
          <div className="run-fact run-fact-wide">
            <dt>Params</dt>
            <dd>
              <ul className="param-list">
                {params.map(([name, value]) => (
                  <li key={name} className="param-chip mono">
                    {name}={String(value)}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>
    </header>
  );
}
