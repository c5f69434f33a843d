// Build config for the three Electron bundles (main + engine process, preload, renderer).
// The CLI and web host have their own bundle (scripts/build-cli.ts, out/cli); `npm run build` runs both.
import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './src/shared/csp.ts';

/** The engine reads its numbered SQL migrations from disk; ship them beside the bundle. */
function copyMigrations(): Plugin {
  return {
    name: 'cockpit:copy-migrations',
    apply: 'build',
    closeBundle() {
      cpSync(resolve('src/main/engine/kernel/store/migrations'), resolve('out/main/migrations'), {
        recursive: true,
      });
    },
  };
}

/** Strict CSP in built files; the dev server needs inline styles and the React refresh preamble. */
function injectCsp(): Plugin {
  let dev = false;
  return {
    name: 'cockpit:csp',
    configResolved(config) {
      dev = config.command === 'serve';
    },
    transformIndexHtml(html) {
      const policy = contentSecurityPolicy({ dev });
      return html.replace(
        '<!-- CSP -->',
        `<meta http-equiv="Content-Security-Policy" content="${policy}" />`,
      );
    },
  };
}

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          'engine-process': resolve('src/main/electron/engine-process.ts'),
          // Log searches run in a worker thread of the engine process (see log-search.ts).
          'log-search-worker': resolve('src/main/engine/pipelines/run-logs/log-search-worker.ts'),
        },
      },
    },
    plugins: [copyMigrations()],
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // Sandboxed preloads cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: { minify: true, rolldownOptions: { input: { index: resolve('src/renderer/index.html') } } },
    plugins: [react(), injectCsp()],
  },
});
