// Keeps the current route in the URL hash (#/board, #/settings, #/runs/42, #/environments/7, …) so
// reload and Back work.
// `#/pipelines?project=3` opens the Pipelines view on that project (and is then shown as #/pipelines).
import { isViewId, viewLabel, type ViewId } from './views.ts';

export interface Route {
  view: ViewId;
  /** The run shown in the Pipelines section (#/runs/<id>), if any. */
  runId: number | null;
  /** The environment shown in the Environments section (#/environments/<id>), if any. */
  environmentId: number | null;
}

/** What the hash sync reads and calls; the app's store has it (navigation imports no store). */
export interface RouteStore {
  getState(): {
    view: ViewId;
    openRunId: number | null;
    openEnvironmentId: number | null;
    navigate(route: Route): void;
    selectPipelinesProject(projectId: number): void;
  };
  subscribe(listener: (state: RouteView, previous: RouteView) => void): () => void;
}

type RouteView = Pick<ReturnType<RouteStore['getState']>, 'view' | 'openRunId' | 'openEnvironmentId'>;

interface ParsedRoute extends Route {
  projectId: number | null;
}

export function routeFromHash(hash: string): ParsedRoute | null {
  const run = /^#\/runs\/([1-9][0-9]{0,14})\/?$/.exec(hash);
  if (run?.[1]) return { view: 'pipelines', runId: Number(run[1]), environmentId: null, projectId: null };
  const environment = /^#\/environments\/([1-9][0-9]{0,14})\/?$/.exec(hash);
  if (environment?.[1]) {
    return { view: 'environments', runId: null, environmentId: Number(environment[1]), projectId: null };
  }
  const match = /^#\/([a-z-]+)\/?(?:\?project=([1-9][0-9]{0,14}))?$/.exec(hash);
  if (!match?.[1] || !isViewId(match[1])) return null;
  return { view: match[1], runId: null, environmentId: null, projectId: match[2] ? Number(match[2]) : null };
}

export function viewFromHash(hash: string): ViewId | null {
  return routeFromHash(hash)?.view ?? null;
}

export function hashForView(view: ViewId): string {
  return `#/${view}`;
}

export function hashForRun(runId: number): string {
  return `#/runs/${runId}`;
}

export function hashForEnvironment(environmentId: number): string {
  return `#/environments/${environmentId}`;
}

export function hashForProjectPipelines(projectId: number): string {
  return `#/pipelines?project=${projectId}`;
}

export function hashForRoute(route: Route): string {
  if (route.runId !== null) return hashForRun(route.runId);
  if (route.environmentId !== null) return hashForEnvironment(route.environmentId);
  return hashForView(route.view);
}

function titleFor(route: Route): string {
  if (route.runId !== null) return `Run #${route.runId}`;
  if (route.environmentId !== null) return `Environment #${route.environmentId}`;
  return viewLabel(route.view);
}

/** Two-way sync between `location.hash` and the store's route; returns a function that stops it. */
export function startHashSync(store: RouteStore): () => void {
  const current = (): Route => ({
    view: store.getState().view,
    runId: store.getState().openRunId,
    environmentId: store.getState().openEnvironmentId,
  });

  const apply = (route: Route) => {
    document.title = `${titleFor(route)} · Release Cockpit`;
    const hash = hashForRoute(route);
    if (location.hash === hash) return;
    const shown = routeFromHash(location.hash);
    // The same route spelled differently (#/pipelines?project=3) is rewritten without a history entry.
    if (
      shown &&
      shown.view === route.view &&
      shown.runId === route.runId &&
      shown.environmentId === route.environmentId
    )
      history.replaceState(null, '', hash);
    else location.hash = hash;
  };

  const follow = (parsed: ParsedRoute) => {
    if (parsed.projectId !== null) store.getState().selectPipelinesProject(parsed.projectId);
    store
      .getState()
      .navigate({ view: parsed.view, runId: parsed.runId, environmentId: parsed.environmentId });
  };

  const initial = routeFromHash(location.hash);
  if (initial) follow(initial);
  else history.replaceState(null, '', hashForRoute(current()));
  apply(current());

  const onHashChange = () => {
    // Hashes that are not routes are left alone.
    const parsed = routeFromHash(location.hash);
    if (parsed) {
      follow(parsed);
      apply(current());
    }
  };
  window.addEventListener('hashchange', onHashChange);
  const unsubscribe = store.subscribe((state, previous) => {
    if (
      state.view !== previous.view ||
      state.openRunId !== previous.openRunId ||
      state.openEnvironmentId !== previous.openEnvironmentId
    )
      apply(current());
  });
  return () => {
    window.removeEventListener('hashchange', onHashChange);
    unsubscribe();
  };
}
