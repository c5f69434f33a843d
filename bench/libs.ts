// BENCH_ONLY=libs: each module the cockpit could take from a library, timed against that library on
// the same input in the same run. The row is what the cockpit ships; its "limit" is the alternative,
// so a ratio below 1 means ours is faster. The decisions these numbers feed: docs/dependencies.md.
import anser from 'anser';
import { parseAnsiSequences } from 'ansi-sequence-parser';
import { Cron } from 'croner';
import { CronExpressionParser } from 'cron-parser';
import { scaleLinear } from 'd3-scale';
import Fuse from 'fuse.js';
import * as fzfLibrary from 'fzf';
import { Virtualizer } from '@tanstack/virtual-core';
import { pack } from 'tar-stream';
import { gzipSync } from 'node:zlib';
import { nextRun, parseCron } from '../src/main/engine/kernel/cron.ts';
import { markdownToHtml } from '../src/main/engine/reports/markdown-html.ts';
import { tarGz } from '../src/main/engine/reports/tar-gz.ts';
import { valueTicks } from '../src/renderer/src/lib/chart-scale.ts';
import { fuzzyFilter } from '../src/renderer/src/lib/fuzzy-match.ts';
import { parseAnsi } from '../src/renderer/src/log-rendering/ansi.ts';
import { renderRange, topLineForScroll } from '../src/renderer/src/log-rendering/scroll-geometry.ts';
import { markdownToHtml as formerMarkdownToHtml } from './libs/former/markdown-html.ts';
import { ansiLog, commandLabels, paletteQueries, releaseNotes, tarEntries } from './libs/inputs.ts';
import { median, type BenchRow } from './stats.ts';

// fzf's bundled types import their siblings without extensions, which NodeNext cannot follow.
const fzf = fzfLibrary as unknown as {
  Fzf: new (list: readonly string[], options: object) => { find: (query: string) => unknown[] };
  extendedMatch: unknown;
};

/** The last result of each timed call, kept so the work cannot be optimised away. */
const kept: unknown[] = [];

/**
 * Median ms of each piece of work over `runs` rounds after one warm-up. The works take turns within a
 * round, so a load spike from other processes on the machine hits them alike.
 */
async function times(runs: number, ...works: (() => unknown)[]): Promise<number[]> {
  for (const work of works) kept[0] = await work();
  const samples = works.map((): number[] => []);
  for (let round = 0; round < runs; round++) {
    for (const [index, work] of works.entries()) {
      const started = performance.now();
      kept[0] = await work();
      samples[index]!.push(performance.now() - started);
    }
  }
  return samples.map(median);
}

const row = (name: string, value: number, limit: number, runs: number, unit = 'ms'): BenchRow => ({
  name,
  value,
  unit,
  limit,
  runs,
});

const CRON_EXPRESSIONS = ['*/15 * * * *', '30 2 * * *', '0 9 * * 1-5', '0 0 1,15 * mon', '5 */3 * * *'];
const CRON_STEPS = 400;
const CRON_FROM = Date.UTC(2026, 2, 1); // through the spring change in Europe/Berlin

async function cron(runs: number): Promise<BenchRow[]> {
  const zone = 'Europe/Berlin';
  const ours = () => {
    for (const expression of CRON_EXPRESSIONS) {
      const schedule = parseCron(expression);
      let t = CRON_FROM;
      for (let i = 0; i < CRON_STEPS; i++) t = nextRun(schedule, t, zone);
    }
  };
  const croner = () => {
    for (const expression of CRON_EXPRESSIONS) {
      const job = new Cron(expression, { timezone: zone, legacyMode: true });
      let t = new Date(CRON_FROM);
      for (let i = 0; i < CRON_STEPS; i++) t = job.nextRun(t) ?? t;
    }
  };
  const cronParser = () => {
    for (const expression of CRON_EXPRESSIONS) {
      const schedule = CronExpressionParser.parse(expression, { currentDate: new Date(CRON_FROM), tz: zone });
      for (let i = 0; i < CRON_STEPS; i++) schedule.next();
    }
  };
  const [oursMs, cronerMs, cronParserMs] = await times(runs, ours, croner, cronParser);
  const what = `cron: ${CRON_EXPRESSIONS.length} × ${CRON_STEPS} next runs in Europe/Berlin, hand-written`;
  return [
    row(`${what} vs croner`, oursMs!, cronerMs!, runs),
    row(`${what} vs cron-parser`, oursMs!, cronParserMs!, runs),
  ];
}

async function tar(runs: number): Promise<BenchRow[]> {
  const entries = tarEntries();
  const ours = () => tarGz(entries, { mtime: 0 });
  const library = async () => {
    const archive = pack();
    const chunks: Buffer[] = [];
    archive.on('data', (chunk) => chunks.push(chunk as Buffer));
    const done = new Promise<void>((resolve) => archive.on('end', () => resolve()));
    for (const entry of entries) {
      const header = {
        name: entry.name,
        mtime: new Date(0),
        uid: 0,
        gid: 0,
        uname: 'cockpit',
        gname: 'cockpit',
      };
      if (entry.content === undefined) archive.entry({ ...header, type: 'directory', mode: 0o755 });
      else archive.entry({ ...header, mode: 0o644 }, entry.content);
    }
    archive.finalize();
    await done;
    return gzipSync(Buffer.concat(chunks));
  };
  const [oursMs, libraryMs] = await times(runs, ours, library);
  const mb = (entries.reduce((sum, entry) => sum + (entry.content?.length ?? 0), 0) / 1e6).toFixed(1);
  return [
    row(
      `tar.gz: ${entries.length} entries, ${mb} MB, hand-written vs tar-stream + zlib`,
      oursMs!,
      libraryMs!,
      runs,
    ),
  ];
}

async function markdown(runs: number): Promise<BenchRow[]> {
  const documents = releaseNotes();
  const library = () => documents.map((text) => markdownToHtml(text, 4));
  const former = () => documents.map((text) => formerMarkdownToHtml(text, 4));
  const name = `Markdown → HTML: ${documents.length} release notes, markdown-it vs the former hand-written subset`;
  const [libraryMs, formerMs] = await times(runs, library, former);
  return [row(name, libraryMs!, formerMs!, runs)];
}

async function ansi(runs: number): Promise<BenchRow[]> {
  const lines = ansiLog();
  const ours = () => lines.map((line) => parseAnsi(line));
  const anserWork = () => lines.map((line) => anser.ansiToJson(line, { json: true, remove_empty: true }));
  const sequenceParser = () => lines.map((line) => parseAnsiSequences(line));
  const [oursMs, anserMs, sequenceParserMs] = await times(runs, ours, anserWork, sequenceParser);
  const what = `ANSI: ${lines.length.toLocaleString('en')} coloured log lines, hand-written`;
  return [
    row(`${what} vs anser`, oursMs!, anserMs!, runs),
    row(`${what} vs ansi-sequence-parser`, oursMs!, sequenceParserMs!, runs),
  ];
}

async function fuzzy(runs: number): Promise<BenchRow[]> {
  const labels = commandLabels();
  const queries = paletteQueries();
  const ours = () => queries.map((query) => fuzzyFilter(labels, query, (label) => label, 50));
  const finder = new fzf.Fzf(labels, { match: fzf.extendedMatch, casing: 'case-insensitive', limit: 50 });
  const fzfTime = () => queries.map((query) => finder.find(query));
  const fuse = new Fuse(labels, { includeMatches: true, ignoreLocation: true, threshold: 0.4 });
  const fuseTime = () => queries.map((query) => fuse.search(query, { limit: 50 }));
  const what = `fuzzy: ${queries.length} queries over ${labels.length} commands, hand-written`;
  const [oursMs, fzfMs, fuseMs] = await times(runs, ours, fzfTime, fuseTime);
  return [row(`${what} vs fzf`, oursMs!, fzfMs!, runs), row(`${what} vs fuse.js`, oursMs!, fuseMs!, runs)];
}

async function virtualScroll(runs: number): Promise<BenchRow[]> {
  const totalLines = 1_000_000;
  const viewportHeight = 540;
  const offsets = Array.from({ length: 200 }, (_, index) => index * 90_000);
  const ours = () =>
    offsets.map((scrollTop) => {
      const geometry = { totalLines, viewportHeight };
      return renderRange(topLineForScroll(scrollTop, geometry), geometry, 12);
    });
  const library = () => {
    let offset = 0;
    let notify: (offset: number, scrolling: boolean) => void = () => {};
    const virtualizer = new Virtualizer({
      count: totalLines,
      estimateSize: () => 18,
      overscan: 12,
      getScrollElement: () => ({}),
      scrollToFn: () => {},
      observeElementRect: (_instance, callback) => callback({ width: 800, height: viewportHeight }),
      observeElementOffset: (_instance, callback) => {
        notify = callback;
        callback(offset, false);
      },
      initialRect: { width: 800, height: viewportHeight },
    });
    virtualizer._willUpdate();
    return offsets.map((scrollTop) => {
      offset = scrollTop;
      notify(offset, true);
      return virtualizer.getVirtualItems().length;
    });
  };
  const name = `virtual scroll: 1,000,000 log lines, layout + 200 scroll positions, hand-written vs @tanstack/virtual-core`;
  const [oursMs, libraryMs] = await times(runs, ours, library);
  return [row(name, oursMs! * 1000, libraryMs! * 1000, runs, 'µs')];
}

async function chartTicks(runs: number): Promise<BenchRow[]> {
  const maxima = Array.from({ length: 10_000 }, (_, index) => (index * 7919) % 100_000);
  const ours = () => maxima.map((max) => valueTicks(max));
  const library = () =>
    maxima.map((max) =>
      scaleLinear()
        .domain([0, max || 1])
        .nice(4)
        .ticks(4),
    );
  const [oursMs, libraryMs] = await times(runs, ours, library);
  return [row('chart axis: 10,000 value ticks, hand-written vs d3-scale', oursMs!, libraryMs!, runs)];
}

export async function libraries(runs: number): Promise<BenchRow[]> {
  return [
    ...(await cron(runs)),
    ...(await tar(runs)),
    ...(await markdown(runs)),
    ...(await ansi(runs)),
    ...(await fuzzy(runs)),
    ...(await virtualScroll(runs)),
    ...(await chartTicks(runs)),
  ];
}
