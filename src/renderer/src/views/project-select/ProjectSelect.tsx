// A labelled select of the cockpit's projects, for views that show one project at a time. With a
// single project there is nothing to choose: it is hidden, or (with `showSingle`) named as text.
import { useShallow } from 'zustand/react/shallow';
import { useCockpit } from '../../stores/store-context.tsx';
import { PickerSelect } from './PickerSelect.tsx';
import './project-select.css';

type ProjectSelectProps = (
  | { selected: number | null; onSelect: (projectId: number) => void; allLabel?: undefined }
  | {
      selected: number | 'all';
      onSelect: (choice: number | 'all') => void;
      /** Offer "all projects" first, under this label (the Environments view shows everything at once). */
      allLabel: string;
    }
) & {
  /** Name the only project rather than showing nothing. */
  showSingle?: boolean;
};

export function ProjectSelect({ selected, onSelect, allLabel, showSingle = false }: ProjectSelectProps) {
  const projects = useCockpit(
    useShallow((state) => state.projects.map((project) => `${project.id}\u0000${project.name}`)),
  );
  if (selected === null || projects.length === 0) return null;
  if (projects.length === 1) {
    if (!showSingle) return null;
    const [, name] = projects[0]!.split('\u0000') as [string, string];
    return (
      <p className="project-picker">
        <span className="project-picker-label">Project</span>
        <span className="project-picker-single">{name}</span>
      </p>
    );
  }
  return (
    <PickerSelect
      label="Project"
      value={selected}
      onChange={(value) => {
        if (allLabel === undefined) onSelect(Number(value));
        else onSelect(value === 'all' ? 'all' : Number(value));
      }}
    >
      {allLabel ? <option value="all">{allLabel}</option> : null}
      {projects.map((entry) => {
        const [projectId, name] = entry.split('\u0000') as [string, string];
        return (
          <option key={projectId} value={projectId}>
            {name}
          </option>
        );
      })}
    </PickerSelect>
  );
}
