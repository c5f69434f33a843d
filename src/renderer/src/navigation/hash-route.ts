// Keeps the current view in the URL hash (#/board, #/settings, …) so reload and Back work.
import type { CockpitStore } from '../stores/cockpit-store.ts';
import { isViewId, viewLabel, type ViewId } from './views.ts';

export function viewFromHash(hash: string): ViewId | null {
  const match = /^#\/([a-z-]+)\/?$/.exec(hash);
  return match?.[1] && isViewId(match[1]) ? match[1] : null;
}

export function hashForView(view: ViewId): string {
  return `#/${view}`;
}

/** Two-way sync between `location.hash` and the store's view; returns a function that stops it. */
export function startHashSync(store: CockpitStore): () => void {
  const apply = (view: ViewId) => {
    document.title = `${viewLabel(view)} · Release Cockpit`;
    if (location.hash !== hashForView(view)) location.hash = hashForView(view);
  };

  const initial = viewFromHash(location.hash);
  if (initial) store.getState().setView(initial);
  else history.replaceState(null, '', hashForView(store.getState().view));
  apply(store.getState().view);

  const onHashChange = () => {
    // Hashes that are not routes (none are used today) are left alone.
    const view = viewFromHash(location.hash);
    if (view) store.getState().setView(view);
  };
  window.addEventListener('hashchange', onHashChange);
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.view !== previous.view) apply(state.view);
  });
  return () => {
    window.removeEventListener('hashchange', onHashChange);
    unsubscribe();
  };
}
