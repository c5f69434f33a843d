// The status bar along the bottom: every project whose cockpit.yml has an error, where, and which
// configuration the cockpit goes on with — there until the file is fixed, whatever view is open.
import { Icon } from '../components/Icon.tsx';
import { configErrorText } from '../lib/config-look.ts';
import { hashForView } from '../navigation/hash-route.ts';
import { useCockpit } from '../stores/store-context.tsx';
import { useShallow } from 'zustand/react/shallow';

export function StatusBar() {
  const broken = useCockpit(
    useShallow((state) => state.projects.filter((project) => project.configStatus === 'invalid')),
  );
  const count = useCockpit((state) => state.projects.length);
  return (
    <footer className="status-bar" data-testid="status-bar">
      {broken.length === 0 ? (
        <span className="status-bar-quiet">
          {count === 0
            ? 'No projects yet'
            : `${count} ${count === 1 ? 'project' : 'projects'} · every cockpit.yml valid`}
        </span>
      ) : (
        <ul className="status-bar-problems" aria-label="Configuration errors">
          {broken.map((project) => (
            <li key={project.id} className="status-bar-problem" data-testid="status-config-error">
              <Icon name="alert" />
              <a href={hashForView('board')} title={project.configProblems[0]?.message}>
                <strong>{project.name}</strong>:{' '}
                {configErrorText(project.configProblems[0], project.lastGoodConfigAt)}
              </a>
            </li>
          ))}
        </ul>
      )}
    </footer>
  );
}
