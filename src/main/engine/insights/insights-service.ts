// The Insights engine: DORA keys, pipeline trends and time travel as synchronous queries over the
// SQLite history. Pure reads; the clock and the settings decide the windows.
import type { Database } from 'better-sqlite3';
import type { DoraSummary, InsightRange, LiveAt, PipelineInsights } from '../../../shared/domain/insights.ts';
import type { Clock } from '../kernel/clock.ts';
import { createDora } from './dora.ts';
import { createLiveAt } from './live-at.ts';
import { createPipelineInsights } from './pipeline-insights.ts';

export interface InsightsDeps {
  db: Database;
  clock: Clock;
  listProjects(): { id: number; name: string; path: string }[];
  /** How long after a production deploy an incident, rollback or fix still counts against it. */
  changeFailureWindowMs(): number;
}

export function createInsightsService(deps: InsightsDeps) {
  const dora = createDora(deps.db);
  const pipelines = createPipelineInsights(deps.db);
  const liveAt = createLiveAt(deps.db);
  return {
    dora(params: { projectId?: number; environment?: string; range: InsightRange }): DoraSummary {
      return dora(params, {
        now: deps.clock.now(),
        failureWindowMs: deps.changeFailureWindowMs(),
        projects: deps.listProjects(),
      });
    },
    pipelines(params: { projectId?: number; range: InsightRange }): PipelineInsights {
      return pipelines(params, { now: deps.clock.now(), projects: deps.listProjects() });
    },
    liveAt(at: number): LiveAt {
      return liveAt(at, deps.listProjects());
    },
  };
}

export type InsightsService = ReturnType<typeof createInsightsService>;
