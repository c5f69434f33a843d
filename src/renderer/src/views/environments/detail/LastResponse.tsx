// The latest check and what it got: when, its outcome and error, then the raw response — status,
// headers and the first KB of the body, always as text, never HTML. A check that got no answer says
// so: an older response is never shown as the last one.
import type { CheckResult, LastResponse as Response } from '../../../../../shared/domain/environment.ts';
import { TableHead, type ColumnHeading } from '../../../components/TableHead.tsx';
import { absoluteTime } from '../../../lib/relative-time.ts';
import { SecondsAgo } from '../CheckedAgo.tsx';
import { StateDot } from '../StateDot.tsx';

const headerColumns: readonly ColumnHeading[] = ['Header', 'Value'];

function Attempt({ attempt }: { attempt: CheckResult }) {
  return (
    <p className="last-attempt" data-testid="last-attempt" data-state={attempt.state}>
      <StateDot state={attempt.state} />
      <span>
        Checked <time dateTime={new Date(attempt.at).toISOString()}>{absoluteTime(attempt.at)}</time> (
        <SecondsAgo at={attempt.at} />
        ): <strong>{attempt.state}</strong>
        {attempt.error ? (
          <>
            {' — '}
            {attempt.errorClass ? <span className="mono">{attempt.errorClass}: </span> : null}
            {attempt.error}
          </>
        ) : null}
      </span>
    </p>
  );
}

export function LastResponse({
  attempt,
  response,
}: {
  attempt: CheckResult | null;
  response: Response | null;
}) {
  if (!attempt && !response) return <p className="env-muted">No check yet.</p>;
  if (!response) {
    return (
      <div className="last-response" data-testid="last-response">
        {attempt ? <Attempt attempt={attempt} /> : null}
        <p className="env-muted" data-testid="no-response">
          No response: the check got no answer.
        </p>
      </div>
    );
  }
  const headers = Object.entries(response.headers).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="last-response" data-testid="last-response">
      {attempt ? <Attempt attempt={attempt} /> : null}
      <p>
        Status <strong className="mono">{response.status}</strong>
      </p>
      {headers.length > 0 ? (
        <div className="table-scroll">
          <table className="run-table headers-table">
            <caption className="visually-hidden">Response headers</caption>
            <TableHead columns={headerColumns} />
            <tbody>
              {headers.map(([name, value]) => (
                <tr key={name}>
                  <td className="mono">{name}</td>
                  <td className="mono headers-value">{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <pre className="code-block last-response-body" aria-label="Response body, first KB">
        {response.bodyPreview || '(empty body)'}
      </pre>
    </div>
  );
}
