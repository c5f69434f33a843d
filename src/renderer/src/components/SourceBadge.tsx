// Where a pipeline comes from: a small badge for GitHub workflows and .gitlab-ci.yml (cockpit.yml
// pipelines, the native ones, carry none unless asked).
import type { PipelineSourceInfo } from '../../../shared/domain/run.ts';

const names = { github: 'GitHub', gitlab: 'GitLab', cockpit: 'cockpit.yml' } as const;

export function SourceBadge({ source, always = false }: { source: PipelineSourceInfo; always?: boolean }) {
  if (source.kind === 'cockpit' && !always) return null;
  return (
    <span
      className={`source-badge source-badge-${source.kind}`}
      data-testid="source-badge"
      title={source.file ? `Defined in ${source.file}` : undefined}
    >
      {names[source.kind]}
    </span>
  );
}
