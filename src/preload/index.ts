// The whole bridge between the page and the app: it hands the engine's MessagePort to the page.
// Nothing else crosses (besides a signal that the engine died, and the page's one request to show a
// kept artifact in the file manager) — no contextBridge API, no Node, no ipcRenderer in the page.
import { ipcRenderer } from 'electron';
import {
  ENGINE_LOST_MESSAGE,
  ENGINE_PORT_MESSAGE,
  isAppRoute,
  isShowArtifactRequest,
  NAVIGATE_MESSAGE,
  SHOW_ARTIFACT_MESSAGE,
} from '../shared/engine-port.ts';

// The preload's window (lib "dom" is not in this tsconfig, which also covers Node code).
declare const window: {
  postMessage(message: unknown, targetOrigin: string, transfer?: unknown[]): void;
  addEventListener(type: 'message', listener: (event: { source: unknown; data: unknown }) => void): void;
  location: { hash: string };
};

// Why window.postMessage: contextBridge only copies values between the isolated world and the page,
// and a MessagePort cannot be copied, only transferred. window.postMessage transfers it into the page.
// The page listens for 'message' events whose data is
// ENGINE_PORT_MESSAGE and whose source is its window, and rebinds its client on every new port:
// main sends one after each page load and again whenever the engine process restarts.
ipcRenderer.on(ENGINE_PORT_MESSAGE, (event) => {
  window.postMessage(ENGINE_PORT_MESSAGE, '*', event.ports);
});

// The engine process died: tell the page, so it shows "reconnecting" and fails pending calls at once.
ipcRenderer.on(ENGINE_LOST_MESSAGE, () => {
  window.postMessage(ENGINE_LOST_MESSAGE, '*');
});

// Main opens a route (tray menu, notification): setting the hash is what a link click does, and the
// page's router follows hashchange. Only the app's own routes pass.
ipcRenderer.on(NAVIGATE_MESSAGE, (_event, route: unknown) => {
  if (isAppRoute(route)) window.location.hash = route;
});

// The page asks to show a kept artifact in the file manager ("Show in folder" in the run view): only
// from this window, only the { runId, job, path } shape; main checks the sender and the path again.
window.addEventListener('message', (event) => {
  if (event.source !== window) return;
  const data = event.data as { t?: unknown; request?: unknown } | null;
  if (data?.t !== SHOW_ARTIFACT_MESSAGE || !isShowArtifactRequest(data.request)) return;
  ipcRenderer.send(SHOW_ARTIFACT_MESSAGE, data.request);
});
