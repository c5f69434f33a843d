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
