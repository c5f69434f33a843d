// The last check results, newest first: when, outcome, HTTP status, latency, and the error if any.
import type { CheckResult } from '../../../../../shared/domain/environment.ts';
import { TableHead, type ColumnHeading } from '../../../components/TableHead.tsx';
import { SecondsAgo } from '../CheckedAgo.tsx';
import { formatLatency } from '../../../lib/environment-look.ts';
import { StateDot } from '../StateDot.tsx';

const SHOWN = 15;

const checkColumns: readonly ColumnHeading[] = [
  'When',
  'Result',
  'Status',
  { label: 'Latency', className: 'run-table-number' },
  'Error',
];

export function RecentChecks({ results }: { results: CheckResult[] }) {
  if (results.length === 0) return <p className="env-muted">No checks yet.</p>;
  const shown = [...results].sort((a, b) => b.at - a.at).slice(0, SHOWN);
  return (
    <div className="table-scroll">
      <table className="run-table" aria-label="Recent checks, newest first">
        <TableHead columns={checkColumns} />
        <tbody>
          {shown.map((result) => (
            <tr key={result.at}>
              <td className="run-table-muted">
                <SecondsAgo at={result.at} />
              </td>
              <td>
                <span className="env-check-result">
                  <StateDot state={result.state} /> {result.state}
                </span>
              </td>
              <td className="mono">{result.statusCode ?? '—'}</td>
              <td className="run-table-number">{formatLatency(result.latencyMs)}</td>
              <td className="env-check-error">
                {result.error ? (
                  <>
                    {result.errorClass ? <span className="mono">{result.errorClass}: </span> : null}
                    {result.error}
                  </>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
