// The one message name that carries the engine's MessagePort from the Electron main process,
// through the preload, into the page.
export const ENGINE_PORT_MESSAGE = 'cockpit:engine-port';

/** Sent when the engine process died: a MessagePort gets no 'close' when its other end disappears. */
export const ENGINE_LOST_MESSAGE = 'cockpit:engine-lost';

/** main → page: open a route (e.g. "#/runs/42") — from the tray menu or a clicked notification. */
export const NAVIGATE_MESSAGE = 'cockpit:navigate';

/** The only routes main may open: the renderer's own hash routes, nothing else. */
export function isAppRoute(route: unknown): route is string {
  return (
    typeof route === 'string' &&
    /^#\/[a-z-]+(?:\/[1-9][0-9]{0,14})?(?:\?project=[1-9][0-9]{0,14})?$/.test(route)
  );
}

/** page → preload → main: show a kept artifact in the file manager ({ runId, job, path } of the artifact). */
export const SHOW_ARTIFACT_MESSAGE = 'cockpit:show-artifact';

export interface ShowArtifactRequest {
  runId: number;
  job: string;
  path: string;
}

/** The only shape that crosses: a run id, a job name and a relative path, nothing else. */
export function isShowArtifactRequest(value: unknown): value is ShowArtifactRequest {
  if (typeof value !== 'object' || value === null) return false;
  const { runId, job, path } = value as Record<string, unknown>;
  return (
    Object.keys(value).length === 3 &&
    typeof runId === 'number' &&
    Number.isInteger(runId) &&
    runId > 0 &&
    typeof job === 'string' &&
    job.length > 0 &&
    job.length <= 200 &&
    typeof path === 'string' &&
    path.length > 0 &&
    path.length <= 4096 &&
    !path.includes('\0')
  );
}
