// Shows the current view, each inside its own error boundary (reset when the view changes).
import type { ComponentType } from 'react';
import { viewLabel, type ViewId } from '../navigation/views.ts';
import { useCockpit } from '../stores/store-context.tsx';
import { BoardView } from '../views/board/BoardView.tsx';
import {
  EnvironmentsView,
  InsightsView,
  PipelinesView,
  ReleasesView,
} from '../views/placeholder/placeholder-views.tsx';
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
  const reportClientError = useCockpit((state) => state.reportClientError);
  const View = viewComponents[view];
  return (
    <ErrorBoundary
      key={view}
      what={`the ${viewLabel(view)} view`}
      onError={(error, componentStack) =>
        reportClientError(
          { message: error.message, stack: `${error.stack ?? ''}\n${componentStack}` },
          { quiet: true },
        )
      }
    >
      <View />
    </ErrorBoundary>
  );
}
