// Deploy, promote or roll back, after seeing what it would do: the engine's preview (version, commit,
// what it replaces, where it builds), each gate with pass/fail and why, and the release notes. Failing
// gates block the request unless "Override" is ticked with a reason of a few words (recorded in the
// audit log); an approval gate turns the button into "Request approval". Errors (a gate failing
// meanwhile, another deploy holding the lock) are shown here, and nothing typed is lost.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { DeploymentKind } from '../../../../shared/domain/release.ts';
import { Icon } from '../../components/Icon.tsx';
import { Modal } from '../../components/Modal.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import { deployRequestState } from '../../lib/deploy-request-state.ts';
import { shortSha } from '../../lib/short-sha.ts';
import {
  deployRequestFromKey,
  deployRequestKey,
  type DeployRequest,
} from '../../stores/releases/release-actions-slice.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import { DiffPanel } from './DiffPanel.tsx';
import { GateList } from './GateList.tsx';
import { ReleaseNotesPanel } from './ReleaseNotesPanel.tsx';
import { ReleasePicker } from './ReleasePicker.tsx';
import { RollbackPicker } from './RollbackPicker.tsx';
import { ShippedBuild } from './ShippedBuild.tsx';
import './releases.css';

interface DeployDialogProps {
  projectId: number;
  environment: string;
  mode: DeploymentKind;
  from: string | null;
  /** A rollback's target chosen already (the board's "Roll back to v1.0.0"); null: the engine's previous. */
  rollbackTo: string | null;
}

/** While a gate fails, the preview is asked again this often (a soak time counts down). */
const RECHECK_MS = 4_000;
const TYPING_DELAY_MS = 400;

function titleFor(mode: DeploymentKind, project: string, environment: string, from: string | null) {
  if (mode === 'promote') return `Promote ${project} from ${from ?? '?'} to ${environment}`;
  if (mode === 'rollback') return `Roll back ${project} in ${environment}`;
  return `Deploy ${project} to ${environment}`;
}

export function DeployDialog({ projectId, environment, mode, from, rollbackTo }: DeployDialogProps) {
  const projectName = useCockpit(
    (state) =>
      state.projects.find((p) => p.id === projectId)?.name ??
      state.boardRows[projectId]?.name ??
      'the project',
  );
  const headVersion = useCockpit((state) => state.boardRows[projectId]?.headVersion ?? null);
  const closeDialog = useCockpit((state) => state.closeDialog);
  const resetDeployDialog = useCockpit((state) => state.resetDeployDialog);
  const loadDeployPreview = useCockpit((state) => state.loadDeployPreview);
  const submitDeploy = useCockpit((state) => state.submitDeploy);
  const submitting = useCockpit((state) => state.deploySubmitting);
  const failure = useCockpit((state) => state.deployFailure);

  const [versionChoice, setVersionChoice] = useState<'head' | 'other'>('head');
  const [versionText, setVersionText] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const [rollbackChoice, setRollbackChoice] = useState<string | null>(rollbackTo);
  const loadReleaseCandidates = useCockpit((state) => state.loadReleaseCandidates);
  const candidates = useCockpit((state) =>
    state.releaseCandidates?.key === `${projectId}/${environment}` ? state.releaseCandidates.list : null,
  );
  const [queue, setQueue] = useState(false);
  const [override, setOverride] = useState(false);
  const [reason, setReason] = useState('');
  const [triedSubmit, setTriedSubmit] = useState(false);
  const ids = {
    version: useId(),
    reason: useId(),
    reasonHint: useId(),
    reasonError: useId(),
    blocked: useId(),
  };

  const chosenVersion =
    mode === 'rollback' ? rollbackChoice : mode === 'deploy' && versionChoice === 'other' ? picked : null;
  const request: DeployRequest = { projectId, environment, mode, from, version: chosenVersion };
  const key = deployRequestKey(request);
  const preview = useCockpit((state) => (state.deployPreviewKey === key ? state.deployPreview : null));
  const previewError = useCockpit((state) =>
    state.deployPreviewKey === key ? state.deployPreviewError : null,
  );
  const loading = useCockpit((state) => state.deployPreviewLoading);
  const waitingForVersion = mode === 'deploy' && versionChoice === 'other' && picked === null;

  // The picker's releases come from the engine, for this project and environment.
  useEffect(() => {
    if (mode === 'deploy' && versionChoice === 'other') void loadReleaseCandidates(projectId, environment);
  }, [mode, versionChoice, projectId, environment, loadReleaseCandidates]);

  useEffect(() => {
    resetDeployDialog();
    return resetDeployDialog;
  }, [resetDeployDialog]);

  // Ask for the preview when the request changes (after a pause while typing a version).
  useEffect(() => {
    if (waitingForVersion) return;
    const next = deployRequestFromKey(key);
    const typed = next.version !== null && next.mode === 'deploy';
    const timer = setTimeout(() => void loadDeployPreview(next), typed ? TYPING_DELAY_MS : 0);
    return () => clearTimeout(timer);
  }, [key, waitingForVersion, loadDeployPreview]);

  // Every verdict (which gates block, approval asked, the reason rule) is the engine's.
  const { failing, gatesFail, overriding, reasonProblem, blockedBy, asksApproval } = deployRequestState({
    preview,
    previewFailed: Boolean(previewError),
    refusedByGates: failure?.code === 'GATE_FAILED',
    override,
    reason,
  });

  // While something fails, check again every few seconds: a soak time or a pipeline may pass.
  useEffect(() => {
    if (!preview || failing.length === 0 || submitting) return;
    const timer = setTimeout(() => void loadDeployPreview(deployRequestFromKey(key)), RECHECK_MS);
    return () => clearTimeout(timer);
  }, [preview, failing.length, submitting, key, loadDeployPreview]);

  const verb =
    mode === 'promote'
      ? `Promote to ${environment}`
      : mode === 'rollback'
        ? `Roll back ${environment}`
        : `Deploy to ${environment}`;
  const confirmLabel = asksApproval
    ? overriding
      ? 'Request approval (override)'
      : 'Request approval'
    : overriding
      ? `${verb} (override)`
      : verb;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTriedSubmit(true);
    if (blockedBy || submitting) return;
    const deployment = await submitDeploy(request, {
      overrideReason: overriding ? reason.trim() : null,
      queue,
    });
    if (deployment) closeDialog();
  };

  const shownGates = failure?.gates ?? preview?.gates ?? null;

  return (
    <Modal
      title={titleFor(mode, projectName, environment, from)}
      description={
        <p>
          {mode === 'promote'
            ? `The version running in ${from ?? 'the previous environment'} goes to ${environment}.`
            : mode === 'rollback'
              ? `A release that was live in ${environment} before is deployed to it again.`
              : `Runs the deploy pipeline for ${environment} on the version you choose.`}{' '}
          The gates are checked again when you confirm.
        </p>
      }
      onClose={closeDialog}
      size="wide"
      testId="deploy-dialog"
    >
      <form
        className="deploy-form"
        onSubmit={(event) => void onSubmit(event)}
        noValidate
        aria-busy={submitting}
      >
        {mode === 'deploy' ? (
          <fieldset className="deploy-version">
            <legend className="field-label">Version</legend>
            <label className="checkbox-label">
              <input
                type="radio"
                name="version"
                checked={versionChoice === 'head'}
                onChange={() => setVersionChoice('head')}
              />
              HEAD of your checkout
              {headVersion ? <span className="mono deploy-muted"> ({headVersion})</span> : null}
            </label>
            <label className="checkbox-label">
              <input
                type="radio"
                name="version"
                checked={versionChoice === 'other'}
                onChange={() => setVersionChoice('other')}
              />
              Another release
            </label>
            {versionChoice === 'other' ? (
              <ReleasePicker
                inputId={ids.version}
                candidates={candidates}
                filter={versionText}
                onFilter={setVersionText}
                picked={picked}
                onPick={setPicked}
              />
            ) : null}
          </fieldset>
        ) : mode === 'rollback' ? (
          <RollbackPicker
            projectId={projectId}
            environment={environment}
            chosenVersion={rollbackChoice}
            onChoose={setRollbackChoice}
          />
        ) : null}

        <section className="deploy-section" aria-labelledby={`${ids.blocked}-plan`}>
          <h3 id={`${ids.blocked}-plan`} className="deploy-section-title">
            Plan
            {loading ? <Spinner /> : null}
          </h3>
          {previewError ? (
            <p className="inline-alert" role="alert" data-testid="preview-error">
              {previewError.message}
            </p>
          ) : !preview ? (
            <p className="loading-line" role="status">
              <Spinner />{' '}
              {waitingForVersion
                ? 'Pick a release to see the plan.'
                : 'Asking the engine what this would do…'}
            </p>
          ) : (
            <dl className="deploy-plan" data-testid="deploy-plan">
              <div>
                <dt>Version</dt>
                <dd>
                  <span className="mono deploy-version-value" data-testid="plan-version">
                    {preview.version}
                  </span>{' '}
                  <span className="mono deploy-muted" title={preview.commit}>
                    {shortSha(preview.commit)}
                  </span>
                </dd>
              </div>
              {preview.sourceEnvironment ? (
                <div>
                  <dt>From</dt>
                  <dd>{preview.sourceEnvironment}</dd>
                </div>
              ) : null}
              <div>
                <dt>Replaces</dt>
                <dd>
                  {preview.previousVersion ? (
                    <span className="mono">{preview.previousVersion}</span>
                  ) : (
                    <span className="deploy-muted">nothing recorded in {environment} yet</span>
                  )}
                </dd>
              </div>
              <div>
                <dt>Pipeline</dt>
                <dd className="mono">{preview.pipeline}</dd>
              </div>
              <div>
                <dt>Builds in</dt>
                <dd>
                  {preview.inWorktree
                    ? 'a temporary git worktree at that commit (your checkout is not touched)'
                    : 'your checkout (HEAD, clean)'}
                </dd>
              </div>
              <div>
                <dt>Ships</dt>
                <dd>
                  <ShippedBuild build={preview.build} planned />
                </dd>
              </div>
            </dl>
          )}
        </section>

        {waitingForVersion || previewError ? null : <DiffPanel request={request} />}

        {shownGates ? (
          <section className="deploy-section" aria-labelledby={`${ids.blocked}-gates`}>
            <h3 id={`${ids.blocked}-gates`} className="deploy-section-title">
              Gates
              {asksApproval && preview ? (
                <span className="badge badge-warning">
                  needs {preview.approvalsNeeded} {preview.approvalsNeeded === 1 ? 'approval' : 'approvals'}
                </span>
              ) : null}
            </h3>
            <GateList gates={shownGates} approvalPending />
            {preview && failing.length > 0 ? (
              <p className="deploy-recheck">
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => void loadDeployPreview(request)}
                  aria-disabled={loading}
                >
                  {loading ? <Spinner /> : <Icon name="refresh" />}
                  Check again
                </button>
                <span className="deploy-muted">Checked again every few seconds while a gate fails.</span>
              </p>
            ) : null}
          </section>
        ) : null}

        {preview ? (
          <details className="deploy-section deploy-notes" open>
            <summary className="deploy-section-title">
              Release notes{' '}
              <span className="deploy-muted">
                ({preview.notes.commits.length} {preview.notes.commits.length === 1 ? 'commit' : 'commits'})
              </span>
            </summary>
            <ReleaseNotesPanel notes={preview.notes} />
          </details>
        ) : null}

        <div className="deploy-options">
          <label className="checkbox-label">
            <input type="checkbox" checked={queue} onChange={(event) => setQueue(event.target.checked)} />
            Queue it if another deploy to {environment} is running
          </label>
          {gatesFail || override ? (
            <div className="deploy-override">
              <label className="checkbox-label">
                <input
                  type="checkbox"
                  checked={override}
                  onChange={(event) => setOverride(event.target.checked)}
                  data-testid="override"
                />
                Override the failing gates
              </label>
              {override ? (
                <div className="field">
                  <label className="field-label" htmlFor={ids.reason}>
                    Reason
                  </label>
                  <textarea
                    id={ids.reason}
                    className="input textarea"
                    rows={2}
                    value={reason}
                    onChange={(event) => setReason(event.target.value)}
                    aria-describedby={`${ids.reasonHint}${triedSubmit && reasonProblem ? ` ${ids.reasonError}` : ''}`}
                    aria-invalid={triedSubmit && reasonProblem ? true : undefined}
                    autoFocus
                  />
                  <p id={ids.reasonHint} className="field-hint">
                    {gatesFail
                      ? 'Recorded with the deployment and in the audit log, with your name.'
                      : 'Every gate passes now: no override is needed, and none will be recorded.'}
                  </p>
                  {triedSubmit && reasonProblem ? (
                    <p id={ids.reasonError} className="field-error" role="alert">
                      {reasonProblem}
                    </p>
                  ) : null}
                </div>
              ) : null}
            </div>
          ) : null}
        </div>

        {failure ? (
          <div
            className="inline-alert deploy-failure"
            role="alert"
            data-testid="deploy-error"
            data-code={failure.code}
          >
            <div>
              <p className="deploy-failure-title">
                {failure.code === 'GATE_FAILED'
                  ? 'The gates did not pass when the engine checked them again.'
                  : failure.code === 'CONFLICT'
                    ? 'Another deploy is in the way.'
                    : 'The request failed.'}
              </p>
              <p>{failure.message}</p>
              {failure.code === 'CONFLICT' && !queue ? (
                <p>Tick “Queue it” above to wait for it instead.</p>
              ) : null}
            </div>
          </div>
        ) : null}

        <div className="modal-footer">
          {blockedBy && preview ? (
            <p id={ids.blocked} className="deploy-blocked">
              {blockedBy}
            </p>
          ) : null}
          <button type="button" className="button" onClick={closeDialog}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button-primary"
            aria-disabled={blockedBy !== null || submitting}
            aria-describedby={blockedBy && preview ? ids.blocked : undefined}
            data-testid="deploy-confirm"
          >
            {submitting ? <Spinner /> : null}
            {confirmLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
