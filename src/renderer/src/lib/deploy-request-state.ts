// What the deploy dialog says and allows, from the engine's preview alone: which gates block (the
// engine's `blocks`), whether approval is asked (`asksApproval`), and the reason rule the engine
// enforces. No rule of the renderer's own: change a verdict in the engine and this follows.
import { overrideReasonProblem } from '../../../shared/domain/override-reason.ts';
import type { DeployPreview } from '../../../shared/domain/release.ts';

export interface DeployRequestState {
  /** The gates that block, as the engine decided. */
  failing: DeployPreview['gates'];
  gatesFail: boolean;
  /** An override is ticked while a gate blocks: it will be recorded. */
  overriding: boolean;
  reasonProblem: string | null;
  /** Why the request cannot be sent now; null when it can. */
  blockedBy: string | null;
  asksApproval: boolean;
}

export function deployRequestState(input: {
  preview: DeployPreview | null;
  previewFailed: boolean;
  /** The last request was refused with GATE_FAILED. */
  refusedByGates: boolean;
  override: boolean;
  reason: string;
}): DeployRequestState {
  const { preview, override } = input;
  const failing = preview ? preview.gates.filter((gate) => gate.blocks) : [];
  const gatesFail = failing.length > 0 || (input.refusedByGates && !override);
  // The override counts only while a gate fails; once they pass it is neither needed nor recorded.
  const overriding = override && gatesFail;
  const reasonProblem = overriding ? overrideReasonProblem(input.reason) : null;
  const blockedBy = !preview
    ? input.previewFailed
      ? 'The preview failed: nothing can be requested.'
      : 'Checking the gates…'
    : gatesFail && !override
      ? 'A gate fails. Wait until it passes, or tick Override and say why.'
      : reasonProblem;
  return {
    failing,
    gatesFail,
    overriding,
    reasonProblem,
    blockedBy,
    asksApproval: preview?.asksApproval ?? false,
  };
}
