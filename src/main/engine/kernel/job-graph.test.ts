import { describe, expect, it } from 'vitest';
import { findCycle, planWaves, selectJobs } from './job-graph.ts';

const graph = {
  install: {},
  lint: { needs: ['install'] },
  test: { needs: ['install'] },
  build: { needs: ['lint', 'test'] },
  docs: {},
};

describe('planner', () => {
  it('puts every job after its needs, in waves, keeping definition order', () => {
    expect(planWaves(graph)).toEqual([['install', 'docs'], ['lint', 'test'], ['build']]);
  });

  it('selects jobs with or without what they need', () => {
    expect(selectJobs(graph, ['build'], false)).toEqual(['build']);
    expect(selectJobs(graph, ['build'], true)).toEqual(['install', 'lint', 'test', 'build']);
    expect(planWaves(graph, selectJobs(graph, ['lint'], true))).toEqual([['install'], ['lint']]);
    expect(selectJobs(graph, undefined, false)).toEqual(Object.keys(graph));
  });

  it('finds cycles and names them in full', () => {
    expect(findCycle(graph)).toBeNull();
    expect(findCycle({ a: { needs: ['b'] }, b: { needs: ['c'] }, c: { needs: ['a'] } })).toEqual([
      'a',
      'b',
      'c',
      'a',
    ]);
    expect(findCycle({ a: { needs: ['a'] } })).toEqual(['a', 'a']);
  });
});
