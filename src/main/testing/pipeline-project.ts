// For the pipeline tests (native, GitHub and GitLab sources): a project made of a real git repository,
// runs to the end, a job and its log.
import type { RunDetail } from '../../shared/domain/run.ts';
import { systemClock } from '../engine/kernel/clock.ts';
import { gitRepo } from './fixtures.ts';
import { testEngine } from './test-engine.ts';

export async function projectWith(files: Record<string, string>, options: { dataDir?: string } = {}) {
  const engine = testEngine({ clock: systemClock, killGraceMs: 500, ...options });
  const repo = gitRepo(files);
  const project = await engine.invoke('projects.add', { path: repo });
  return { engine, repo, projectId: project.id, project };
}

export type TestEngine = ReturnType<typeof testEngine>;

export async function runToEnd(engine: TestEngine, projectId: number, pipeline: string, extra: object = {}) {
  const run = await engine.invoke('runs.start', { projectId, pipeline, ...extra });
  await engine.waitForRun(run.id);
  return engine.invoke('runs.get', { runId: run.id });
}

export function job(detail: RunDetail, name: string) {
  const found = detail.jobs.find((j) => j.name === name);
  if (!found) throw new Error(`no job ${name} in ${detail.jobs.map((j) => j.name).join(', ')}`);
  return found;
}

export async function logOf(engine: ReturnType<typeof testEngine>, detail: RunDetail, name: string) {
  const attempt = job(detail, name).attempts.at(-1)!;
  const page = await engine.invoke('runs.logPage', { attemptId: attempt.id, fromLine: 0, count: 5000 });
  return page.lines.map((line) => line.text);
}
