// `npm run bench`: measures the cockpit against the plain-tool limit in the same run and prints a
// Markdown table (copied into docs/performance.md). Needs `npm run build` first for the UI.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { coldStart } from './cold-start.ts';
import { formatRows } from './stats.ts';

const root = join(import.meta.dirname, '..');
if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  console.error('bench: the UI is not built; run "npm run build" first.');
  process.exit(1);
}
const runs = Number(process.env.BENCH_RUNS ?? 7);
const executablePath = existsSync(chromium.executablePath()) ? undefined : '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
try {
  const rows = await coldStart(browser, runs);
  process.stdout.write(
    `\nRelease Cockpit benchmarks (${new Date().toISOString()}, node ${process.version})\n\n${formatRows(rows)}\n`,
  );
} finally {
  await browser.close();
}
