// Chooses the project whose pipelines are shown (only when there is more than one); remembered.
import { ProjectSelect } from '../project-select/ProjectSelect.tsx';
import { pipelinesProjectFor } from '../../stores/runs/selectors.ts';
import { useCockpit } from '../../stores/store-context.tsx';

export function ProjectPicker() {
  const selected = useCockpit(pipelinesProjectFor);
  const select = useCockpit((state) => state.selectPipelinesProject);
  return <ProjectSelect selected={selected} onSelect={select} />;
}
