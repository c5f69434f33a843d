// Shows the current view (in the Pipelines section, the open run), each inside its own error boundary
// (reset when the view or run changes).
import type { ComponentType } from 'react';
import { viewLabel, type ViewId } from '../navigation/views.ts';
import { useCockpit } from '../stores/store-context.tsx';
import { BoardView } from '../views/board/BoardView.tsx';
import { PipelinesView } from '../views/pipelines/PipelinesView.tsx';
import { EnvironmentsView, InsightsView, ReleasesView } from '../views/placeholder/placeholder-views.tsx';
import { RunView } from '../views/run/RunView.tsx';
import { SettingsView } from '../views/settings/SettingsView.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';

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
  const reportClientError = useCockpit((state) => state.reportClientError);
  const View = viewComponents[view];
  return (
    <ErrorBoundary
      key={runId === null ? view : `run-${runId}`}
      what={runId === null ? `the ${viewLabel(view)} view` : `run #${runId}`}
      onError={(error, componentStack) =>
        reportClientError(
          { message: error.message, stack: `${error.stack ?? ''}\n${componentStack}` },
          { quiet: true },
        )
      }
    >
      {runId === null ? <View /> : <RunView runId={runId} />}
    </ErrorBoundary>
  );
}
