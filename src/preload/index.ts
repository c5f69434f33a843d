// The whole bridge between the page and the app: it hands the engine's MessagePort to the page.
// Nothing else crosses (besides a signal that the engine died) — no contextBridge API, no Node,
// no ipcRenderer in the page.
import { ipcRenderer } from 'electron';
import {
  ENGINE_LOST_MESSAGE,
  ENGINE_PORT_MESSAGE,
  isAppRoute,
  NAVIGATE_MESSAGE,
} from '../shared/engine-port.ts';

// The preload's window (lib "dom" is not in this tsconfig, which also covers Node code).
declare const window: {
  postMessage(message: unknown, targetOrigin: string, transfer?: unknown[]): void;
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
