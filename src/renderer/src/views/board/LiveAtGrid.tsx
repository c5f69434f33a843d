// The board as it was at a past moment (insights.liveAt): projects × environments with the version
// each ran, its health then, and the deployment that put it there. Read-only: no menus, no actions —
// "Back to now" returns to the live board.
import type { LiveAt } from '../../../../shared/domain/insights.ts';
import { LoadingLine } from '../../components/LoadingLine.tsx';
import { formatSpan, stateLook } from '../../lib/environment-look.ts';
import { absoluteTime } from '../../lib/relative-time.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import { StateDot } from '../environments/StateDot.tsx';

type LiveEnvironment = LiveAt['environments'][number];

/** Rows in the board's order (projects by name), columns in the board's (lifecycle) order. */
function layout(data: LiveAt, columns: string[], projectOrder: number[]) {
  const names = [...columns];
  for (const environment of data.environments) {
    if (!names.includes(environment.environment)) names.push(environment.environment);
  }
  const rows = new Map<number, { name: string; cells: Map<string, LiveEnvironment> }>();
  for (const environment of data.environments) {
    const row = rows.get(environment.projectId) ?? { name: environment.projectName, cells: new Map() };
    row.cells.set(environment.environment, environment);
    rows.set(environment.projectId, row);
  }
  const rank = (id: number) => {
    const index = projectOrder.indexOf(id);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  const ids = [...rows.keys()].sort((a, b) => rank(a) - rank(b));
  const used = names.filter((name) => [...rows.values()].some((row) => row.cells.has(name)));
  return { columns: used, rows: ids.map((id) => ({ id, ...rows.get(id)! })) };
}

export function LiveAtGrid() {
  const liveAt = useCockpit((state) => state.liveAt);
  const columns = useCockpit((state) => state.boardColumns);
  const projects = useCockpit((state) => state.projects);
  if (!liveAt) return null;
  if (liveAt.error) {
    return (
      <p className="inline-alert" role="alert">
        Could not reconstruct that moment: {liveAt.error.message}
      </p>
    );
  }
  if (!liveAt.data) {
    return <LoadingLine>Looking back…</LoadingLine>;
  }
  const { columns: shown, rows } = layout(
    liveAt.data,
    columns,
    projects.map((project) => project.id),
  );
  if (rows.length === 0) {
    return (
      <p className="board-note" data-testid="live-at-empty">
        Nothing to show for that moment: the cockpit knew of no environments then. Move the slider later.
      </p>
    );
  }
  return (
    <div className="board-scroll">
      <table
        className="live-at-grid"
        data-testid="live-at-grid"
        aria-label={`What was live at ${absoluteTime(liveAt.data.at)}`}
      >
        <thead>
          <tr>
            <th scope="col" className="board-colheader board-colheader-project">
              Project
            </th>
            {shown.map((name) => (
              <th key={name} scope="col" className="board-colheader">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="live-at-row">
              <th scope="row" className="live-at-rowheader">
                {row.name}
              </th>
              {shown.map((name) => {
                const environment = row.cells.get(name);
                return environment ? (
                  <LiveAtCell key={name} environment={environment} at={liveAt.data!.at} />
                ) : (
                  <td key={name} className="board-cell board-cell-missing live-at-cell">
                    <span aria-label={`${row.name} has no ${name} environment`}>–</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LiveAtCell({ environment, at }: { environment: LiveEnvironment; at: number }) {
  const look = stateLook(environment.state);
  return (
    <td
      className={`board-cell live-at-cell board-cell-${environment.state}`}
      data-testid="live-at-cell"
      data-environment={environment.environment}
      data-state={environment.state}
      data-version={environment.version ?? ''}
    >
      <div className="cell-head">
        <StateDot state={environment.state} />
        <span className="cell-version mono">
          {environment.version ?? <span className="cell-none">no version known</span>}
        </span>
        {environment.openIncidentId !== null ? <span className="badge badge-danger">incident</span> : null}
      </div>
      <p className="cell-meta">
        {environment.state === 'unknown' ? 'No data: the cockpit was not watching' : look.label}
        {environment.checkedAt !== null && environment.state !== 'unknown'
          ? ` · checked ${formatSpan(at - environment.checkedAt)} before`
          : ''}
      </p>
      {environment.deployedAt !== null ? (
        <p className="cell-meta">
          {environment.deploymentId !== null ? `Deployment #${environment.deploymentId}, ` : 'Deployed '}
          {formatSpan(at - environment.deployedAt)} before
        </p>
      ) : null}
    </td>
  );
}
