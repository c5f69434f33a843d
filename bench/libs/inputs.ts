// Deterministic inputs for BENCH_ONLY=libs, shaped like what the cockpit really handles: evidence
// packs, release notes, coloured CI logs and command-palette labels.
import type { TarEntry } from '../../src/main/engine/reports/tar-gz.ts';

/** A pseudo-random stream (mulberry32), so every run builds the same inputs. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = [
  'cart',
  'checkout',
  'api',
  'fix',
  'retry',
  'cache',
  'login',
  'items',
  'deploy',
  'report',
  'log',
];

/** An evidence pack's shape: folders, 200 small logs, JSON records and one 2 MB log. */
export function tarEntries(): TarEntry[] {
  const next = random(1);
  const line = () => `${words[Math.floor(next() * words.length)]} step ${Math.floor(next() * 1e6)} ok\n`;
  const text = (bytes: number) => {
    let out = '';
    while (out.length < bytes) out += line();
    return Buffer.from(out);
  };
  const entries: TarEntry[] = [{ name: 'pack/' }, { name: 'pack/logs/' }];
  for (let job = 0; job < 20; job++) entries.push({ name: `pack/logs/job-${job}/` });
  for (let job = 0; job < 20; job++) {
    for (let attempt = 1; attempt <= 10; attempt++) {
      entries.push({ name: `pack/logs/job-${job}/attempt-${attempt}.log`, content: text(4_096) });
    }
  }
  entries.push({ name: 'pack/logs/build.log', content: text(2_000_000) });
  for (const name of ['deployment.json', 'run.json', 'health.json', 'audit.json']) {
    entries.push({ name: `pack/${name}`, content: text(20_000) });
  }
  return entries;
}

/** 200 release notes as the engine writes them: groups of conventional commits and the authors. */
export function releaseNotes(): string[] {
  const next = random(2);
  const pick = () => words[Math.floor(next() * words.length)]!;
  return Array.from({ length: 200 }, (_, index) => {
    const lines = [`## v1.${index}.0 (since v1.${index - 1}.0)`, ''];
    if (index % 10 === 0) lines.push(`> ⚠ v1.${index - 1}.0 is not an ancestor of v1.${index}.0`, '');
    for (const title of ['Breaking changes', 'Features', 'Fixes']) {
      lines.push(`### ${title}`, '');
      for (let commit = 0; commit < 10; commit++) {
        const sha = Math.floor(next() * 0xfffffff).toString(16);
        lines.push(
          `- **${pick()}:** ${pick()} the \`${pick()}\` ${pick()} and ${pick()} (${sha}, #${commit + 10})`,
        );
      }
      lines.push('');
    }
    lines.push('Authors: Ann (12), Bob (9), Chi (9)');
    return lines.join('\n');
  });
}

/** 20,000 lines of a coloured CI log: test results, 256-colour and truecolor, progress redraws. */
export function ansiLog(): string[] {
  const next = random(3);
  const kinds = [
    (n: number) =>
      `\u001b[32m✓\u001b[39m test ${n} passes \u001b[2m(${Math.floor(next() * 90)} ms)\u001b[22m`,
    (n: number) =>
      `\u001b[1;31m✗ test ${n} failed\u001b[0m: expected \u001b[32m1\u001b[39m, got \u001b[31m2\u001b[39m`,
    (n: number) => `\u001b[38;5;${16 + (n % 216)}mwebpack\u001b[0m compiled module ${n} in ${n % 97} ms`,
    (n: number) => `\u001b[38;2;${n % 256};128;${255 - (n % 256)}m▌\u001b[0m truecolor bar ${n}`,
    (n: number) => `\u001b[2K\u001b[1Gdownloading ${n % 100}%\rdownloading ${(n % 100) + 1}%`,
    (n: number) => `plain output line ${n} with no escapes at all, as most lines are`,
    (n: number) => `plain output line ${n} with no escapes at all, as most lines are`,
  ];
  return Array.from({ length: 20_000 }, (_, index) => kinds[Math.floor(next() * kinds.length)]!(index));
}

/** What the command palette lists with 40 projects of 5 environments: ~1,000 labels. */
export function commandLabels(): string[] {
  const labels = ['Go to Board', 'Go to Pipelines', 'Go to Environments', 'Go to Releases', 'Go to Insights'];
  const environments = ['dev', 'qa', 'staging', 'canary', 'production'];
  for (let project = 0; project < 40; project++) {
    const name = `${words[project % words.length]} service ${project}`;
    for (const environment of environments) {
      for (const action of ['Deploy HEAD', 'Promote to production', 'Roll back', 'Release notes', 'Open']) {
        labels.push(`${name} · ${environment}: ${action}`);
      }
    }
  }
  return labels;
}

export function paletteQueries(): string[] {
  return ['dep', 'dep stag', 'prod roll', 'rel', 'cart 1 prod', 'go b', 'xyz', 'api service 2 canary open'];
}
