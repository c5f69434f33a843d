// Fidelity against gitlab-ci-local's own test cases (see gcl-cases.ts): each case runs in a real git
// repository with real shells, and the same jobs must run, fail or be skipped, print the same, keep the
// same artifacts, and the same files must be refused. The share of cases without a difference is the
// figure in docs/ci-compatibility.md.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../../../../shared/domain/run.ts';
import { systemClock } from '../../../../kernel/clock.ts';
import { cleanupFixtures, gitRepo } from '../../../../../testing/fixtures.ts';
import { testEngine } from '../../../../../testing/test-engine.ts';
import { gclCases, type FidelityCase } from './gcl-cases.ts';

afterEach(cleanupFixtures);

type Engine = ReturnType<typeof testEngine>;

async function logLines(engine: Engine, detail: RunDetail): Promise<Map<string, string[]>> {
  const logs = new Map<string, string[]>();
  for (const job of detail.jobs) {
    const lines: string[] = [];
    for (const attempt of job.attempts) {
      const page = await engine.invoke('runs.logPage', { attemptId: attempt.id, fromLine: 0, count: 5000 });
      lines.push(...page.lines.map((line) => line.text));
    }
    logs.set(job.name, lines);
  }
  return logs;
}

async function runCase(entry: FidelityCase) {
  const engine = testEngine({ clock: systemClock, killGraceMs: 500 });
  const repo = gitRepo(entry.files);
  for (const args of entry.git ?? []) execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
  for (const [file, text] of Object.entries(entry.writeAfterGit ?? {})) writeFileSync(join(repo, file), text);
  const project = await engine.invoke('projects.add', { path: repo });
  const request = {
    projectId: project.id,
    pipeline: 'gitlab',
    ...(entry.select ? { jobs: entry.select, withNeeds: entry.withNeeds ?? false } : {}),
  };
  if (entry.twice) await engine.waitForRun((await engine.invoke('runs.start', request)).id);
  const start = engine.invoke('runs.start', request);
  if (entry.expect.problem !== undefined) {
    await expect(start).rejects.toThrow(entry.expect.problem);
    return;
  }
  expect(project.configProblems).toEqual([]);
  const run = await start;
  await engine.waitForRun(run.id);
  for (const job of entry.play ?? []) {
    await engine.invoke('runs.play', { runId: run.id, job });
    await engine.waitForRun(run.id);
  }
  const detail = await engine.invoke('runs.get', { runId: run.id });
  const byName = new Map(detail.jobs.map((job) => [job.name, job]));
  if (entry.expect.status) {
    const seen = Object.fromEntries(
      Object.keys(entry.expect.status).map((name) => [name, byName.get(name)?.status]),
    );
    expect(seen).toEqual(entry.expect.status);
  }
  for (const name of entry.expect.notInRun ?? []) expect(byName.has(name), name).toBe(false);
  const logs = await logLines(engine, detail);
  for (const [name, wanted] of Object.entries(entry.expect.output ?? {})) {
    expect(logs.get(name), `the log of ${name}`).toEqual(expect.arrayContaining(wanted));
  }
  const printed = [...logs.values()].flat().filter((line) => !line.startsWith('$ '));
  for (const text of entry.expect.absent ?? []) {
    expect(printed.filter((line) => line.includes(text))).toEqual([]);
  }
  for (const [name, paths] of Object.entries(entry.expect.artifacts ?? {})) {
    expect(
      byName
        .get(name)
        ?.artifacts.map((artifact) => artifact.path)
        .sort(),
    ).toEqual([...paths].sort());
  }
}

const outcomes: { case: string; differs: string | null }[] = [];

describe('fidelity against gitlab-ci-local test cases', () => {
  for (const entry of gclCases) {
    it(`${entry.case}: ${entry.checks}`, async () => {
      await runCase(entry);
      outcomes.push({ case: entry.case, differs: entry.differs ?? null });
    }, 60_000);
  }

  afterAll(() => {
    const same = outcomes.filter((outcome) => outcome.differs === null).length;
    // The figure docs/ci-compatibility.md states: cases passed without a difference, of all cases.
    console.warn(
      `gitlab-ci-local fidelity: ${same} of ${gclCases.length} cases the same (${((100 * same) / gclCases.length).toFixed(0)}%), ${outcomes.length - same} with a stated difference`,
    );
  });
});
