// The raw last response: status, headers and the first KB of the body — always as text, never HTML.
import type { LastResponse as Response } from '../../../../../shared/domain/environment.ts';

export function LastResponse({ response }: { response: Response | null }) {
  if (!response) return <p className="env-muted">No response recorded yet.</p>;
  const headers = Object.entries(response.headers).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="last-response" data-testid="last-response">
      <p>
        Status <strong className="mono">{response.status}</strong>
      </p>
      {headers.length > 0 ? (
        <div className="table-scroll">
          <table className="run-table headers-table">
            <caption className="visually-hidden">Response headers</caption>
            <thead>
              <tr>
                <th scope="col">Header</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
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
