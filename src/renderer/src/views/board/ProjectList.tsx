// The list of projects; each row subscribes to its own project so one change re-renders one row.
import { useShallow } from 'zustand/react/shallow';
import { useCockpit } from '../../stores/store-context.tsx';
import { ProjectRow } from './ProjectRow.tsx';

export function ProjectList() {
  const ids = useCockpit(useShallow((state) => state.projects.map((project) => project.id)));
  return (
    <ul className="project-list" data-testid="project-list" aria-label="Projects">
      {ids.map((id) => (
        <ProjectRow key={id} id={id} />
      ))}
    </ul>
  );
}
