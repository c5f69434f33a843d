// "Evidence pack": writes the deployment's pack (logs, gates, approvals, audit entries, health before
// and after, with checksums) into the data directory and shows where, with a copy button. The web
// host cannot hand that file to the browser, so the path is the answer. Refused while still open.
import type { DeploymentStatus } from '../../../../shared/domain/release.ts';
import { activeDeploymentStatuses } from '../../../../shared/domain/release.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import { useCockpit } from '../../stores/store-context.tsx';

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function EvidencePack({ deploymentId, status }: { deploymentId: number; status: DeploymentStatus }) {
  const evidence = useCockpit((state) => state.evidence[deploymentId]);
  const write = useCockpit((state) => state.writeEvidencePack);
  const notify = useCockpit((state) => state.notify);
  const open = activeDeploymentStatuses.includes(status);
  const writing = evidence?.status === 'writing';

  return (
    <div className="evidence" data-testid="evidence">
      <div className="evidence-row">
        <button
          type="button"
          className="button button-small"
          aria-disabled={open || writing}
          aria-describedby={open ? `evidence-why-${deploymentId}` : undefined}
          onClick={() => {
            if (!open && !writing) void write(deploymentId);
          }}
        >
          {writing ? <Spinner /> : <Icon name="download" />}
          {evidence?.status === 'written' ? 'Write the evidence pack again' : 'Write evidence pack'}
        </button>
        {open ? (
          <span id={`evidence-why-${deploymentId}`} className="deploy-muted">
            Available once the deployment has ended.
          </span>
        ) : (
          <span className="deploy-muted">
            Logs, gates, approvals, audit entries and health before and after, with checksums.
          </span>
        )}
      </div>
      {evidence?.status === 'failed' ? (
        <p className="field-error" role="alert">
          Could not write the evidence pack: {evidence.message}
        </p>
      ) : null}
      {evidence?.status === 'written' ? (
        <div className="evidence-written" role="status" data-testid="evidence-written">
          <span className="evidence-label">Saved in the data directory:</span>
          <span className="evidence-path">
            <code className="mono" data-testid="evidence-path">
              {evidence.pack.path}
            </code>
            <CopyButton
              value={evidence.pack.path}
              label="evidence pack path"
              onError={(message) => notify('error', message)}
            />
          </span>
          <span className="deploy-muted">
            {formatBytes(evidence.pack.bytes)} · {evidence.pack.files.length} files · SHA-256{' '}
            <span className="mono" title={evidence.pack.sha256}>
              {evidence.pack.sha256.slice(0, 16)}…
            </span>
          </span>
        </div>
      ) : null}
    </div>
  );
}
