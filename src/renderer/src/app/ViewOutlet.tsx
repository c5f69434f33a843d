// Shows the current view (in the Pipelines section, the open run; in Environments, the open
// environment), each inside its own error boundary (reset when the view, run or environment changes).
import { lazy, Suspense, type ComponentType } from 'react';
import { Spinner } from '../components/Spinner.tsx';
import { viewLabel, type ViewId } from '../navigation/views.ts';
import { useCockpit } from '../stores/store-context.tsx';
import { BoardView } from '../views/board/BoardView.tsx';
import { PipelinesView } from '../views/pipelines/PipelinesView.tsx';
import { EnvironmentDetailView } from '../views/environments/detail/EnvironmentDetailView.tsx';
import { EnvironmentsView } from '../views/environments/EnvironmentsView.tsx';
import { RunView } from '../views/run/RunView.tsx';
import { SettingsView } from '../views/settings/SettingsView.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';

// The views opened less often load on first use, so the app starts on a smaller bundle.
const InsightsView = lazy(() =>
  import('../views/insights/InsightsView.tsx').then((module) => ({ default: module.InsightsView })),
);
const ReleasesView = lazy(() =>
  import('../views/releases/ReleasesView.tsx').then((module) => ({ default: module.ReleasesView })),
);

const viewComponents: Record<ViewId, ComponentType> = {
  board: BoardView,
  pipelines: PipelinesView,
  environments: EnvironmentsView,
  releases: ReleasesView,
  insights: InsightsView,
  settings: SettingsView,
};

export function ViewOutlet() {
  const view = useCockpit((state) => state.view);
  const runId = useCockpit((state) => state.openRunId);
  const environmentId = useCockpit((state) => state.openEnvironmentId);
  const reportClientError = useCockpit((state) => state.reportClientError);
  const View = viewComponents[view];
  let key: string = view;
  let what = `the ${viewLabel(view)} view`;
  let content = <View />;
  if (runId !== null) {
    key = `run-${runId}`;
    what = `run #${runId}`;
    content = <RunView runId={runId} />;
  } else if (environmentId !== null) {
    key = `environment-${environmentId}`;
    what = `environment #${environmentId}`;
    content = <EnvironmentDetailView environmentId={environmentId} />;
  }
  return (
    <ErrorBoundary
      key={key}
      what={what}
      onError={(error, componentStack) =>
        reportClientError(
          { message: error.message, stack: `${error.stack ?? ''}\n${componentStack}` },
          { quiet: true },
        )
      }
    >
      <Suspense
        fallback={
          <p className="view-loading" role="status">
            <Spinner /> Loading…
          </p>
        }
      >
        {content}
      </Suspense>
    </ErrorBoundary>
  );
}
