// Which project's environments to show: all of them (the default: everything at a glance) or one.
import { ProjectSelect } from '../project-select/ProjectSelect.tsx';
import { useCockpit } from '../../stores/store-context.tsx';

export function EnvironmentsFilter() {
  const filter = useCockpit((state) => state.environmentsFilter);
  const setFilter = useCockpit((state) => state.setEnvironmentsFilter);
  return <ProjectSelect selected={filter} onSelect={setFilter} allLabel="All projects" />;
}
