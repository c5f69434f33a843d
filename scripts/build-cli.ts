// `node scripts/build-cli.ts [--outdir DIR]`: bundles the `cockpit` command into out/cli (part of
// `npm run build`). From source every start type-strips and loads hundreds of modules; the bundle is
// a few plain JavaScript files, with each command in its own chunk so `--version` loads almost none.
// Beside it: the SQL migrations (SQLite's and the team store's) and the log-search worker (the engine reads and starts them from
// disk), and inputs.json, the sources it was built from, by which bin/cockpit.js tells whether it is
// still current. better-sqlite3 (a native addon) stays in node_modules; markdown-it is required at
// run time (engine/reports/markdown-html.ts) and resolves from node_modules too.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build, type Plugin } from 'rolldown';

const root = join(import.meta.dirname, '..');
const migrations = 'src/main/engine/kernel/store/migrations';
const teamMigrations = 'src/main/engine/team/migrations';

export interface CliBundle {
  outDir: string;
  /** Source files (relative to the repository) the bundle was built from. */
  inputs: string[];
}

/** What inputs.json holds; bin/cockpit.js reads it. */
export interface CliBundleManifest {
  /** Date.now() when the build began: a source changed after that makes the bundle stale. */
  startedAt: number;
  inputs: string[];
}

/**
 * `import { request } from 'node:http'` makes Node build the module's ES namespace, which reads every
 * export — including the getters for WebSocket, CloseEvent and MessageEvent, which load undici (the
 * fetch implementation): ~100 ms of a `cockpit status` profile, for classes the cockpit never uses.
 * Served from process.getBuiltinModule instead, with every other export of the Node that builds.
 */
function httpWithoutUndici(): Plugin {
  const virtual = '\0cockpit:node-http';
  const undiciGetters = new Set(['WebSocket', 'CloseEvent', 'MessageEvent']);
  return {
    name: 'cockpit:node-http-without-undici',
    resolveId(source, _importer, { kind }) {
      // require('http') (ws) gets the module object itself, which builds no namespace.
      return kind === 'import-statement' && (source === 'node:http' || source === 'http') ? virtual : null;
    },
    load(id) {
      if (id !== virtual) return null;
      const http = process.getBuiltinModule('node:http');
      const names = Object.keys(http).filter((name) => !undiciGetters.has(name));
      return [
        "const http = process.getBuiltinModule('node:http');",
        'export default http;',
        `export const { ${names.join(', ')} } = http;`,
      ].join('\n');
    },
  };
}

export async function buildCli(outDir = join(root, 'out', 'cli')): Promise<CliBundle> {
  const startedAt = Date.now();
  rmSync(outDir, { recursive: true, force: true });
  const output = await build({
    cwd: root,
    input: {
      cockpit: join(root, 'src/main/host/cli/bundle-entry.ts'),
      'log-search-worker': join(root, 'src/main/engine/pipelines/run-logs/log-search-worker.ts'),
    },
    platform: 'node',
    external: [/^better-sqlite3(\/|$)/],
    plugins: [httpWithoutUndici()],
    logLevel: 'warn',
    output: {
      dir: outDir,
      format: 'esm',
      entryFileNames: '[name].mjs',
      chunkFileNames: 'chunks/[name]-[hash].mjs',
    },
  });
  cpSync(join(root, migrations), join(outDir, 'migrations'), { recursive: true });
  cpSync(join(root, teamMigrations), join(outDir, 'team-migrations'), { recursive: true });

  const modules = new Set<string>();
  for (const chunk of output.output) {
    if (chunk.type === 'chunk') for (const id of chunk.moduleIds) modules.add(id);
  }
  const inputs = [...modules]
    .filter((id) => isAbsolute(id) && !id.includes('/node_modules/'))
    .map((id) => relative(root, id))
    .filter((path) => !path.startsWith('..'));
  // The dependencies inside the bundle change when npm installs (npm rewrites this file each time);
  // the migrations folder changes when a migration is added.
  inputs.push('node_modules/.package-lock.json', migrations, teamMigrations);
  inputs.sort();
  const manifest: CliBundleManifest = { startedAt, inputs };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'inputs.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { outDir, inputs };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
  const started = performance.now();
  const bundle = await buildCli(values.outdir === undefined ? undefined : resolve(values.outdir));
  process.stdout.write(
    `Built the cockpit CLI into ${relative(process.cwd(), bundle.outDir) || '.'} from ${bundle.inputs.length} sources in ${Math.round(performance.now() - started)} ms.\n`,
  );
}
