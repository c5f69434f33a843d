// The deploy dialog's rollback picker: what the environment can be rolled back to, as the engine lists
// it (releases.rollbackTargets) — version, commit, when it was live there, and whether the cockpit
// deployed it or the monitor only saw it — newest first, with the engine's previous one chosen unless
// another is. A version the repository does not know is listed but cannot be chosen.
import { useEffect } from 'react';
import type { RollbackTarget } from '../../../../shared/domain/rollback-target.ts';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import { shortSha } from '../../lib/short-sha.ts';
import { chosenRollbackTarget, rollbackTargetsOf } from '../../stores/releases/rollback-selectors.ts';
import { useCockpit } from '../../stores/store-context.tsx';

export function RollbackPicker({
  projectId,
  environment,
  chosenVersion,
  onChoose,
}: {
  projectId: number;
  environment: string;
  /** The version chosen; null goes to the engine's previous target. */
  chosenVersion: string | null;
  onChoose: (version: string) => void;
}) {
  const loadRollbackTargets = useCockpit((state) => state.loadRollbackTargets);
  const answer = useCockpit((state) => rollbackTargetsOf(state, projectId, environment));
  useEffect(() => {
    void loadRollbackTargets(projectId, environment);
  }, [projectId, environment, loadRollbackTargets]);

  const targets = answer?.list ?? null;
  const chosen = chosenRollbackTarget(targets, chosenVersion);

  return (
    <fieldset className="deploy-version rollback-picker" data-testid="rollback-picker">
      <legend className="field-label">Roll back to</legend>
      {!answer ? (
        <p className="loading-line" role="status">
          <Spinner /> Asking the engine what {environment} ran before…
        </p>
      ) : answer.error ? (
        <p className="inline-alert" role="alert">
          {answer.error.message}
        </p>
      ) : answer.list.length === 0 ? (
        <p className="deploy-muted" data-testid="rollback-none">
          Nothing to roll back to: no release live in {environment} before is left (one rolled back is not
          offered again).
        </p>
      ) : (
        <ul className="release-picker-list rollback-picker-list">
          {answer.list.map((target) => (
            <li key={`${target.version}-${target.liveFrom}`}>
              <RollbackOption
                target={target}
                checked={chosen === target}
                onChoose={() => onChoose(target.version)}
              />
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

function RollbackOption({
  target,
  checked,
  onChoose,
}: {
  target: RollbackTarget;
  checked: boolean;
  onChoose: () => void;
}) {
  const unknown = target.commit === null;
  return (
    <label
      className={`release-picker-option rollback-option${checked ? ' is-picked' : ''}${unknown ? ' is-unavailable' : ''}`}
      data-testid="rollback-option"
      data-version={target.version}
      data-source={target.source}
    >
      <input
        type="radio"
        name="rollback-target"
        checked={checked}
        disabled={unknown}
        onChange={onChoose}
        aria-label={`${target.version}, ${target.source}${target.previous ? ', the previous release' : ''}`}
      />
      <span className="mono release-picker-version">{target.version}</span>
      {target.commit ? (
        <span className="mono deploy-muted" title={target.commit}>
          {shortSha(target.commit)}
        </span>
      ) : null}
      <span
        className={`badge${target.source === 'deployed' ? ' badge-ok' : ''}`}
        title={
          target.source === 'deployed'
            ? `Deployed by the cockpit (deployment #${target.deploymentId ?? '?'})`
            : 'Seen running there by the monitor; not deployed by the cockpit'
        }
      >
        {target.source}
      </span>
      {target.previous ? <span className="badge rollback-previous">previous</span> : null}
      <span className="deploy-muted release-picker-subject">
        {unknown ? 'No tag or commit of this repository: it cannot be deployed again. ' : null}
        Live from <RelativeTime at={target.liveFrom} />
        {target.liveUntil !== null ? (
          <>
            {' '}
            until <RelativeTime at={target.liveUntil} />
          </>
        ) : null}
      </span>
    </label>
  );
}
