// One run (#/runs/<id>): its header and actions, the job graph, and the log of the chosen job,
// all kept live from engine events while the view is open.
import { useEffect } from 'react';
import { Icon } from '../../components/Icon.tsx';
import { ItemNotLoaded } from '../../components/ItemNotLoaded.tsx';
import { hashForView } from '../../navigation/hash-route.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import { JobGraph } from './JobGraph.tsx';
import { JobLogPanel } from './JobLogPanel.tsx';
import { JobSummaries } from './JobSummaries.tsx';
import { RunAnnotations } from './RunAnnotations.tsx';
import { RunArtifacts } from './RunArtifacts.tsx';
import { RunHeader } from './RunHeader.tsx';
import './run.css';

export function RunView({ runId }: { runId: number }) {
  const watchRun = useCockpit((state) => state.watchRun);
  const loaded = useCockpit((state) => state.run?.id === runId);
  const error = useCockpit((state) => state.runError);
  const connected = useCockpit((state) => state.connection.status === 'connected');
  const fetchRun = useCockpit((state) => state.fetchRun);
  const run = useCockpit((state) => (state.run?.id === runId ? state.run : null));

  useEffect(() => watchRun(runId), [runId, watchRun]);

  return (
    <section className="view view-wide run-view" aria-labelledby="run-title">
      <a className="back-link" href={hashForView('pipelines')}>
        <Icon name="arrow-left" />
        Pipelines
      </a>
      {loaded ? (
        <>
          <RunHeader />
          <JobGraph />
          {run ? <RunAnnotations run={run} /> : null}
          <JobLogPanel />
          {run ? <RunArtifacts run={run} /> : null}
          {run ? <JobSummaries run={run} /> : null}
        </>
      ) : (
        <ItemNotLoaded
          noun="run"
          id={runId}
          titleId="run-title"
          error={error}
          connected={connected}
          onRetry={fetchRun}
        />
      )}
    </section>
  );
}
