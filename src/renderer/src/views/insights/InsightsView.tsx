// Insights: how delivery is going. The four DORA keys for the chosen project, environment and range
// (with bands and trends against the period before), their history as charts, the keys per project,
// pipeline trends with the slowest and flaky jobs, and report exports. docs/insights.md defines the
// numbers; the engine computes them — this view only shows them.
import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LoadingLine } from '../../components/LoadingLine.tsx';
import { RetryAlert } from '../../components/RetryAlert.tsx';
import { ViewPage } from '../../components/ViewPage.tsx';
import { rangeDaysOf } from '../../lib/insights-look.ts';
import { absoluteTime } from '../../lib/relative-time.ts';
import { hashForView } from '../../navigation/hash-route.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import { DoraCharts } from './DoraCharts.tsx';
import { DoraTiles } from './DoraTiles.tsx';
import { ExportButtons } from './ExportButtons.tsx';
import { InsightsFilters } from './InsightsFilters.tsx';
import { PipelineInsightsSection } from './PipelineInsightsSection.tsx';
import { ProjectKeysTable } from './ProjectKeysTable.tsx';
import './insights.css';

export function InsightsView() {
  const watchInsights = useCockpit((state) => state.watchInsights);
  const watchBoard = useCockpit((state) => state.watchBoard);
  const projectsLoaded = useCockpit((state) => state.projectsLoaded);
  const projectCount = useCockpit((state) => state.projects.length);

  useEffect(() => watchInsights(), [watchInsights]);
  // The board's columns are the environments to choose from.
  useEffect(() => watchBoard(), [watchBoard]);

  return (
    <ViewPage
      name="insights"
      className="view-wide view-insights"
      title="Insights"
      description="How delivery is going: the four DORA keys, their history, and how the pipelines behave."
      actions={projectCount > 0 ? <ExportButtons /> : null}
    >
      {projectsLoaded && projectCount === 0 ? (
        <EmptyState
          icon="insights"
          title="No history yet"
          description="Add a project, run its pipelines and deploy from the Board: deployment frequency, lead time, change failure rate and time to restore appear here."
          actions={
            <a className="button button-primary" href={hashForView('board')}>
              Go to the Board
            </a>
          }
        />
      ) : (
        <>
          <InsightsFilters />
          <DoraSection />
          <PipelinesSection />
        </>
      )}
    </ViewPage>
  );
}

function DoraSection() {
  const dora = useCockpit((state) => state.dora);
  const error = useCockpit((state) => state.doraError);
  const projectId = useCockpit((state) => state.insightsFilter.projectId);
  const fetchInsights = useCockpit((state) => state.fetchInsights);

  if (error) {
    return <RetryAlert onRetry={fetchInsights}>Could not compute the DORA keys: {error.message}</RetryAlert>;
  }
  if (!dora) {
    return <LoadingLine>Computing the DORA keys…</LoadingLine>;
  }
  return (
    <div data-testid="dora-summary" data-range={dora.range}>
      <p className="insights-period">
        {absoluteTime(dora.current.from)} – {absoluteTime(dora.current.to)}, compared with the{' '}
        {rangeDaysOf(dora.range)} days before.
      </p>
      <DoraTiles summary={dora} />
      <DoraCharts summary={dora} />
      {projectId === 'all' ? <ProjectKeysTable summary={dora} /> : null}
    </div>
  );
}

function PipelinesSection() {
  const insights = useCockpit((state) => state.pipelineInsights);
  const error = useCockpit((state) => state.pipelineInsightsError);
  if (error) {
    return (
      <p className="inline-alert" role="alert">
        Could not compute the pipeline insights: {error.message}
      </p>
    );
  }
  if (!insights) return null;
  return <PipelineInsightsSection insights={insights} />;
}
