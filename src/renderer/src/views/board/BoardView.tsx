// The home view. For now, the board is the list of projects (or a friendly empty state).
import { Icon } from '../../components/Icon.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import { ViewHeader } from '../../components/ViewHeader.tsx';
import { useCockpit } from '../../stores/store-context.tsx';
import { EmptyBoard } from './EmptyBoard.tsx';
import { ProjectList } from './ProjectList.tsx';
import './board.css';

export function BoardView() {
  const loaded = useCockpit((state) => state.projectsLoaded);
  const count = useCockpit((state) => state.projects.length);
  const error = useCockpit((state) => state.projectsError);
  const connected = useCockpit((state) => state.connection.status === 'connected');
  const fetchProjects = useCockpit((state) => state.fetchProjects);
  const openAddProject = useCockpit((state) => state.openAddProjectDialog);
  const hasProjects = loaded && count > 0;

  return (
    <section className="view" aria-labelledby="board-title">
      <ViewHeader
        id="board-title"
        title="Board"
        description={
          hasProjects
            ? `${count} ${count === 1 ? 'project' : 'projects'}: their cockpit.yml health and where each checkout stands in git.`
            : 'Your projects and where each one stands.'
        }
        actions={
          hasProjects ? (
            <button type="button" className="button button-primary" onClick={openAddProject}>
              <Icon name="plus" />
              Add project
            </button>
          ) : null
        }
      />
      {error && connected ? (
        <div className="inline-alert" role="alert">
          <span>Could not load the projects: {error}</span>
          <button type="button" className="button button-small" onClick={() => void fetchProjects()}>
            Try again
          </button>
        </div>
      ) : null}
      {!loaded ? (
        <p className="loading-line" role="status">
          <Spinner />
          {connected ? 'Loading projects…' : 'Waiting for the engine…'}
        </p>
      ) : count === 0 ? (
        <EmptyBoard />
      ) : (
        <ProjectList />
      )}
    </section>
  );
}
