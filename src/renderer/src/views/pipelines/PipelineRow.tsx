// One pipeline: name, description, triggers, its last run and trend, and the Run button.
import { Markdown } from '../../components/Markdown.tsx';
import { Icon } from '../../components/Icon.tsx';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { SourceBadge } from '../../components/SourceBadge.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDuration } from '../../lib/duration.ts';
import { hashForRun } from '../../navigation/hash-route.ts';
import { runStartingKey } from '../../stores/runs/run-launch-slice.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import { RunTrend } from './RunTrend.tsx';

export function PipelineRow({ projectId, name }: { projectId: number; name: string }) {
  const pipeline = useCockpit((state) => state.pipelines?.find((p) => p.name === name));
  const starting = useCockpit((state) => state.runStarting === runStartingKey(projectId, name));
  const busy = useCockpit((state) => state.runStarting !== null);
  const requestRun = useCockpit((state) => state.requestRun);
  if (!pipeline) return null;
  const nameId = `pipeline-${name}-name`;
  const last = pipeline.lastRun;
  const lastDuration = pipeline.recentRuns[0]?.durationMs ?? null;
  const jobCount = pipeline.jobs.length;

  return (
    <li className="pipeline-row" data-testid="pipeline-row" data-pipeline={name} aria-labelledby={nameId}>
      <div className="pipeline-main">
        <h2 id={nameId} className="pipeline-name">
          {name} <SourceBadge source={pipeline.source} />
        </h2>
        {pipeline.description ? (
          <div className="pipeline-description" data-testid="pipeline-description">
            <Markdown source={pipeline.description} headingLevel={4} />
          </div>
        ) : null}
        {pipeline.problems.length > 0 ? (
          <ul
            className="config-problems"
            aria-label={`Problems in ${pipeline.source.file ?? name}`}
            data-testid="pipeline-problems"
          >
            {pipeline.problems.map((problem, index) => (
              <li key={index} className="config-problem mono">
                {problem.file}:{problem.line}:{problem.col}: {problem.message}
              </li>
            ))}
          </ul>
        ) : null}
        <div className="pipeline-facts">
          <span>
            {jobCount} {jobCount === 1 ? 'job' : 'jobs'}
            {pipeline.params.length > 0
              ? ` · ${pipeline.params.length} ${pipeline.params.length === 1 ? 'param' : 'params'}`
              : ''}
          </span>
          <ul className="trigger-list" aria-label="Triggers">
            {pipeline.triggers.map((trigger) => (
              <li key={trigger} className="trigger-chip">
                {trigger}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <div className="pipeline-last">
        {last ? (
          <>
            <a className="pipeline-last-run" href={hashForRun(last.id)} aria-label={`Last run, #${last.id}`}>
              <StatusBadge status={last.status} />
              <span className="mono">#{last.id}</span>
            </a>
            <span className="pipeline-last-when">
              <RelativeTime at={last.startedAt ?? last.queuedAt} />
              {lastDuration !== null ? ` · ${formatDuration(lastDuration)}` : ''}
            </span>
          </>
        ) : (
          <span className="pipeline-never">Never run</span>
        )}
      </div>
      <RunTrend runs={pipeline.recentRuns} />
      <div className="pipeline-actions">
        <button
          type="button"
          className="button button-primary"
          aria-label={`Run ${name}`}
          aria-disabled={busy || pipeline.problems.length > 0}
          title={pipeline.problems.length > 0 ? 'Fix the problems in the file first' : undefined}
          onClick={() => {
            if (!busy && pipeline.problems.length === 0) requestRun(projectId, name);
          }}
        >
          {starting ? <Spinner /> : <Icon name="play" />}
          Run
        </button>
      </div>
    </li>
  );
}
