// A link to where a job or step is defined (file:line), opening it in the editor (VS Code's URL
// scheme); the text is the place, so it reads and copies well without an editor too.
import type { SourceLocationInfo } from '../../../../shared/domain/run.ts';
import { useCockpit } from '../../stores/store-context.tsx';

export function SourceLink({
  location,
  projectId,
}: {
  location: SourceLocationInfo | null;
  projectId: number;
}) {
  const root = useCockpit(
    (state) => state.projects.find((project) => project.id === projectId)?.path ?? null,
  );
  if (!location) return null;
  const text = `${location.file}:${location.line}`;
  if (!root) return <span className="source-link mono">{text}</span>;
  const path = `${root.replace(/\/$/, '')}/${location.file}`;
  return (
    <a
      className="source-link mono"
      href={`vscode://file${path.startsWith('/') ? '' : '/'}${encodeURI(path)}:${location.line}:${location.col}`}
      title={`${path}:${location.line}:${location.col} — open in the editor`}
      data-testid="source-link"
    >
      {text}
    </a>
  );
}
