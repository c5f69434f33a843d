// The one message name that carries the engine's MessagePort from the Electron main process,
// through the preload, into the page.
export const ENGINE_PORT_MESSAGE = 'cockpit:engine-port';

/** Sent when the engine process died: a MessagePort gets no 'close' when its other end disappears. */
export const ENGINE_LOST_MESSAGE = 'cockpit:engine-lost';
