// One project: name, folder, cockpit.yml health, git position, when it was last checked, and actions.
import { Icon } from '../../components/Icon.tsx';
import { hashForProjectPipelines } from '../../navigation/hash-route.ts';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import { useCockpit } from '../../stores/store-context.tsx';
import { ConfigProblems, ConfigStatusBadge } from './ConfigStatus.tsx';
import { GitSummary } from './GitSummary.tsx';

export function ProjectRow({ id }: { id: number }) {
  const project = useCockpit((state) => state.projects.find((p) => p.id === id));
  const activity = useCockpit((state) => state.projectActivity[id]);
  const refresh = useCockpit((state) => state.refreshProject);
  const openDialog = useCockpit((state) => state.openDialog);
  if (!project) return null;
  const nameId = `project-${id}-name`;
  const busy = activity !== undefined;

  return (
    <li className="project-row" data-testid="project-row" data-project-id={id} aria-labelledby={nameId}>
      <div className="project-main">
        <h2 id={nameId} className="project-name">
          {project.name}
        </h2>
        <p className="project-path">
          <Icon name="folder" />
          <span className="mono">{project.path}</span>
        </p>
        <div className="project-facts">
          <ConfigStatusBadge status={project.configStatus} />
          <GitSummary git={project.git} />
          <span className="project-checked">
            Checked <RelativeTime at={project.checkedAt} />
          </span>
        </div>
        <ConfigProblems problems={project.configProblems} />
      </div>
      <div className="project-actions">
        {project.configStatus === 'ok' ? (
          <a
            className="button button-small"
            href={hashForProjectPipelines(id)}
            aria-label={`Pipelines of ${project.name}`}
          >
            <Icon name="play" />
            Pipelines
          </a>
        ) : null}
        <button
          type="button"
          className="button button-small"
          aria-disabled={busy}
          onClick={() => {
            if (!busy) void refresh(id);
          }}
        >
          {activity === 'refreshing' ? <Spinner /> : <Icon name="refresh" />}
          Refresh
        </button>
        <button
          type="button"
          className="button button-small"
          aria-disabled={busy}
          onClick={() => {
            if (!busy) openDialog({ kind: 'remove-project', projectId: id });
          }}
        >
          <Icon name="trash" />
          Remove
        </button>
      </div>
    </li>
  );
}
