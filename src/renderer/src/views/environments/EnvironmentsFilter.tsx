// Which project's environments to show: all of them (the default: everything at a glance) or one.
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCockpit } from '../../stores/store-context.tsx';

export function EnvironmentsFilter() {
  const projects = useCockpit(
    useShallow((state) => state.projects.map((project) => `${project.id}\u0000${project.name}`)),
  );
  const filter = useCockpit((state) => state.environmentsFilter);
  const setFilter = useCockpit((state) => state.setEnvironmentsFilter);
  const id = useId();
  if (projects.length < 2) return null;
  return (
    <div className="project-picker">
      <label htmlFor={id} className="project-picker-label">
        Project
      </label>
      <select
        id={id}
        className="input select"
        value={filter}
        onChange={(event) => setFilter(event.target.value === 'all' ? 'all' : Number(event.target.value))}
      >
        <option value="all">All projects</option>
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
