// The Environments view: every environment of every project (or of one) as cards grouped by
// project, production first, kept live from engine events; or the environment opened from a card.
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LoadingLine } from '../../components/LoadingLine.tsx';
import { ViewPage } from '../../components/ViewPage.tsx';
import { useCockpit } from '../../stores/store-context.tsx';
import { EnvironmentCard } from './EnvironmentCard.tsx';
import { groupByProject, groupsKey, parseGroupsKey, type EnvironmentGroup } from './environment-groups.ts';
import { EnvironmentsError, InvalidConfig, NoEnvironments, NoProjects } from './EnvironmentsEmpty.tsx';
import { EnvironmentsFilter } from './EnvironmentsFilter.tsx';
import { NotificationsButton } from './NotificationsButton.tsx';
import './environments.css';

function useGroups(): EnvironmentGroup[] | null {
  // Selecting the grouping as a string keeps the grid from re-rendering on every check (cards select
  // their own data); it is parsed back only when environments come, go or move.
  const key = useCockpit((state) =>
    state.environments === null
      ? null
      : groupsKey(groupByProject(state.environments, state.environmentsFilter)),
  );
  return useMemo(() => (key === null ? null : parseGroupsKey(key)), [key]);
}

export function EnvironmentsView() {
  const projectsLoaded = useCockpit((state) => state.projectsLoaded);
  const hasProjects = useCockpit((state) => state.projects.length > 0);
  const watchEnvironments = useCockpit((state) => state.watchEnvironments);
  const loaded = useCockpit((state) => state.environments !== null);
  const hasError = useCockpit((state) => state.environmentsError !== null);
  const connected = useCockpit((state) => state.connection.status === 'connected');
  const filter = useCockpit((state) => state.environmentsFilter);
  const filteredProjectName = useCockpit((state) =>
    filter === 'all' ? null : (state.projects.find((project) => project.id === filter)?.name ?? null),
  );
  const invalidProjects = useCockpit(
    useShallow((state) =>
      state.projects
        .filter(
          (project) => project.configStatus === 'invalid' && (filter === 'all' || project.id === filter),
        )
        .map((project) => project.id),
    ),
  );
  const groups = useGroups();

  useEffect(() => watchEnvironments(), [watchEnvironments]);

  let body;
  if (!projectsLoaded || (!loaded && !hasError)) {
    body = <LoadingLine>{connected ? 'Loading environments…' : 'Waiting for the engine…'}</LoadingLine>;
  } else if (!hasProjects) {
    body = <NoProjects />;
  } else {
    body = (
      <>
        <EnvironmentsError />
        {invalidProjects.map((projectId) => (
          <InvalidConfig key={projectId} projectId={projectId} />
        ))}
        {groups && groups.length === 0 ? (
          <NoEnvironments projectName={filteredProjectName} />
        ) : (
          groups?.map((group) => (
            <section
              key={group.projectId}
              className="env-group"
              aria-labelledby={`env-group-${group.projectId}`}
            >
              <h2 id={`env-group-${group.projectId}`} className="section-title env-group-title">
                {group.projectName}
              </h2>
              <ul className="env-grid" aria-label={`Environments of ${group.projectName}`}>
                {group.ids.map((id) => (
                  <EnvironmentCard key={id} id={id} />
                ))}
              </ul>
            </section>
          ))
        )}
      </>
    );
  }

  return (
    <ViewPage
      name="environments"
      className="view-wide"
      title="Environments"
      description="Where your projects run, checked from this computer: state, version, latency, uptime and incidents."
      actions={
        <>
          <NotificationsButton />
          <EnvironmentsFilter />
        </>
      }
    >
      {body}
    </ViewPage>
  );
}
