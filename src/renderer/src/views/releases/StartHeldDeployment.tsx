// An approved deployment that a gate held back when its last approval came: the gates as they stood,
// and "Start now" (the engine checks them again), with an override and its reason if one still fails.
import { useId, useState, type FormEvent } from 'react';
import type { DeploymentDetail } from '../../../../shared/domain/release.ts';
import { overrideReasonProblem } from '../../../../shared/domain/override-reason.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import type { DeployFailure } from '../../stores/releases/release-actions-slice.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import { GateList } from './GateList.tsx';

export function StartHeldDeployment({ detail, onDone }: { detail: DeploymentDetail; onDone: () => void }) {
  const starting = useCockpit((state) => state.startingDeployment === detail.id);
  const startDeployment = useCockpit((state) => state.startDeployment);
  const [override, setOverride] = useState(false);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<DeployFailure | null>(null);
  const [tried, setTried] = useState(false);
  const reasonId = useId();
  const problem = override ? overrideReasonProblem(reason) : null;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (problem || starting) return;
    const result = await startDeployment(detail.id, override ? reason.trim() : null);
    if (result) setFailure(result);
    else onDone();
  };

  return (
    <form className="deploy-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-busy={starting}>
      <p className="inline-alert inline-alert-warning" role="status">
        Every approval is in, but a gate held it back when the last one came. Start it now: the gates are
        checked again.
      </p>
      <GateList gates={failure?.gates ?? detail.gates} />
      <div className="deploy-override">
        <label className="checkbox-label">
          <input type="checkbox" checked={override} onChange={(event) => setOverride(event.target.checked)} />
          Override a gate that still fails
        </label>
        {override ? (
          <div className="field">
            <label className="field-label" htmlFor={reasonId}>
              Reason
            </label>
            <textarea
              id={reasonId}
              className="input textarea"
              rows={2}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              aria-invalid={tried && problem ? true : undefined}
            />
            {tried && problem ? (
              <p className="field-error" role="alert">
                {problem}
              </p>
            ) : (
              <p className="field-hint">Recorded with the deployment and in the audit log, with your name.</p>
            )}
          </div>
        ) : null}
      </div>
      {failure ? (
        <div className="inline-alert deploy-failure" role="alert" data-code={failure.code}>
          <p>{failure.message}</p>
        </div>
      ) : null}
      <DialogFooter
        onCancel={onDone}
        submitting={starting}
        submitLabel={override ? 'Start now (override)' : 'Start now'}
        submitTestId="start-confirm"
      />
    </form>
  );
}
