// The audit log, newest first, with "Verify chain": the engine walks the hash chain and says whether
// it is intact (with its head, to note down) or which entry was changed or removed.
import { useEffect } from 'react';
import { Icon } from '../../components/Icon.tsx';
import { LoadingLine } from '../../components/LoadingLine.tsx';
import { LoadMoreButton } from '../../components/LoadMoreButton.tsx';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import { TableHead, type ColumnHeading } from '../../components/TableHead.tsx';
import { auditDetailText, auditLabel } from '../../lib/release-look.ts';
import { useCockpit } from '../../stores/store-context.tsx';

const auditColumns: readonly ColumnHeading[] = ['#', 'When', 'Who', 'What', 'About', 'Details', 'Hash'];

export function AuditLog() {
  const watchAudit = useCockpit((state) => state.watchAudit);
  const audit = useCockpit((state) => state.audit);
  const hasMore = useCockpit((state) => state.auditHasMore);
  const loadingMore = useCockpit((state) => state.auditLoadingMore);
  const error = useCockpit((state) => state.auditError);
  const verification = useCockpit((state) => state.auditVerification);
  const verifying = useCockpit((state) => state.auditVerifying);
  const verifyError = useCockpit((state) => state.auditVerifyError);
  const verifyAudit = useCockpit((state) => state.verifyAudit);
  const loadMore = useCockpit((state) => state.loadMoreAudit);
  const projectNames = useCockpit((state) => state.projects);

  useEffect(() => watchAudit(), [watchAudit]);

  return (
    <div className="audit-log">
      <div className="audit-toolbar">
        <p className="deploy-muted">
          Every request, approval, override and result, chained by hashes so a changed or removed entry shows.
        </p>
        <button type="button" className="button" aria-disabled={verifying} onClick={() => void verifyAudit()}>
          {verifying ? <Spinner /> : <Icon name="check" />}
          Verify chain
        </button>
      </div>
      <div role="status" className="audit-verification-slot">
        {verification ? (
          verification.ok ? (
            <p className="audit-verification audit-ok" data-testid="audit-verification" data-ok="true">
              <Icon name="check" /> Intact: {verification.entries}{' '}
              {verification.entries === 1 ? 'entry' : 'entries'}, every hash and link matches.
              {verification.headId !== null ? (
                <>
                  {' '}
                  Head #{verification.headId}{' '}
                  <span
                    className="mono audit-head"
                    data-testid="audit-head"
                    title="Note it down to compare later"
                  >
                    {verification.headHash}
                  </span>
                </>
              ) : null}
            </p>
          ) : (
            <p className="audit-verification audit-broken" data-testid="audit-verification" data-ok="false">
              <Icon name="alert" /> Broken
              {verification.firstBadId !== null ? ` at entry #${verification.firstBadId}` : ''}:{' '}
              {verification.problem ?? 'the chain does not match.'}
            </p>
          )
        ) : verifyError ? (
          <p className="audit-verification audit-broken">Could not verify: {verifyError}</p>
        ) : null}
      </div>
      {error ? (
        <p className="inline-alert" role="alert">
          Could not load the audit log: {error.message}
        </p>
      ) : null}
      {audit === null ? (
        error ? null : (
          <LoadingLine>Loading the audit log…</LoadingLine>
        )
      ) : audit.length === 0 ? (
        <p className="release-notes-none">Nothing recorded yet: deploys and approvals will appear here.</p>
      ) : (
        <div className="table-scroll">
          <table className="run-table audit-table" data-testid="audit-table">
            <TableHead columns={auditColumns} />
            <tbody>
              {audit.map((entry) => (
                <tr
                  key={entry.id}
                  data-testid="audit-entry"
                  className={verification?.firstBadId === entry.id ? 'audit-bad' : undefined}
                >
                  <td className="mono">{entry.id}</td>
                  <td className="run-table-muted">
                    <RelativeTime at={entry.at} />
                  </td>
                  <td>{entry.actor}</td>
                  <td>{auditLabel(entry.action)}</td>
                  <td>
                    {entry.projectId !== null
                      ? `${projectNames.find((p) => p.id === entry.projectId)?.name ?? `project ${entry.projectId}`} · `
                      : ''}
                    {entry.subject}
                  </td>
                  <td className="audit-detail">{auditDetailText(entry.detail)}</td>
                  <td className="mono run-table-muted" title={entry.hash}>
                    {entry.hash.slice(0, 10)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {audit && hasMore ? <LoadMoreButton loading={loadingMore} onLoadMore={loadMore} /> : null}
    </div>
  );
}
