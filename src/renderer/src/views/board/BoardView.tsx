// The home view: the release board. Projects × environments with versions, health, drift, approvals
// and deploys in progress, kept live; `/` filters projects; adding, refreshing and removing projects
// live here too (the header button and each row's menu). With no projects, the first-start card.
// "Time travel" swaps the live grid for a read-only one of what was live at a past moment.
import { useEffect, useId, useRef } from 'react';
import { Icon } from '../../components/Icon.tsx';
import { LoadingLine } from '../../components/LoadingLine.tsx';
import { RetryAlert } from '../../components/RetryAlert.tsx';
import { ViewPage } from '../../components/ViewPage.tsx';
import { visibleBoardRowIds } from '../../stores/board/selectors.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import { BoardSearch } from './BoardSearch.tsx';
import { EmptyBoard } from './EmptyBoard.tsx';
import { LiveAtBanner, LiveAtToggle } from './LiveAtControl.tsx';
import { LiveAtGrid } from './LiveAtGrid.tsx';
import { ReleaseGrid } from './ReleaseGrid.tsx';
import './board.css';

const isMac = /Mac|iPhone|iPad/.test(navigator.userAgent);

export function BoardView() {
  const loaded = useCockpit((state) => state.projectsLoaded);
  const count = useCockpit((state) => state.projects.length);
  const error = useCockpit((state) => state.projectsError);
  const connected = useCockpit((state) => state.connection.status === 'connected');
  const fetchProjects = useCockpit((state) => state.fetchProjects);
  const openAddProject = useCockpit((state) => state.openAddProjectDialog);
  const watchBoard = useCockpit((state) => state.watchBoard);
  const boardError = useCockpit((state) => state.boardError);
  const fetchBoard = useCockpit((state) => state.fetchBoard);
  const noColumns = useCockpit(
    (state) => state.boardLoaded && !state.boardError && state.boardColumns.length === 0,
  );
  const visibleNone = useCockpit((state) => state.boardQuery.trim() !== '');
  const travelling = useCockpit((state) => state.liveAt !== null);
  const hintId = useId();
  const searchRef = useRef<HTMLInputElement>(null);
  const hasProjects = loaded && count > 0;

  useEffect(() => watchBoard(), [watchBoard]);

  return (
    <ViewPage
      name="board"
      className="view-board"
      title="Board"
      description={
        hasProjects
          ? `${count} ${count === 1 ? 'project' : 'projects'}: what runs where, and what is on its way.`
          : 'Your projects and where each one stands.'
      }
      actions={
        hasProjects ? (
          <>
            <LiveAtToggle />
            {travelling ? null : <BoardSearch inputRef={searchRef} />}
            <button type="button" className="button button-primary" onClick={openAddProject}>
              <Icon name="plus" />
              Add project
            </button>
          </>
        ) : null
      }
    >
      {error && connected ? (
        <RetryAlert onRetry={fetchProjects}>Could not load the projects: {error}</RetryAlert>
      ) : null}
      {boardError && connected && hasProjects ? (
        <RetryAlert onRetry={fetchBoard} testId="board-error">
          Could not load the release board: {boardError.message}
        </RetryAlert>
      ) : null}
      {!loaded ? (
        <LoadingLine>{connected ? 'Loading projects…' : 'Waiting for the engine…'}</LoadingLine>
      ) : count === 0 ? (
        <EmptyBoard />
      ) : travelling ? (
        <>
          <LiveAtBanner />
          <LiveAtGrid />
        </>
      ) : (
        <>
          <p id={hintId} className="board-hint">
            Arrow keys move between cells · Enter opens a cell’s actions · <kbd>/</kbd> filters projects ·{' '}
            <kbd>{isMac ? '⌘K' : 'Ctrl+K'}</kbd> lists every action
          </p>
          <ReleaseGrid describedBy={hintId} />
          <NoMatches searching={visibleNone} />
          {noColumns ? (
            <p className="board-note">
              No environments yet: describe them under <code>environments:</code> in a project’s{' '}
              <code>cockpit.yml</code> to see what runs where.
            </p>
          ) : null}
        </>
      )}
    </ViewPage>
  );
}

function NoMatches({ searching }: { searching: boolean }) {
  const none = useCockpit((state) => searching && visibleBoardRowIds(state).length === 0);
  const setQuery = useCockpit((state) => state.setBoardQuery);
  if (!none) return null;
  return (
    <p className="board-note" role="status">
      No project matches the filter.{' '}
      <button type="button" className="button button-link" onClick={() => setQuery('')}>
        Show all
      </button>
    </p>
  );
}
