// `npm start`: the desktop app (electron-vite preview). When the Electron binary is missing it says so
// and what to do — install it, or use the same UI in a browser — instead of "Error: Electron uninstall".
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinaryProblem, missingElectronMessage } from './electron-binary.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const problem = electronBinaryProblem(root, process.env);
if (problem) {
  process.stderr.write(missingElectronMessage(problem));
  process.exit(1);
}
const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const result = spawnSync(process.execPath, [electronVite, 'preview', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
