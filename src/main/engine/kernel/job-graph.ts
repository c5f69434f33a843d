// Plans a pipeline's job graph: cycle detection, topological order, and waves of jobs that can
// run in parallel. Used to validate cockpit.yml, for --dry-run, and by the run orchestrator.
export type JobGraph = Record<string, { needs?: string[] }>;

/**
 * The first dependency cycle found, as a closed path (["a", "b", "a"]), or null. Iterative: a chain
 * of 100,000 jobs must not overflow the stack.
 */
export function findCycle(graph: JobGraph): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const position = new Map<string, number>(); // index in `path` of each job being visited
  const path: string[] = [];
  const next: number[] = []; // per entry of `path`: the index of the need to look at next
  for (const root of Object.keys(graph)) {
    if (state.has(root)) continue;
    state.set(root, 'visiting');
    position.set(root, 0);
    path.push(root);
    next.push(0);
    while (path.length > 0) {
      const job = path[path.length - 1]!;
      const needs = graph[job]?.needs ?? [];
      const i = next[next.length - 1]!;
      if (i < needs.length) {
        next[next.length - 1] = i + 1;
        const need = needs[i]!;
        if (!Object.hasOwn(graph, need)) continue;
        const seen = state.get(need);
        if (seen === 'visiting') return [...path.slice(position.get(need)), need];
        if (seen === 'done') continue;
        state.set(need, 'visiting');
        position.set(need, path.length);
        path.push(need);
        next.push(0);
      } else {
        state.set(job, 'done');
        position.delete(job);
        path.pop();
        next.pop();
      }
    }
  }
  return null;
}

/** The jobs to run: the selection plus, with `withNeeds`, everything it transitively needs. */
export function selectJobs(graph: JobGraph, selection: string[] | undefined, withNeeds: boolean): string[] {
  if (!selection || selection.length === 0) return Object.keys(graph);
  const chosen = new Set<string>();
  const add = (job: string) => {
    if (chosen.has(job)) return;
    chosen.add(job);
    if (withNeeds) for (const need of graph[job]?.needs ?? []) add(need);
  };
  selection.forEach(add);
  return Object.keys(graph).filter((job) => chosen.has(job));
}

/**
 * Waves of jobs: every job's needs (within `jobs`) are in earlier waves. Order within a wave follows
 * the order of definition, so plans are stable. Assumes no cycle (validated with the config).
 */
export function planWaves(graph: JobGraph, jobs: string[] = Object.keys(graph)): string[][] {
  const included = new Set(jobs);
  const depth = new Map<string, number>();
  // Each job's depth after its needs' depths, without recursion (chains may be very long).
  const depthOf = (start: string): number => {
    const stack = [start];
    while (stack.length > 0) {
      const job = stack[stack.length - 1]!;
      if (depth.has(job)) {
        stack.pop();
        continue;
      }
      const needs = (graph[job]?.needs ?? []).filter((need) => included.has(need));
      const pending = needs.filter((need) => !depth.has(need));
      if (pending.length > 0) {
        stack.push(...pending);
        continue;
      }
      let value = 0;
      for (const need of needs) value = Math.max(value, depth.get(need)! + 1);
      depth.set(job, value);
      stack.pop();
    }
    return depth.get(start)!;
  };
  const waves: string[][] = [];
  for (const job of jobs) {
    const d = depthOf(job);
    (waves[d] ??= []).push(job);
  }
  return waves.filter((wave) => wave !== undefined);
}
