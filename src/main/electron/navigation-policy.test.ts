// The Electron shell's decisions, without an Electron binary: which navigations (links, iframes,
// redirects) stay in the app, which open in the browser, and who may be granted a permission.
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  isAppUrl,
  isExternalWebUrl,
  isPermissionAllowed,
  navigationVerdict,
  type AppLocation,
} from './navigation-policy.ts';

const built: AppLocation = {
  devUrl: undefined,
  rendererIndex: '/opt/Release Cockpit/out/renderer/index.html',
};
const dev: AppLocation = { devUrl: 'http://localhost:5173/', rendererIndex: '/unused/index.html' };
const appFile = `${pathToFileURL(built.rendererIndex).href}?host=electron#/board`;

describe('navigation policy', () => {
  it('knows the app’s own page, and nothing else, as the app', () => {
    expect(isAppUrl(appFile, built)).toBe(true);
    expect(isAppUrl(pathToFileURL('/opt/Release Cockpit/out/renderer/other.html').href, built)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', built)).toBe(false);
    expect(isAppUrl('file://evil-host/opt/Release%20Cockpit/out/renderer/index.html', built)).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/runs/1', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('http://localhost.evil.example:5173/', dev)).toBe(false);
    expect(isAppUrl('not a url', built)).toBe(false);
  });

  it('opens outside web pages in the browser only for main-frame navigations', () => {
    expect(navigationVerdict(appFile, 'navigate', built)).toBe('allow');
    expect(navigationVerdict(appFile, 'redirect', built)).toBe('allow');
    expect(navigationVerdict('https://example.com/docs', 'navigate', built)).toBe('open-in-browser');
    // A server redirect or an iframe never leaves the app and never pops a browser.
    expect(navigationVerdict('https://evil.example/', 'redirect', dev)).toBe('block');
    expect(navigationVerdict('https://evil.example/', 'frame', built)).toBe('block');
    expect(navigationVerdict('http://localhost:5173/inner', 'frame', dev)).toBe('allow');
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'smb://share/x',
      'https://user:pass@evil.example/',
      'chrome://settings',
      'devtools://devtools/bundled/inspector.html',
    ]) {
      expect(navigationVerdict(url, 'navigate', built), url).toBe('block');
      expect(navigationVerdict(url, 'redirect', built), url).toBe('block');
      expect(navigationVerdict(url, 'frame', built), url).toBe('block');
    }
  });

  it('sends only plain http(s) pages to the system browser', () => {
    expect(isExternalWebUrl('https://docs.example.com/a?b#c')).toBe(true);
    expect(isExternalWebUrl('http://127.0.0.1:4173/')).toBe(true);
    expect(isExternalWebUrl('file:///tmp/x.html')).toBe(false);
    expect(isExternalWebUrl('javascript:alert(1)')).toBe(false);
    expect(isExternalWebUrl('https://user@evil.example/')).toBe(false);
    expect(isExternalWebUrl('')).toBe(false);
  });
});

describe('permission policy', () => {
  const ask = (overrides: Partial<Parameters<typeof isPermissionAllowed>[0]>) => ({
    permission: 'notifications',
    requestingUrl: appFile,
    isMainFrame: true,
    ...overrides,
  });

  it('grants notifications to the app’s own page in its main frame', () => {
    expect(isPermissionAllowed(ask({}), built)).toBe(true);
    expect(isPermissionAllowed(ask({ requestingUrl: 'http://localhost:5173/#/board' }), dev)).toBe(true);
    // A permission check that names only the origin.
    expect(isPermissionAllowed(ask({ requestingUrl: undefined, requestingOrigin: 'file://' }), built)).toBe(
      true,
    );
    expect(
      isPermissionAllowed(ask({ requestingUrl: undefined, requestingOrigin: 'http://localhost:5173' }), dev),
    ).toBe(true);
  });

  it('refuses any other origin, frame or permission', () => {
    expect(isPermissionAllowed(ask({ requestingUrl: 'https://evil.example/' }), built)).toBe(false);
    expect(isPermissionAllowed(ask({ requestingUrl: 'file:///tmp/evil.html' }), built)).toBe(false);
    expect(isPermissionAllowed(ask({ requestingUrl: 'http://localhost:5174/' }), dev)).toBe(false);
    expect(
      isPermissionAllowed(ask({ requestingUrl: undefined, requestingOrigin: 'https://evil.example' }), built),
    ).toBe(false);
    expect(isPermissionAllowed(ask({ requestingUrl: undefined, requestingOrigin: 'file://' }), dev)).toBe(
      false,
    );
    expect(isPermissionAllowed(ask({ requestingUrl: undefined }), built)).toBe(false);
    expect(isPermissionAllowed(ask({ isMainFrame: false }), built)).toBe(false);
    expect(isPermissionAllowed(ask({ embeddingOrigin: 'https://evil.example' }), built)).toBe(false);
    for (const permission of [
      'media',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'hid',
      'usb',
      'unknown',
    ]) {
      expect(isPermissionAllowed(ask({ permission }), built), permission).toBe(false);
    }
  });
});
