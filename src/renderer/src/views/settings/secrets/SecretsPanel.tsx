// Settings → Secrets: the chosen project's secret names (never values), with Add, Replace and
// Delete; the engine's advice about a value just saved; and what happens to values, in one line.
import { useEffect } from 'react';
import { Icon } from '../../../components/Icon.tsx';
import { LoadingLine } from '../../../components/LoadingLine.tsx';
import { RetryAlert } from '../../../components/RetryAlert.tsx';
import { ProjectSelect } from '../../project-select/ProjectSelect.tsx';
import { hashForView } from '../../../navigation/hash-route.ts';
import { secretsProjectFor } from '../../../stores/runs/selectors.ts';
import { useCockpit } from '../../../stores/store-context.tsx';
import { SecretList } from './SecretList.tsx';
import './secrets.css';

export function SecretsPanel() {
  const projectsLoaded = useCockpit((state) => state.projectsLoaded);
  const projectId = useCockpit(secretsProjectFor);
  const selectProject = useCockpit((state) => state.selectSecretsProject);
  const watchSecrets = useCockpit((state) => state.watchSecrets);
  const shownProject = useCockpit((state) => state.secretsProjectId);
  const loaded = useCockpit((state) => state.secrets !== null || state.secretsError !== null);
  const connected = useCockpit((state) => state.connection.status === 'connected');
  const openDialog = useCockpit((state) => state.openDialog);

  useEffect(() => {
    if (projectId !== null) return watchSecrets(projectId);
  }, [projectId, watchSecrets]);

  const ready = projectId !== null && shownProject === projectId && loaded;

  return (
    <section className="panel" aria-labelledby="secrets-title" data-testid="secrets">
      <div className="secrets-head">
        <h2 id="secrets-title" className="panel-title">
          Secrets
        </h2>
        <div className="secrets-head-actions">
          <ProjectSelect selected={projectId} onSelect={selectProject} showSingle />
          {projectId !== null ? (
            <button
              type="button"
              className="button button-small"
              onClick={() => openDialog({ kind: 'set-secret', projectId, name: null })}
            >
              <Icon name="plus" />
              Add secret
            </button>
          ) : null}
        </div>
      </div>
      <p className="secrets-about">
        Values are encrypted on this computer and never shown again; jobs that list a secret under{' '}
        <code className="mono">secrets:</code> get it as an environment variable, masked as{' '}
        <code className="mono">***</code> in their logs.
      </p>
      {!projectsLoaded || (projectId !== null && !ready) ? (
        <LoadingLine>{connected ? 'Loading secrets…' : 'Waiting for the engine…'}</LoadingLine>
      ) : projectId === null ? (
        <p className="secrets-empty">
          Secrets belong to a project. Add one on the <a href={hashForView('board')}>Board</a> first.
        </p>
      ) : (
        <>
          <SavedWithWarning />
          <SecretsBody projectId={projectId} />
        </>
      )}
    </section>
  );
}

function SecretsBody({ projectId }: { projectId: number }) {
  const error = useCockpit((state) => state.secretsError);
  const count = useCockpit((state) => state.secrets?.length ?? 0);
  const projectName = useCockpit((state) => state.projects.find((p) => p.id === projectId)?.name ?? '');
  const fetchSecrets = useCockpit((state) => state.fetchSecrets);

  if (error) {
    return <RetryAlert onRetry={fetchSecrets}>Could not load the secrets: {error.message}</RetryAlert>;
  }
  if (count === 0) {
    return (
      <div className="secrets-empty" data-testid="secrets-empty">
        <span className="secrets-empty-icon">
          <Icon name="key" />
        </span>
        <div>
          <p className="secrets-empty-title">No secrets for {projectName} yet</p>
          <p className="secrets-empty-text">
            Add one for each credential a job needs, such as a registry token for a publish job.
          </p>
        </div>
      </div>
    );
  }
  return <SecretList projectId={projectId} projectName={projectName} />;
}

/** The engine saved the value but advises against it (too short or too common to mask well). */
function SavedWithWarning() {
  const warning = useCockpit((state) => state.secretWarning);
  const dismiss = useCockpit((state) => state.dismissSecretWarning);
  if (!warning) return null;
  return (
    <div
      className="inline-alert inline-alert-warning secret-warning"
      role="alert"
      data-testid="secret-warning"
    >
      <Icon name="alert" />
      <p className="secret-warning-text">
        <strong className="mono">{warning.name}</strong> was saved, with a warning: {warning.message} Replace
        it with a longer, random value if you can.
      </p>
      <button type="button" className="button button-small" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
