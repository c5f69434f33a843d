// Each gate of a deploy with pass or fail and why. The approvals gate, when it is the only one
// failing, reads as "waiting" rather than failed: requesting creates a deployment awaiting approval.
import type { GateResult } from '../../../../shared/domain/release.ts';
import { Icon } from '../../components/Icon.tsx';
import { gateLabel } from '../../lib/release-look.ts';

export function GateList({
  gates,
  approvalPending = false,
}: {
  gates: GateResult[];
  approvalPending?: boolean;
}) {
  if (gates.length === 0) {
    return <p className="gate-none">No gates: this environment deploys without conditions.</p>;
  }
  return (
    <ul className="gate-list" aria-label="Gates" data-testid="gate-list">
      {gates.map((gate, index) => {
        // The engine says which failed gates block; one that does not waits for approvals.
        const waiting = !gate.passed && !gate.blocks && approvalPending;
        // A gate the rollback policy skips (the engine says so) is listed, not evaluated.
        const skipped = gate.skipped === true;
        const tone = skipped ? 'neutral' : gate.passed ? 'ok' : waiting ? 'warning' : 'danger';
        const word = skipped ? 'skipped' : gate.passed ? 'passed' : waiting ? 'needs approval' : 'failed';
        return (
          <li
            key={`${gate.gate}-${index}`}
            className={`gate gate-${tone}`}
            data-testid="gate"
            data-gate={gate.gate}
            data-passed={gate.passed}
            data-skipped={skipped || undefined}
          >
            <span className={`gate-icon status-${tone}`}>
              <Icon name={skipped ? 'skip' : gate.passed ? 'check' : waiting ? 'clock' : 'cross'} />
            </span>
            <span className="gate-name">
              {gateLabel(gate.gate)}
              <span className="visually-hidden"> {word}</span>
            </span>
            <span className="gate-detail">{gate.detail}</span>
          </li>
        );
      })}
    </ul>
  );
}
