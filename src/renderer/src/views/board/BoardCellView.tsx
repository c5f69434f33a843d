// One project in one environment: the version recorded and reported (a mismatch is highlighted and
// explained), health (stale shown), when and by whom it was deployed, drift, approvals waiting, a
// deploy in progress with its jobs, and the last problem. Memoised: it re-renders only when its cell
// data (kept identical when unchanged) or its focus changes.
import { Fragment, memo } from 'react';
import type { BoardCell } from '../../../../shared/domain/release.ts';
import { Icon } from '../../components/Icon.tsx';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { relativeTime } from '../../lib/relative-time.ts';
import { useNow } from '../../lib/use-now.ts';
import {
  activeText,
  cellSummary,
  deploymentLook,
  driftPhrases,
  mismatchExplanation,
  verificationLook,
} from '../../lib/release-look.ts';
import { hashForRun } from '../../navigation/hash-route.ts';
import { NextCheck } from '../environments/CheckedAgo.tsx';
import { StateDot } from '../environments/StateDot.tsx';
import { AutoDeployLine } from './AutoDeployLine.tsx';

/** "auto-deploy (environments.staging.auto_deploy)" → "auto-deploy": the rule's place is in the title. */
function shortActor(actor: string): string {
  return /^(auto-(?:deploy|promote)) \(/.exec(actor)?.[1] ?? actor;
}

interface BoardCellViewProps {
  projectName: string;
  projectId: number;
  cell: BoardCell;
  previousEnvironment: string | null;
  row: number;
  col: number;
  tabbable: boolean;
  menuOpen: boolean;
}

export const BoardCellView = memo(function BoardCellView({
  projectName,
  projectId,
  cell,
  previousEnvironment,
  row,
  col,
  tabbable,
  menuOpen,
}: BoardCellViewProps) {
  const version = cell.recorded?.version ?? cell.reportedVersion;
  const verification = cell.recorded?.verification ?? null;
  const drift = driftPhrases(cell.drift, previousEnvironment);
  const active = cell.active;
  const mismatch = cell.mismatch ? mismatchExplanation(cell) : null;
  const now = useNow();

  return (
    <div
      role="gridcell"
      className={[
        'board-cell',
        `board-cell-${cell.state}`,
        cell.mismatch ? 'board-cell-mismatch' : '',
        active ? 'board-cell-busy' : '',
        cell.lastProblem && !active ? 'board-cell-problem' : '',
      ]
        .filter(Boolean)
        .join(' ')}
      tabIndex={tabbable ? 0 : -1}
      data-row={row}
      data-col={col}
      data-testid="board-cell"
      data-project={projectName}
      data-environment={cell.environment}
      data-state={cell.state}
      data-version={cell.recorded?.version ?? ''}
      data-reported={cell.reportedVersion ?? ''}
      data-verification={verification ?? ''}
      data-active={active?.status ?? ''}
      aria-label={cellSummary(projectName, cell, previousEnvironment, (at) => relativeTime(at, now))}
      aria-haspopup="menu"
      aria-expanded={menuOpen}
    >
      <div className="cell-head">
        <StateDot state={cell.state} />
        <span className="cell-version mono" data-testid="cell-version">
          {version ?? <span className="cell-none">nothing deployed</span>}
        </span>
        {verification ? (
          <span
            className={`cell-verification status-${verificationLook(verification).tone}`}
            title={`${verificationLook(verification).label}: ${
              verification === 'verified'
                ? 'the environment reported this version after the deploy.'
                : verification === 'not_verified'
                  ? 'the environment did not report this version after the deploy.'
                  : 'this environment has no version check.'
            }`}
          >
            <Icon name={verificationLook(verification).icon} />
            <span className="visually-hidden">{verificationLook(verification).label}</span>
          </span>
        ) : null}
        {cell.state === 'stale' ? <span className="badge cell-stale">stale</span> : null}
        {cell.pendingApprovals > 0 ? (
          <span
            className="badge badge-warning cell-approvals"
            title={`${cell.pendingApprovals} ${cell.pendingApprovals === 1 ? 'deploy awaits' : 'deploys await'} approval`}
            data-testid="cell-approvals"
          >
            <Icon name="bell" />
            {cell.pendingApprovals}
          </span>
        ) : null}
      </div>
      {cell.state === 'down' ? (
        <p className="cell-down" data-testid="cell-down" title={cell.lastError ?? undefined}>
          <NextCheck environment={cell} />
          {cell.lastError ? <span className="cell-down-error">{cell.lastError}</span> : null}
        </p>
      ) : null}

      {mismatch ? (
        <p className="cell-mismatch" title={mismatch} data-testid="cell-mismatch">
          <Icon name="alert" />
          {cell.reportedVersion !== null ? (
            <span>
              reports <span className="mono">{cell.reportedVersion}</span>
            </span>
          ) : (
            <span>reports no version</span>
          )}
        </p>
      ) : null}

      {cell.recorded ? (
        <p className="cell-meta" title={`Deployed by ${cell.recorded.actor}`}>
          <RelativeTime at={cell.recorded.finishedAt} /> · {shortActor(cell.recorded.actor)}
        </p>
      ) : null}

      {drift.length > 0 ? (
        <p className="cell-drift">
          {drift.map((phrase, index) => (
            <Fragment key={phrase.key}>
              {index > 0 ? ' · ' : null}
              <span className={`cell-drift-${phrase.tone}`} title={phrase.title}>
                {phrase.text}
              </span>
            </Fragment>
          ))}
        </p>
      ) : null}

      {active ? (
        <p className={`cell-active status-${deploymentLook(active.status).tone}`} data-testid="cell-active">
          <Icon
            name={deploymentLook(active.status).icon}
            className={active.status === 'running' || active.status === 'verifying' ? 'icon-spin' : undefined}
          />
          <span>{activeText(active)}</span>
          {active.runId !== null ? (
            <a className="cell-run-link" href={hashForRun(active.runId)} tabIndex={-1}>
              run #{active.runId}
            </a>
          ) : null}
        </p>
      ) : cell.lastProblem ? (
        <p className="cell-problem" data-testid="cell-problem">
          <Icon name="cross" />
          {cell.lastProblem}
        </p>
      ) : null}
      {cell.autoDeploy ? (
        <AutoDeployLine projectId={projectId} environment={cell.environment} auto={cell.autoDeploy} />
      ) : null}
    </div>
  );
});

/** The project has no such environment: a quiet dash, still reachable with the arrow keys. */
export const MissingCell = memo(function MissingCell({
  projectName,
  environment,
  row,
  col,
  tabbable,
}: {
  projectName: string;
  environment: string;
  row: number;
  col: number;
  tabbable: boolean;
}) {
  return (
    <div
      role="gridcell"
      className="board-cell board-cell-missing"
      tabIndex={tabbable ? 0 : -1}
      data-no-menu=""
      data-testid="board-cell-missing"
      data-environment={environment}
      data-row={row}
      data-col={col}
      aria-label={`${projectName} has no ${environment} environment`}
    >
      <span aria-hidden="true">–</span>
    </div>
  );
});

/** The board has not arrived yet (or failed): the row's cells wait quietly. */
export const PendingCell = memo(function PendingCell({
  row,
  col,
  tabbable,
}: {
  row: number;
  col: number;
  tabbable: boolean;
}) {
  return (
    <div
      role="gridcell"
      className="board-cell board-cell-pending"
      tabIndex={tabbable ? 0 : -1}
      data-no-menu=""
      data-row={row}
      data-col={col}
      aria-label="Not loaded yet"
    >
      <span className="cell-skeleton" aria-hidden="true" />
    </div>
  );
});
