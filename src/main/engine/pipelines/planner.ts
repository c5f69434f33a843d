// Plans a pipeline's job graph: cycle detection, topological order, and waves of jobs that can
// run in parallel. Used to validate cockpit.yml, for --dry-run, and by the run orchestrator.
export type JobGraph = Record<string, { needs?: string[] }>;

/** The first dependency cycle found, as a closed path (["a", "b", "a"]), or null. */
export function findCycle(graph: JobGraph): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (job: string): string[] | null => {
    if (state.get(job) === 'done') return null;
    if (state.get(job) === 'visiting') return [...stack.slice(stack.indexOf(job)), job];
    state.set(job, 'visiting');
    stack.push(job);
    for (const need of graph[job]?.needs ?? []) {
      if (!Object.hasOwn(graph, need)) continue;
      const cycle = visit(need);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(job, 'done');
    return null;
  };
  for (const job of Object.keys(graph)) {
    const cycle = visit(job);
    if (cycle) return cycle;
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
  const depthOf = (job: string): number => {
    const known = depth.get(job);
    if (known !== undefined) return known;
    const needs = (graph[job]?.needs ?? []).filter((need) => included.has(need));
    const value = needs.length === 0 ? 0 : 1 + Math.max(...needs.map(depthOf));
    depth.set(job, value);
    return value;
  };
  const waves: string[][] = [];
  for (const job of jobs) {
    const d = depthOf(job);
    (waves[d] ??= []).push(job);
  }
  return waves.filter((wave) => wave !== undefined);
}
