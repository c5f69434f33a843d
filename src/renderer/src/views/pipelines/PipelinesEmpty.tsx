// What the Pipelines view says instead of a list: no projects yet, a cockpit.yml with problems or
// none at all, or a project that defines no pipelines (with a snippet to start from).
import { EmptyState } from '../../components/EmptyState.tsx';
import { Icon } from '../../components/Icon.tsx';
import { RetryAlert } from '../../components/RetryAlert.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import { hashForView } from '../../navigation/hash-route.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import { OpenDemoButton } from '../add-project/OpenDemoButton.tsx';

export function NoProjects() {
  return (
    <EmptyState
      icon="pipelines"
      title="No projects yet"
      testId="pipelines-empty"
      description={
        <>
          Pipelines belong to a project. Add one on the <a href={hashForView('board')}>Board</a>, or open the
          demo project to try a few pipelines that finish in seconds.
        </>
      }
      actions={<OpenDemoButton primary />}
    />
  );
}

export const starterSnippet = `pipelines:
  ci:
    description: Lint, test and build.
    jobs:
      lint:
        run: npm run lint
      test:
        run: npm test
      build:
        needs: [lint, test]
        run: npm run build`;

/** Re-reads the project's cockpit.yml and asks for its pipelines again. */
function CheckAgainButton({ projectId }: { projectId: number }) {
  const refreshing = useCockpit((state) => state.projectActivity[projectId] === 'refreshing');
  const refresh = useCockpit((state) => state.refreshProject);
  const fetchPipelines = useCockpit((state) => state.fetchPipelines);
  return (
    <button
      type="button"
      className="button button-small"
      aria-disabled={refreshing}
      onClick={() => {
        if (!refreshing) void refresh(projectId).then(() => fetchPipelines());
      }}
    >
      {refreshing ? <Spinner /> : <Icon name="refresh" />}
      Check again
    </button>
  );
}

export function NoPipelines({ projectId, path }: { projectId: number; path: string | null }) {
  return (
    <div className="pipelines-empty panel" data-testid="no-pipelines">
      <div className="pipelines-problem-head">
        <h2 className="panel-title">No pipelines in this project yet</h2>
        <CheckAgainButton projectId={projectId} />
      </div>
      <p className="pipelines-empty-text">
        Pipelines are defined in <code className="mono">{path ? `${path}/cockpit.yml` : 'cockpit.yml'}</code>,
        as jobs that run shell commands, with <code>needs</code> saying what must finish first. For example:
      </p>
      <pre className="code-block">{starterSnippet}</pre>
      <p className="pipelines-empty-text">
        Save the file, then check again. Every key (params, triggers, retries, timeouts, artifacts, secrets)
        is described in <code>docs/pipelines.md</code>.
      </p>
    </div>
  );
}

/** cockpit.yml is missing or invalid, or the engine could not answer. */
export function PipelinesProblem({ projectId }: { projectId: number }) {
  const error = useCockpit((state) => state.pipelinesError);
  const path = useCockpit((state) => state.projects.find((p) => p.id === projectId)?.path ?? null);
  const fetchPipelines = useCockpit((state) => state.fetchPipelines);
  if (!error) return null;
  const retryButton = <CheckAgainButton projectId={projectId} />;

  if (error.code === 'CONFIG_INVALID') {
    const [summary, ...problems] = error.message.split('\n');
    return (
      <div className="pipelines-problem panel" role="alert" data-testid="config-invalid">
        <div className="pipelines-problem-head">
          <h2 className="panel-title">
            <Icon name="alert" /> {summary ?? 'cockpit.yml has problems'}
          </h2>
          {retryButton}
        </div>
        {problems.length > 0 ? (
          <ul className="config-problems" aria-label="Problems in cockpit.yml">
            {problems.map((problem, index) => (
              <li key={index} className="config-problem mono">
                {problem}
              </li>
            ))}
          </ul>
        ) : null}
        <p className="pipelines-empty-text">Fix the file, then check again.</p>
      </div>
    );
  }
  if (error.code === 'CONFIG_MISSING') {
    return (
      <>
        <div className="inline-alert inline-alert-warning" role="status">
          <span>{error.message}</span>
          {retryButton}
        </div>
        <NoPipelines projectId={projectId} path={path} />
      </>
    );
  }
  return <RetryAlert onRetry={fetchPipelines}>Could not load the pipelines: {error.message}</RetryAlert>;
}
