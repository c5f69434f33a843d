// Chooses the project whose pipelines are shown (only when there is more than one); remembered.
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { pipelinesProjectFor } from '../../stores/pipelines-slice.ts';
import { useCockpit } from '../../stores/store-context.tsx';

export function ProjectPicker() {
  const projects = useCockpit(
    useShallow((state) => state.projects.map((project) => `${project.id}\u0000${project.name}`)),
  );
  const selected = useCockpit(pipelinesProjectFor);
  const select = useCockpit((state) => state.selectPipelinesProject);
  const id = useId();
  if (projects.length < 2 || selected === null) return null;
  return (
    <div className="project-picker">
      <label htmlFor={id} className="project-picker-label">
        Project
      </label>
      <select
        id={id}
        className="input select"
        value={selected}
        onChange={(event) => select(Number(event.target.value))}
      >
        {projects.map((entry) => {
          const [projectId, name] = entry.split('\u0000') as [string, string];
          return (
            <option key={projectId} value={projectId}>
              {name}
            </option>
          );
        })}
      </select>
    </div>
  );
}
