// "Freeze started": freezes are windows in cockpit.yml, not rows anyone writes, so this looks at the
// clock: when an environment whose project wants freeze.started is frozen, the freeze is queued in
// the outbox once (keyed by when it ends), also by a cockpit that starts during one.
import type { CockpitConfig, TimeWindowConfig } from '../config/index.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Outbox } from './outbox.ts';

export type FreezeLookup = (
  windows: TimeWindowConfig[] | undefined,
  at: number,
) => { frozen: false } | { frozen: true; reason: string; until: number | null };

export function createFreezeWatch(deps: {
  outbox: Outbox;
  clock: Clock;
  listProjects(): { id: number; name: string }[];
  configOf(projectId: number): CockpitConfig | null;
  freezeAt: FreezeLookup;
}) {
  return {
    /** Queues each freeze that has begun and was not told yet; returns how many. */
    check(): number {
      const now = deps.clock.now();
      let queued = 0;
      for (const project of deps.listProjects()) {
        const config = deps.configOf(project.id);
        if (!wantsFreezes(config)) continue;
        for (const env of config?.environments ?? []) {
          const state = deps.freezeAt(env.gates?.freeze, now);
          if (!state.frozen) continue;
          const told = deps.outbox.queueFreeze({
            projectId: project.id,
            projectName: project.name,
            environment: env.name,
            reason: state.reason,
            startedAt: now,
            until: state.until,
            key: state.until === null ? `open:${state.reason}` : String(state.until),
          });
          if (told) queued += 1;
        }
      }
      return queued;
    },
  };
}

function wantsFreezes(config: CockpitConfig | null): boolean {
  return (config?.notifications?.rules ?? []).some(
    (rule) => rule.events === 'all' || rule.events.includes('freeze.started'),
  );
}
