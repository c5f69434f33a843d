// The Pipelines view: a project's pipelines (with their recent runs and a Run button) and its run
// history; or, when there is nothing to list, says why and what to do.
import { useEffect } from 'react';
import { LoadingLine } from '../../components/LoadingLine.tsx';
import { ViewPage } from '../../components/ViewPage.tsx';
import { pipelinesProjectFor } from '../../stores/runs/selectors.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import { NoProjects, PipelinesProblem } from './PipelinesEmpty.tsx';
import { PipelineList } from './PipelineList.tsx';
import { ProjectPicker } from './ProjectPicker.tsx';
import { RunHistory } from './RunHistory.tsx';
import './pipelines.css';

export function PipelinesView() {
  const projectsLoaded = useCockpit((state) => state.projectsLoaded);
  const projectId = useCockpit(pipelinesProjectFor);
  const watchPipelines = useCockpit((state) => state.watchPipelines);
  const shownProject = useCockpit((state) => state.pipelinesProjectId);
  const loaded = useCockpit((state) => state.pipelines !== null || state.pipelinesError !== null);
  const hasError = useCockpit((state) => state.pipelinesError !== null);
  const connected = useCockpit((state) => state.connection.status === 'connected');

  useEffect(() => {
    if (projectId !== null) return watchPipelines(projectId);
  }, [projectId, watchPipelines]);

  const ready = projectId !== null && shownProject === projectId && loaded;

  return (
    <ViewPage
      name="pipelines"
      className="view-wide"
      title="Pipelines"
      description="Build, test and deploy steps from the project's cockpit.yml, GitHub workflows and .gitlab-ci.yml, run on this computer."
      actions={<ProjectPicker />}
    >
      {!projectsLoaded || (projectId !== null && !ready) ? (
        <LoadingLine>{connected ? 'Loading pipelines…' : 'Waiting for the engine…'}</LoadingLine>
      ) : projectId === null ? (
        <NoProjects />
      ) : (
        <>
          {hasError ? <PipelinesProblem projectId={projectId} /> : <PipelineList projectId={projectId} />}
          <RunHistory />
        </>
      )}
    </ViewPage>
  );
}
