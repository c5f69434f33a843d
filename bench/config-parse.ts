// Parsing cockpit.yml at scale: pipelines of 10,000 and 100,000 jobs (a chain of needs, env and a
// retry on some) through parseConfig — YAML, limits, duplicate keys, schema and semantic checks —
// against the limit: the yaml package alone turning the same text into plain data (no checks).
import { parse } from 'yaml';
import { DEFAULT_CONFIG_LIMITS } from '../src/main/engine/config/config-limits.ts';
import { parseConfig } from '../src/main/engine/config/load-config.ts';
import { median, type BenchRow } from './stats.ts';

export function configText(jobs: number): string {
  const lines = ['version: 1', 'name: big', 'pipelines:', '  ci:', '    jobs:'];
  for (let i = 0; i < jobs; i++) {
    lines.push(`      job${i}:`, `        run: echo ${i}`);
    if (i > 0) lines.push(`        needs: [job${i - 1}]`);
    if (i % 10 === 0) lines.push('        env: { STAGE: test }', '        retry: 1');
  }
  return `${lines.join('\n')}\n`;
}

function time(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

export function configParse(runs: number): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const jobs of [10_000, 100_000]) {
    const text = configText(jobs);
    // 100k jobs (6.6 MB) is over the default 1 MiB limit: raised here to measure the parser itself.
    const limits = { ...DEFAULT_CONFIG_LIMITS, maxBytes: 64 * 1024 * 1024, maxNodes: 10_000_000 };
    const count = jobs > 10_000 ? Math.max(1, Math.min(runs, 3)) : runs;
    const ours: number[] = [];
    const bare: number[] = [];
    for (let run = 0; run < count + 1; run++) {
      let status = '';
      const ms = time(() => {
        status = parseConfig(text, 'cockpit.yml', limits).status;
      });
      if (status !== 'ok') throw new Error(`config-parse: ${jobs} jobs parsed as ${status}`);
      const limit = time(() => parse(text, { uniqueKeys: false, maxAliasCount: -1 }));
      if (run > 0) {
        // the first run warms up the JIT
        ours.push(ms);
        bare.push(limit);
      }
    }
    rows.push({
      name: `parse cockpit.yml with ${jobs.toLocaleString('en')} jobs (${(text.length / 1e6).toFixed(1)} MB), limits and checks included`,
      value: median(ours),
      unit: 'ms',
      limit: median(bare),
      runs: count,
    });
  }
  return rows;
}
