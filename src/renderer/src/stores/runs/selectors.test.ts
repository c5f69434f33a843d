import { describe, expect, it } from 'vitest';
import type { Project } from '../../../../shared/domain/project.ts';
import type { JobState, RunDetail } from '../../../../shared/domain/run.ts';
import { pipelinesProjectFor, secretsProjectFor, selectShownAttempt, selectShownJob } from './selectors.ts';

const projects = [
  { id: 4, name: 'a' },
  { id: 9, name: 'b' },
] as Project[];

describe('pipelinesProjectFor', () => {
  it('keeps a remembered choice that still exists, else shows the first project', () => {
    expect(pipelinesProjectFor({ projects, pipelinesProjectChoice: 9 })).toBe(9);
    expect(pipelinesProjectFor({ projects, pipelinesProjectChoice: 3 })).toBe(4);
    expect(pipelinesProjectFor({ projects: [], pipelinesProjectChoice: 3 })).toBeNull();
  });
});

describe('secretsProjectFor', () => {
  it("keeps its own choice, else follows the Pipelines view's", () => {
    expect(secretsProjectFor({ projects, secretsProjectChoice: 4, pipelinesProjectChoice: 9 })).toBe(4);
    expect(secretsProjectFor({ projects, secretsProjectChoice: 77, pipelinesProjectChoice: 9 })).toBe(9);
    expect(secretsProjectFor({ projects, secretsProjectChoice: null, pipelinesProjectChoice: null })).toBe(4);
  });
});

const job = (name: string, attempts: number[]) =>
  ({ name, attempts: attempts.map((number) => ({ number })) }) as unknown as JobState;
const run = {
  jobs: [job('test', [1]), job('build', [1, 2])],
  waves: [['build'], ['test']],
} as unknown as RunDetail;

describe('selectShownJob and selectShownAttempt', () => {
  it('show the picked job, else the automatic one, else the first in wave order', () => {
    expect(selectShownJob({ run, pickedJob: 'test', autoJob: 'build' })?.name).toBe('test');
    expect(selectShownJob({ run, pickedJob: null, autoJob: 'test' })?.name).toBe('test');
    expect(selectShownJob({ run, pickedJob: null, autoJob: null })?.name).toBe('build');
    expect(selectShownJob({ run: null, pickedJob: 'test', autoJob: null })).toBeNull();
  });

  it('show the picked attempt if it exists, else the latest', () => {
    const base = { run, pickedJob: 'build', autoJob: null };
    expect(selectShownAttempt({ ...base, pickedAttempt: 1 })?.number).toBe(1);
    expect(selectShownAttempt({ ...base, pickedAttempt: null })?.number).toBe(2);
    expect(selectShownAttempt({ ...base, pickedAttempt: 5 })?.number).toBe(2);
  });
});
