// With every project shown: the four keys side by side for each project, each with its band.
import type { DoraSummary } from '../../../../shared/domain/insights.ts';
import { doraKeyInfo, doraKeyNames, formatKeyValue, keyValue } from '../../lib/insights-look.ts';
import { BandBadge } from './BandBadge.tsx';

export function ProjectKeysTable({ summary }: { summary: DoraSummary }) {
  if (summary.byProject.length === 0) return null;
  return (
    <section aria-labelledby="insights-projects-title">
      <h2 id="insights-projects-title" className="section-title">
        By project
      </h2>
      <div className="insights-table-wrap">
        <table className="insights-table" data-testid="project-keys">
          <thead>
            <tr>
              <th scope="col">Project</th>
              {doraKeyNames.map((key) => (
                <th key={key} scope="col">
                  {doraKeyInfo(key).label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {summary.byProject.map((project) => (
              <tr key={project.projectId}>
                <th scope="row">{project.name}</th>
                {doraKeyNames.map((key) => (
                  <td key={key}>
                    <span className="insights-cell-value">
                      {formatKeyValue(key, keyValue(project.keys, key))}
                    </span>
                    <BandBadge band={project.keys[key].band} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
