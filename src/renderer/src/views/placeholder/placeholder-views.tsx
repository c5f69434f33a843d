// The views that are not built yet, each saying plainly what it will show.
import { PlaceholderView } from './PlaceholderView.tsx';

export function InsightsView() {
  return (
    <PlaceholderView
      id="insights"
      title="Insights"
      icon="insights"
      summary="How delivery is going over time."
      details="DORA metrics (deployment frequency, lead time for changes, change failure rate, time to restore) and their trends will appear here once there is run and deployment history to compute them from."
    />
  );
}
