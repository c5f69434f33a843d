// Whether the Electron binary `npm start` needs is on disk — and when not, why, in words: its package
// missing, or its download skipped or failed (electron 45 downloads lazily; a skipped download leaves
// node_modules/electron without dist/). electron-vite alone only says "Error: Electron uninstall".
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Null when the binary is there; otherwise what is missing and, if known, why. */
export function electronBinaryProblem(root: string, env: NodeJS.ProcessEnv): string | null {
  const dir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(dir, 'package.json')))
    return 'the electron package is not installed (node_modules/electron)';
  const pathFile = join(dir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist');
  if (relative && existsSync(join(distDir, relative))) return null;
  const why = env.ELECTRON_SKIP_BINARY_DOWNLOAD
    ? 'its download was skipped: ELECTRON_SKIP_BINARY_DOWNLOAD is set in this environment'
    : 'its download did not happen or failed';
  return `the Electron binary is not in ${relative ? join(distDir, relative) : distDir} — ${why}`;
}

/** What `npm start` prints instead of "Error: Electron uninstall": what happened and what to do. */
export function missingElectronMessage(problem: string): string {
  return `Release Cockpit cannot open its desktop window: ${problem}.

Do one of these:
  * Install Electron's binary, then run "npm start" again:
        npx install-electron
    (if that fails: unset ELECTRON_SKIP_BINARY_DOWNLOAD, then rm -rf node_modules/electron && npm install)
  * Or open the same app in your browser — no Electron needed:
        npm run web        builds the UI and serves it, with the demo project ready; open the address it prints
        npx cockpit serve  the same server, once the UI is built ("npm run build")
`;
}
