// The project's pipelines, one row each; rows select their own pipeline so they re-render alone.
import { useShallow } from 'zustand/react/shallow';
import { useCockpit } from '../../stores/store-context.tsx';
import { NoPipelines } from './PipelinesEmpty.tsx';
import { PipelineRow } from './PipelineRow.tsx';

export function PipelineList({ projectId }: { projectId: number }) {
  const names = useCockpit(useShallow((state) => state.pipelines?.map((pipeline) => pipeline.name) ?? []));
  const path = useCockpit((state) => state.projects.find((p) => p.id === projectId)?.path ?? null);
  if (names.length === 0) return <NoPipelines projectId={projectId} path={path} />;
  return (
    <ul className="framed-list" aria-label="Pipelines" data-testid="pipeline-list">
      {names.map((name) => (
        <PipelineRow key={name} projectId={projectId} name={name} />
      ))}
    </ul>
  );
}
