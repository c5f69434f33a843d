// A row's header: the project's name (its folder in the tooltip and the menu), its checkout (branch, commit, HEAD version), and the
// latest CI run on the main branch (a link to the run). Enter (or the ⋯ button) opens the project's
// menu: pipelines, refresh, remove.
import { memo } from 'react';
import type { Project } from '../../../../shared/domain/project.ts';
import type { BoardRow } from '../../../../shared/domain/release.ts';
import { Icon } from '../../components/Icon.tsx';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import { StatusIcon } from '../../components/StatusBadge.tsx';
import { configErrorText } from '../../lib/config-look.ts';
import { statusLook } from '../../lib/run-status.ts';
import { hashForRun } from '../../navigation/hash-route.ts';
import { GitSummary } from './GitSummary.tsx';

/** The tooltip of a project's name: its folder and owners. */
function nameTitle(project: Project | undefined, row: BoardRow | undefined): string | undefined {
  const parts = [
    project ? `Folder: ${project.path}` : null,
    row && row.owners.length > 0 ? `Owners: ${row.owners.join(', ')}` : null,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join('\n') : undefined;
}

interface RowHeaderProps {
  projectId: number;
  project: Project | undefined;
  boardRow: BoardRow | undefined;
  busy: boolean;
  row: number;
  tabbable: boolean;
  menuOpen: boolean;
  onMenuButton: (anchor: HTMLElement) => void;
}

export const RowHeader = memo(function RowHeader({
  projectId,
  project,
  boardRow,
  busy,
  row,
  tabbable,
  menuOpen,
  onMenuButton,
}: RowHeaderProps) {
  const name = project?.name ?? boardRow?.name ?? `Project ${projectId}`;
  const ci = boardRow?.ci ?? null;
  const nameId = `board-project-${projectId}`;
  return (
    <div
      role="rowheader"
      className="board-rowheader"
      tabIndex={tabbable ? 0 : -1}
      data-row={row}
      data-col={0}
      aria-labelledby={nameId}
      aria-haspopup="menu"
      aria-expanded={menuOpen}
    >
      <div className="rowheader-top">
        <h2 id={nameId} className="rowheader-name" title={nameTitle(project, boardRow)}>
          {name}
        </h2>
        {busy ? <Spinner /> : null}
        <button
          type="button"
          className="button button-icon button-quiet rowheader-menu-button"
          tabIndex={-1}
          aria-label={`Actions for ${name}`}
          onClick={(event) => {
            event.stopPropagation();
            const header = event.currentTarget.closest<HTMLElement>('[role="rowheader"]');
            if (header) onMenuButton(header);
          }}
        >
          <Icon name="more" />
        </button>
      </div>
      <div className="rowheader-facts">
        <GitSummary git={project?.git ?? null} />
        {boardRow?.headVersion ? (
          <span className="rowheader-head" title="The version your checkout's HEAD describes">
            HEAD <span className="mono">{boardRow.headVersion}</span>
          </span>
        ) : null}
      </div>
      {boardRow?.configFallback ? (
        <p
          className="rowheader-config-error"
          data-testid="row-config-error"
          title={`${boardRow.configFallback.message}${boardRow.configFallback.problems > 1 ? ` (and ${boardRow.configFallback.problems - 1} more)` : ''}`}
        >
          <Icon name="alert" />
          <span>{configErrorText(boardRow.configFallback, boardRow.configFallback.lastGoodAt)}</span>
        </p>
      ) : null}
      {ci ? (
        <p className="rowheader-ci">
          <a
            href={hashForRun(ci.runId)}
            tabIndex={-1}
            className="rowheader-ci-link"
            title={`Latest run of ${ci.pipeline} (of ${boardRow!.ciPipelines.join(', ')}): ${statusLook(ci.status).label}`}
            data-testid="row-ci"
            data-status={ci.status}
          >
            <StatusIcon status={ci.status} />
            <span>
              {ci.pipeline} #{ci.runId}
            </span>
          </a>
          {ci.finishedAt !== null ? (
            <span className="rowheader-muted">
              <RelativeTime at={ci.finishedAt} />
            </span>
          ) : null}
        </p>
      ) : boardRow && !boardRow.configProblem ? (
        <p className="rowheader-ci rowheader-muted" data-testid="row-no-ci">
          {boardRow.ciPipelines.length === 0
            ? 'no CI pipeline in cockpit.yml'
            : `no run of ${boardRow.ciPipelines.join(' or ')} yet`}
        </p>
      ) : null}
      {boardRow && boardRow.owners.length > 0 ? (
        <p className="rowheader-owners rowheader-muted" data-testid="row-owners">
          {boardRow.owners.join(', ')}
        </p>
      ) : null}
    </div>
  );
});
