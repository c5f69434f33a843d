// Drives the real desktop app: Electron main, the engine utilityProcess, the preload port hand-over
// and the sandboxed renderer. Runs wherever the Electron binary is installed; skips, saying why, elsewhere.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The Electron executable, or null when the binary was skipped at install. Reads path.txt itself
 * rather than require('electron'), whose index.js tries to download a missing binary.
 */
function electronExecutable(): string | null {
  try {
    const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const relative = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim();
    const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
    const executable = join(distDir, relative);
    return relative && existsSync(executable) ? executable : null;
  } catch {
    return null;
  }
}

const executable = electronExecutable();
test.skip(
  executable === null,
  'Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD=1); this spec runs where it is',
);

test('the desktop app opens sandboxed and shows the demo project on the board', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-electron-'));
  const env = Object.fromEntries(
    Object.entries({ ...process.env, COCKPIT_DATA_DIR: dataDir }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
  delete env.ELECTRON_RUN_AS_NODE;
  const app = await electron.launch({
    executablePath: executable!,
    args: [join(root, 'out', 'main', 'index.js')],
    cwd: root,
    env,
  });
  try {
    const window = await app.firstWindow();
    await expect(window).toHaveTitle(/Release Cockpit/);

    const preferences = await app.evaluate(({ BrowserWindow }) => {
      // getLastWebPreferences() exists at run time but is missing from electron.d.ts.
      const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
        getLastWebPreferences(): Record<string, unknown> | null;
      };
      const prefs = contents.getLastWebPreferences() ?? {};
      return {
        contextIsolation: prefs.contextIsolation,
        sandbox: prefs.sandbox,
        nodeIntegration: prefs.nodeIntegration,
      };
    });
    expect(preferences).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    // Nothing from Node or Electron leaks into the page.
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    );

    await window.getByRole('button', { name: 'Open the demo project' }).click();
    await expect(window.locator('[data-testid="project-row"]').first()).toBeVisible({ timeout: 30_000 });

    mkdirSync(join(root, 'test-results'), { recursive: true });
    await window.screenshot({ path: join(root, 'test-results', 'electron-board.png') });
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
