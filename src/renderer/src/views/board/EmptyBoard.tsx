// What a first start shows: what a project is, and two ways to get one.
import { EmptyState } from '../../components/EmptyState.tsx';
import { Icon } from '../../components/Icon.tsx';
import { useCockpit } from '../../stores/store-context.tsx';
import { OpenDemoButton } from '../add-project/OpenDemoButton.tsx';

export function EmptyBoard() {
  const openAddProject = useCockpit((state) => state.openAddProjectDialog);
  const demoOpening = useCockpit((state) => state.demoOpening);
  const demoError = useCockpit((state) => state.demoError);

  return (
    <EmptyState
      icon="board"
      title="No projects yet"
      testId="empty-state"
      description={
        <>
          A project is a folder on this computer with a <code>cockpit.yml</code> that describes its pipelines
          and environments. Add one of yours, or look around in a demo project first.
        </>
      }
      actions={
        <>
          <button type="button" className="button button-primary" onClick={openAddProject}>
            <Icon name="plus" />
            Add project
          </button>
          <OpenDemoButton />
        </>
      }
    >
      <p className="empty-state-note" role="status">
        {demoOpening ? 'Setting up the demo project (a small git repository in the data folder)…' : ''}
      </p>
      {demoError ? (
        <p className="field-error" role="alert">
          {demoError}
        </p>
      ) : null}
    </EmptyState>
  );
}
