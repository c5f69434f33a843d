// `npm run bench`: measures the cockpit against the plain-tool limit in the same run and prints a
// Markdown table (copied into docs/performance.md). Needs `npm run build` first for the UI.
// BENCH_ONLY=cli|cold-start|idle|runner|sources|logs|monitor|history|board|insights|config|libs runs one suite (only cli and
// cold-start need the build).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ciSources } from './ci-sources.ts';
import { cliStart } from './cli-start.ts';
import { coldStart } from './cold-start.ts';
import { idleMemory } from './idle-memory.ts';
import { configParse } from './config-parse.ts';
import { logThroughput } from './log-throughput.ts';
import { environmentHistory } from './environment-history.ts';
import { environmentScheduler } from './environment-scheduler.ts';
import { insights } from './insights.ts';
import { libraries } from './libs.ts';
import { releaseBoard } from './release-board.ts';
import { runnerOverhead } from './runner-overhead.ts';
import { formatRows, type BenchRow } from './stats.ts';

const root = join(import.meta.dirname, '..');
const only = process.env.BENCH_ONLY;
const runs = Number(process.env.BENCH_RUNS ?? 7);
const rows: BenchRow[] = [];

if (only === undefined || only === 'cli') {
  rows.push(
    ...(await cliStart(
      Number(process.env.BENCH_CLI_RUNS ?? 11),
      Number(process.env.BENCH_CLI_PIPELINE_RUNS ?? Math.min(runs, 5)),
    )),
  );
}
if (only === undefined || only === 'cold-start') {
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    console.error('bench: the UI is not built; run "npm run build" first.');
    process.exit(1);
  }
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
    rows.push(...(await coldStart(browser, runs)));
  } finally {
    await browser.close();
  }
}
if (only === undefined || only === 'cold-start' || only === 'idle') {
  rows.push(
    ...(await idleMemory(
      Number(process.env.BENCH_IDLE_RUNS ?? Math.min(runs, 3)),
      Number(process.env.BENCH_IDLE_SECONDS ?? 10) * 1000,
    )),
  );
}
if (only === undefined || only === 'runner') {
  rows.push(...(await runnerOverhead(Number(process.env.BENCH_RUNNER_RUNS ?? Math.min(runs, 5)))));
}
if (only === undefined || only === 'sources') {
  rows.push(...(await ciSources(Number(process.env.BENCH_SOURCES_RUNS ?? Math.min(runs, 3)))));
}
if (only === undefined || only === 'logs') {
  rows.push(...logThroughput(Number(process.env.BENCH_LOG_RUNS ?? Math.min(runs, 5))));
}
if (only === undefined || only === 'monitor') {
  rows.push(...(await environmentScheduler(1000, 5)));
  rows.push(...(await environmentScheduler(5000, 30)));
}
if (only === undefined || only === 'history') {
  rows.push(...(await environmentHistory(Number(process.env.BENCH_HISTORY_RUNS ?? 21))));
}
if (only === undefined || only === 'board') {
  rows.push(...(await releaseBoard(Number(process.env.BENCH_BOARD_RUNS ?? 11))));
}
if (only === undefined || only === 'insights') {
  rows.push(...insights(Number(process.env.BENCH_INSIGHTS_RUNS ?? 11)));
}
if (only === undefined || only === 'config') {
  rows.push(...configParse(Number(process.env.BENCH_CONFIG_RUNS ?? 5)));
}
if (only === undefined || only === 'libs') {
  rows.push(...(await libraries(Number(process.env.BENCH_LIBS_RUNS ?? 11))));
}
process.stdout.write(
  `\nRelease Cockpit benchmarks (${new Date().toISOString()}, node ${process.version})\n\n${formatRows(rows)}\n`,
);
