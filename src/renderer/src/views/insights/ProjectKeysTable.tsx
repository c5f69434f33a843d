// With every project shown: the four keys side by side for each project, each with its band.
import type { DoraSummary } from '../../../../shared/domain/insights.ts';
import type { ColumnHeading } from '../../components/TableHead.tsx';
import { doraKeyInfo, doraKeyNames, formatKeyValue, keyValue } from '../../lib/insights-look.ts';
import { BandBadge } from './BandBadge.tsx';
import { InsightsTableSection } from './InsightsTableSection.tsx';

const projectKeyColumns: readonly ColumnHeading[] = [
  'Project',
  ...doraKeyNames.map((key) => doraKeyInfo(key).label),
];

export function ProjectKeysTable({ summary }: { summary: DoraSummary }) {
  if (summary.byProject.length === 0) return null;
  return (
    <InsightsTableSection
      name="projects"
      title="By project"
      columns={projectKeyColumns}
      testId="project-keys"
      isEmpty={false}
      none={null}
    >
      {summary.byProject.map((project) => (
        <tr key={project.projectId}>
          <th scope="row">{project.name}</th>
          {doraKeyNames.map((key) => (
            <td key={key}>
              <span className="insights-cell-value">{formatKeyValue(key, keyValue(project.keys, key))}</span>
              <BandBadge band={project.keys[key].band} />
            </td>
          ))}
        </tr>
      ))}
    </InsightsTableSection>
  );
}
