// The button under a paged list (runs, deployments, the audit log) that fetches the next page.
import { BusyButton } from './BusyButton.tsx';
import './load-more-button.css';

interface LoadMoreButtonProps {
  loading: boolean;
  onLoadMore: () => unknown;
}

export function LoadMoreButton({ loading, onLoadMore }: LoadMoreButtonProps) {
  return (
    <BusyButton busy={loading} className="button load-more-button" onClick={() => void onLoadMore()}>
      Load more
    </BusyButton>
  );
}
