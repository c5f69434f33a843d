// Groups the engine's list (already production first) by project, keeping the engine's order of
// environments and of projects as they first appear.
import type { EnvironmentSummary } from '../../../../shared/domain/environment.ts';
import type { EnvironmentsFilter } from '../../stores/environments/environments-slice.ts';

export interface EnvironmentGroup {
  projectId: number;
  projectName: string;
  ids: number[];
}

export function groupByProject(
  environments: EnvironmentSummary[],
  filter: EnvironmentsFilter,
): EnvironmentGroup[] {
  const groups = new Map<number, EnvironmentGroup>();
  for (const environment of environments) {
    if (filter !== 'all' && environment.projectId !== filter) continue;
    let group = groups.get(environment.projectId);
    if (!group) {
      group = { projectId: environment.projectId, projectName: environment.projectName, ids: [] };
      groups.set(environment.projectId, group);
    }
    group.ids.push(environment.id);
  }
  return [...groups.values()];
}

/** The grouping as a string that only changes when environments come, go or move. */
export function groupsKey(groups: EnvironmentGroup[]): string {
  return JSON.stringify(groups);
}

export function parseGroupsKey(key: string): EnvironmentGroup[] {
  return JSON.parse(key) as EnvironmentGroup[];
}
