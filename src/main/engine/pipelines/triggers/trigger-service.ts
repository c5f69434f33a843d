// Starts pipeline runs by themselves: on a new commit to a watched branch (polled), and on cron
// schedules while the cockpit runs. A poller with start/stop that never overlaps itself and keeps
// each trigger's last error as state instead of stopping.
import type { Clock } from '../../kernel/clock.ts';
import type { TriggerConfig } from '../../config/index.ts';
import type { Logger } from '../../kernel/diagnostics/logger.ts';
import { nextRun, parseCron, type CronSchedule } from '../../kernel/cron.ts';
import { repeatingTick } from '../../kernel/repeating-tick.ts';
import { gitBranchHead } from './git-head.ts';

export type AutomaticTrigger = 'commit' | 'cron';

/** What started a run, for the run's record: the branch and commit seen, or the cron expression. */
export type TriggerDetail =
  | { kind: 'commit'; branch: string; sha: string; previousSha: string | null }
  | { kind: 'cron'; cron: string; scheduledAt: number };

export interface TriggerServiceOptions {
  clock: Clock;
  logger: Logger;
  listProjects(): { id: number; path: string }[];
  /** The project's pipelines, or null when its cockpit.yml is missing or invalid (its triggers then wait). */
  loadPipelines(projectId: number): Record<string, { triggers?: TriggerConfig[] }> | null;
  /** Should resolve once the run is queued, not when it finishes: ticks wait for it. */
  startRun(
    projectId: number,
    pipeline: string,
    trigger: AutomaticTrigger,
    detail: TriggerDetail,
  ): Promise<unknown>;
  /** The sha of a local branch, or null if it does not exist; defaults to `git rev-parse`. */
  gitHead?: (path: string, branch: string) => Promise<string | null>;
  /** How often to look at branches and the clock; default 5 s. */
  pollMs?: number;
  /** Time zone for cron expressions (IANA name); default: the machine's local time. */
  timeZone?: string;
}

export interface TriggerState {
  projectId: number;
  pipeline: string;
  kind: AutomaticTrigger;
  /** The branch (commit) or the expression (cron). */
  spec: string;
  /** Commit: the last sha seen (null: the branch does not exist). */
  lastSha?: string | null;
  /** Cron: when it fires next (ms since the epoch). */
  nextRunAt?: number | null;
  lastCheckedAt: number | null;
  lastFiredAt: number | null;
  /** The last problem (bad expression, git failure, run refused); cleared by the next success. */
  lastError: { at: number; message: string } | null;
}

export interface TriggerService {
  start(): void;
  stop(): void;
  /** One pass over every project; concurrent calls share the pass in progress. */
  tick(): Promise<void>;
  /**
   * A pass that starts after any pass under way, for a project just added: its branches are noted
   * now, so a commit made before the next poll still starts a run.
   */
  lookNow(): Promise<void>;
  /** Every automatic trigger known, for the UI. */
  states(): TriggerState[];
}

export const DEFAULT_TRIGGER_POLL_MS = 5000;

interface Entry extends TriggerState {
  schedule?: CronSchedule;
  /** Which kind of failure lastError is: a later successful check clears only a check failure. */
  errorKind?: 'check' | 'start';
  seen: boolean;
}

export function createTriggerService(options: TriggerServiceOptions): TriggerService {
  const { clock, logger } = options;
  const pollMs = options.pollMs ?? DEFAULT_TRIGGER_POLL_MS;
  const gitHead = options.gitHead ?? ((path: string, branch: string) => gitBranchHead(path, branch));
  const entries = new Map<string, Entry>();
  let running: Promise<void> | null = null;
  const ticks = repeatingTick(tick, pollMs);
  /** After stop(), nothing more is started, even by a pass already under way. */
  let stopped = false;

  function fail(entry: Entry, kind: 'check' | 'start', error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    // One log line per new problem, not one every poll.
    if (entry.lastError?.message !== message) {
      logger.warn(`${entry.kind} trigger of pipeline "${entry.pipeline}" failed`, {
        projectId: entry.projectId,
        spec: entry.spec,
        error: message,
      });
    }
    entry.lastError = { at: clock.now(), message };
    entry.errorKind = kind;
  }

  function succeeded(entry: Entry, kind: 'check' | 'start') {
    if (entry.lastError && (kind === 'start' || entry.errorKind === 'check')) {
      entry.lastError = null;
      entry.errorKind = undefined;
    }
  }

  async function fire(entry: Entry, detail: TriggerDetail) {
    entry.lastFiredAt = clock.now();
    logger.info(`${entry.kind} trigger starts pipeline "${entry.pipeline}"`, {
      projectId: entry.projectId,
      ...detail,
    });
    try {
      await options.startRun(entry.projectId, entry.pipeline, entry.kind, detail);
      succeeded(entry, 'start');
    } catch (error) {
      fail(entry, 'start', error);
    }
  }

  function entryFor(projectId: number, pipeline: string, kind: AutomaticTrigger, spec: string): Entry {
    const key = `${projectId}\0${pipeline}\0${kind}\0${spec}`;
    let entry = entries.get(key);
    if (!entry) {
      entry = {
        projectId,
        pipeline,
        kind,
        spec,
        lastCheckedAt: null,
        lastFiredAt: null,
        lastError: null,
        seen: true,
      };
      entries.set(key, entry);
    }
    entry.seen = true;
    return entry;
  }

  async function checkCommit(entry: Entry, path: string, heads: Map<string, Promise<string | null>>) {
    let sha: string | null;
    try {
      // Several pipelines watching one branch share one git call per tick.
      let head = heads.get(entry.spec);
      if (!head) heads.set(entry.spec, (head = gitHead(path, entry.spec)));
      sha = await head;
    } catch (error) {
      fail(entry, 'check', error);
      return;
    }
    entry.lastCheckedAt = clock.now();
    succeeded(entry, 'check');
    const first = !('lastSha' in entry);
    const previous = entry.lastSha ?? null;
    entry.lastSha = sha;
    // The first look only records; a branch that moves (or appears) afterwards gets a run.
    if (!first && sha !== null && sha !== previous && !stopped) {
      await fire(entry, { kind: 'commit', branch: entry.spec, sha, previousSha: previous });
    }
  }

  async function checkCron(entry: Entry) {
    const now = clock.now();
    try {
      entry.schedule ??= parseCron(entry.spec);
      if (entry.nextRunAt === undefined || entry.nextRunAt === null) {
        entry.nextRunAt = nextRun(entry.schedule, now, options.timeZone);
      }
    } catch (error) {
      entry.nextRunAt = null;
      fail(entry, 'check', error);
      return;
    }
    entry.lastCheckedAt = now;
    succeeded(entry, 'check');
    if (now < entry.nextRunAt) return;
    // However many fire times were missed (the machine slept), run once and plan from now.
    const scheduledAt = entry.nextRunAt;
    entry.nextRunAt = nextRun(entry.schedule, now, options.timeZone);
    if (!stopped) await fire(entry, { kind: 'cron', cron: entry.spec, scheduledAt });
  }

  async function pass() {
    for (const entry of entries.values()) entry.seen = false;
    let projects: { id: number; path: string }[];
    try {
      projects = options.listProjects();
    } catch (error) {
      logger.warn('triggers: cannot list projects', { error: (error as Error)?.message ?? String(error) });
      return;
    }
    for (const project of projects) {
      let pipelines: Record<string, { triggers?: TriggerConfig[] }> | null;
      try {
        pipelines = options.loadPipelines(project.id);
      } catch (error) {
        logger.warn('triggers: cannot read pipelines', {
          projectId: project.id,
          error: (error as Error)?.message,
        });
        pipelines = null;
      }
      if (pipelines === null) {
        // A broken cockpit.yml pauses the project's triggers but keeps what they have seen.
        for (const entry of entries.values()) if (entry.projectId === project.id) entry.seen = true;
        continue;
      }
      const heads = new Map<string, Promise<string | null>>();
      for (const [name, pipeline] of Object.entries(pipelines)) {
        for (const trigger of pipeline.triggers ?? []) {
          if (stopped) return;
          if (trigger === 'manual') continue;
          if ('commit' in trigger) {
            await checkCommit(
              entryFor(project.id, name, 'commit', trigger.commit.branch),
              project.path,
              heads,
            );
          } else {
            await checkCron(entryFor(project.id, name, 'cron', trigger.cron.trim()));
          }
        }
      }
    }
    // Triggers that left cockpit.yml, and projects that were removed, are forgotten.
    for (const [key, entry] of entries) if (!entry.seen) entries.delete(key);
  }

  function tick(): Promise<void> {
    if (stopped) return Promise.resolve();
    running ??= pass()
      .catch((error: unknown) => logger.error('triggers: a pass failed', { error }))
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    start() {
      if (!ticks.start()) return;
      stopped = false;
      void tick();
    },
    stop() {
      stopped = true;
      ticks.stop();
    },
    tick,
    lookNow: () => (running ?? Promise.resolve()).then(() => tick()),
    states: () =>
      [...entries.values()].map(({ schedule: _s, errorKind: _k, seen: _seen, ...state }) => ({ ...state })),
  };
}
