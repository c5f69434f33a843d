// The project's runs, newest first: a table whose rows open the run, and "Load more" for older ones.
import { useShallow } from 'zustand/react/shallow';
import { GitRef } from '../../components/GitRef.tsx';
import { LiveDuration } from '../../components/LiveDuration.tsx';
import { LoadingLine } from '../../components/LoadingLine.tsx';
import { LoadMoreButton } from '../../components/LoadMoreButton.tsx';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { TableHead, type ColumnHeading } from '../../components/TableHead.tsx';
import { hashForRun } from '../../navigation/hash-route.ts';
import { useCockpit } from '../../stores/store-context.tsx';

const triggerWords = {
  manual: 'manual',
  cli: 'command line',
  commit: 'commit',
  cron: 'schedule',
  rerun: 're-run',
};

const runColumns: readonly ColumnHeading[] = [
  'Run',
  'Pipeline',
  'Status',
  'Trigger',
  'Commit',
  'By',
  'Started',
  { label: 'Duration', className: 'run-table-number' },
];

export function RunHistory() {
  const ids = useCockpit(useShallow((state) => state.runHistory?.map((run) => run.id) ?? null));
  const hasMore = useCockpit((state) => state.runHistoryHasMore);
  const loadingMore = useCockpit((state) => state.runHistoryLoadingMore);
  const error = useCockpit((state) => state.runHistoryError);
  const loadMore = useCockpit((state) => state.loadMoreRuns);
  const canRun = useCockpit((state) => (state.pipelines?.length ?? 0) > 0);

  return (
    <section className="run-history" aria-labelledby="run-history-title">
      <h2 id="run-history-title" className="section-title">
        Run history
      </h2>
      {error ? (
        <p className="inline-alert" role="alert">
          Could not load the run history: {error}
        </p>
      ) : null}
      {ids === null ? (
        error ? null : (
          <LoadingLine>Loading runs…</LoadingLine>
        )
      ) : ids.length === 0 ? (
        <p className="run-history-empty">
          No runs yet.{canRun ? ' Press Run on a pipeline above to start one.' : ''}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="run-table" data-testid="run-history">
            <TableHead columns={runColumns} />
            <tbody>
              {ids.map((id) => (
                <RunHistoryRow key={id} id={id} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {ids && hasMore ? <LoadMoreButton loading={loadingMore} onLoadMore={loadMore} /> : null}
    </section>
  );
}

function RunHistoryRow({ id }: { id: number }) {
  const run = useCockpit((state) => state.runHistory?.find((r) => r.id === id));
  const openRun = useCockpit((state) => state.openRun);
  if (!run) return null;
  return (
    <tr
      className="run-table-row"
      data-testid="run-row"
      data-run-id={id}
      onClick={(event) => {
        // The link in the row navigates by itself; a click elsewhere in the row does the same.
        if (!(event.target instanceof HTMLAnchorElement)) openRun(id);
      }}
    >
      <td>
        <a className="mono run-table-id" href={hashForRun(id)}>
          #{id}
        </a>
      </td>
      <td className="run-table-pipeline">{run.pipeline}</td>
      <td>
        <StatusBadge status={run.status} />
      </td>
      <td className="run-table-muted">{triggerWords[run.trigger]}</td>
      <td>
        <GitRef git={run.git} />
      </td>
      <td className="run-table-muted">{run.actor}</td>
      <td className="run-table-muted">
        <RelativeTime at={run.startedAt ?? run.queuedAt} />
      </td>
      <td className="run-table-number">
        <LiveDuration startedAt={run.startedAt} finishedAt={run.finishedAt} notStarted="queued" />
      </td>
    </tr>
  );
}
