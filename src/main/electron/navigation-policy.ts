// Where a page of the app may go, and what it may be granted: pure decisions, tested without an
// Electron binary; security.ts wires them to Electron's events and session handlers.
import { pathToFileURL } from 'node:url';

export interface AppLocation {
  /** The dev server's URL (electron-vite dev), or undefined when loading the built files. */
  devUrl: string | undefined;
  /** The built index.html: a file:// URL's path must be exactly this one. */
  rendererIndex: string;
}

/** True for the app's own page: the dev server's origin, or the built index.html file. */
export function isAppUrl(url: string, location: AppLocation): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (location.devUrl) return target.origin === new URL(location.devUrl).origin;
  return (
    target.protocol === 'file:' &&
    target.host === '' &&
    target.pathname === pathToFileURL(location.rendererIndex).pathname
  );
}

/** Only web pages go to the system browser: never file:, javascript:, custom schemes or garbage. */
export function isExternalWebUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol, username, password } = new URL(url);
  return (protocol === 'http:' || protocol === 'https:') && username === '' && password === '';
}

/**
 * How a navigation is handled: `navigate` is the main frame following a link or script (an outside
 * web page opens in the browser instead); a `frame` navigation (an iframe) or a server `redirect`
 * never leaves the app and never opens anything.
 */
export type NavigationKind = 'navigate' | 'frame' | 'redirect';
export type NavigationVerdict = 'allow' | 'block' | 'open-in-browser';

export function navigationVerdict(
  url: string,
  kind: NavigationKind,
  location: AppLocation,
): NavigationVerdict {
  if (isAppUrl(url, location)) return 'allow';
  return kind === 'navigate' && isExternalWebUrl(url) ? 'open-in-browser' : 'block';
}

/** What the app's page may be granted: desktop notifications, nothing else. */
export const allowedPermissions: ReadonlySet<string> = new Set(['notifications']);

export interface PermissionAsk {
  permission: string;
  /** The URL of the frame asking (permission requests; most checks). */
  requestingUrl?: string;
  /** The origin asking (permission checks give this when they give no URL). */
  requestingOrigin?: string;
  isMainFrame: boolean;
  /** Set for cross-origin subframes: the app has none, so any is refused. */
  embeddingOrigin?: string;
}

/** Allowed only for a permission on the list, asked by the app's own page in its main frame. */
export function isPermissionAllowed(ask: PermissionAsk, location: AppLocation): boolean {
  if (!allowedPermissions.has(ask.permission)) return false;
  if (!ask.isMainFrame || (ask.embeddingOrigin !== undefined && ask.embeddingOrigin !== '')) return false;
  if (ask.requestingUrl) return isAppUrl(ask.requestingUrl, location);
  return ask.requestingOrigin !== undefined && isAppOrigin(ask.requestingOrigin, location);
}

function isAppOrigin(origin: string, location: AppLocation): boolean {
  if (location.devUrl) return origin === new URL(location.devUrl).origin;
  // Chromium names the origin of every file:// page "file://"; the navigation rules keep the window on
  // the app's own index.html, and a URL, when given, is checked exactly.
  return origin === 'file://' || origin === 'file:///';
}
