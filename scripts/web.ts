// `npm run web`: the same app in a browser, no Electron needed — builds the UI and the CLI, then runs
// `cockpit serve --demo --open`: the demo project ready when there is no project yet, and the address
// opened in the default browser (and printed). Options: --no-build, --no-open, --port N.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const portAt = args.indexOf('--port');
const port = portAt === -1 ? '4173' : (args[portAt + 1] ?? '4173');

if (!flag('--no-build')) {
  const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: root, stdio: 'inherit' });
  const cli =
    build.status === 0
      ? spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.ts')], { cwd: root, stdio: 'inherit' })
      : build;
  if (cli.status !== 0) {
    process.stderr.write('error: building the UI or the CLI failed (see above); nothing was served.\n');
    process.exit(cli.status ?? 1);
  }
}

const serve = spawn(
  process.execPath,
  [
    join(root, 'bin', 'cockpit.js'),
    'serve',
    '--port',
    port,
    '--demo',
    ...(flag('--no-open') ? [] : ['--open']),
  ],
  { cwd: root, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => serve.kill(signal));
serve.on('exit', (code) => process.exit(code ?? 1));
