// What the Environments view says instead of cards: no projects, no environments configured (with a
// cockpit.yml snippet to start from), a project whose cockpit.yml is invalid, or an engine error.
import { EmptyState } from '../../components/EmptyState.tsx';
import { Icon } from '../../components/Icon.tsx';
import { RetryAlert } from '../../components/RetryAlert.tsx';
import { hashForView } from '../../navigation/hash-route.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import { OpenDemoButton } from '../add-project/OpenDemoButton.tsx';

export const environmentsSnippet = `environments:
  - name: production
    tier: production
    url: https://shop.example.com
    interval: 30s
    checks:
      - http:
          path: /health
          expect_status: [200]
          json: { pointer: /status, equals: ok }
    version:
      json_pointer: /version
      path: /version`;

export function NoProjects() {
  return (
    <EmptyState
      icon="environments"
      title="No projects yet"
      testId="environments-empty"
      description={
        <>
          Environments belong to a project. Add one on the <a href={hashForView('board')}>Board</a>, or open
          the demo project: it comes with a staging and a production you can start on this computer.
        </>
      }
      actions={<OpenDemoButton primary />}
    />
  );
}

export function NoEnvironments({ projectName }: { projectName: string | null }) {
  return (
    <div className="panel env-empty" data-testid="no-environments">
      <h2 className="panel-title">
        {projectName ? `${projectName} has no environments yet` : 'No environments configured yet'}
      </h2>
      <p className="env-empty-text">
        Environments are listed in the project&apos;s <code className="mono">cockpit.yml</code>, each with a
        URL and the checks that say it is healthy. The cockpit checks them on a schedule and records their
        state, latency, version and incidents. For example:
      </p>
      <pre className="code-block">{environmentsSnippet}</pre>
      <p className="env-empty-text">
        Save the file and the environments appear here. Every key (checks, maintenance windows, dependencies)
        is described in <code>docs/environments.md</code>.
      </p>
    </div>
  );
}

/** A project whose cockpit.yml does not parse: its environments are not checked until it is fixed. */
export function InvalidConfig({ projectId }: { projectId: number }) {
  const project = useCockpit((state) => state.projects.find((p) => p.id === projectId));
  if (!project) return null;
  const first = project.configProblems[0];
  return (
    <div
      className="inline-alert inline-alert-warning env-config-invalid"
      role="status"
      data-testid="config-invalid"
    >
      <span>
        <Icon name="alert" /> The cockpit.yml of <strong>{project.name}</strong> has problems, so its
        environments are not checked
        {first ? (
          <>
            : <span className="mono">{`line ${first.line}: ${first.message}`}</span>
          </>
        ) : null}
        . Details are on the <a href={hashForView('board')}>Board</a>.
      </span>
    </div>
  );
}

export function EnvironmentsError() {
  const error = useCockpit((state) => state.environmentsError);
  const fetchEnvironments = useCockpit((state) => state.fetchEnvironments);
  if (!error) return null;
  return (
    <RetryAlert onRetry={fetchEnvironments}>Could not load the environments: {error.message}</RetryAlert>
  );
}
