// The Releases view: deployments across projects (filter by project and environment), each
// expandable to its gates, approvals, notes and audit trail, with what waits for approval on top; and
// the audit log with its chain check.
import { useEffect, useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LoadingLine } from '../../components/LoadingLine.tsx';
import { LoadMoreButton } from '../../components/LoadMoreButton.tsx';
import { ViewPage } from '../../components/ViewPage.tsx';
import { EnvironmentSelect } from '../project-select/EnvironmentSelect.tsx';
import { ProjectSelect } from '../project-select/ProjectSelect.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { useCockpit } from '../../stores/store-context.tsx';
import { AuditLog } from './AuditLog.tsx';
import { DeploymentList } from './DeploymentList.tsx';
import { PendingApprovals } from './PendingApprovals.tsx';
import './releases.css';

type ReleasesTab = 'deployments' | 'audit';
const tabs = [
  { id: 'deployments' as const, label: 'Deployments' },
  { id: 'audit' as const, label: 'Audit log' },
];

export function ReleasesView() {
  const [tab, setTab] = useState<ReleasesTab>('deployments');
  const idPrefix = useId();
  return (
    <ViewPage
      name="releases"
      className="view-wide"
      title="Releases"
      description="What shipped where, what waits for approval, and the audit log of every decision."
    >
      <Tabs label="Releases" tabs={tabs} selected={tab} onSelect={setTab} idPrefix={idPrefix} />
      <div role="tabpanel" id={`${idPrefix}-panel-${tab}`} aria-labelledby={`${idPrefix}-tab-${tab}`}>
        {tab === 'deployments' ? <Deployments /> : <AuditLog />}
      </div>
    </ViewPage>
  );
}

function Deployments() {
  const watchReleases = useCockpit((state) => state.watchReleases);
  const watchBoard = useCockpit((state) => state.watchBoard);
  const deployments = useCockpit((state) => state.deployments);
  const error = useCockpit((state) => state.deploymentsError);
  const hasMore = useCockpit((state) => state.deploymentsHasMore);
  const loadingMore = useCockpit((state) => state.deploymentsLoadingMore);
  const loadMore = useCockpit((state) => state.loadMoreDeployments);
  const filter = useCockpit((state) => state.releasesFilter);
  const setFilter = useCockpit((state) => state.setReleasesFilter);
  // The environments to filter by: the board's columns (every project's, in lifecycle order).
  const environments = useCockpit(useShallow((state) => state.boardColumns));

  useEffect(() => watchReleases(), [watchReleases]);
  useEffect(() => watchBoard(), [watchBoard]);

  const filtered = filter.projectId !== 'all' || filter.environment !== 'all';

  return (
    <>
      <PendingApprovals />
      <div className="releases-filters">
        <h2 className="section-title releases-history-title">Deployment history</h2>
        <ProjectSelect
          selected={filter.projectId}
          onSelect={(projectId) => setFilter({ projectId })}
          allLabel="All projects"
        />
        {environments.length > 0 ? (
          <EnvironmentSelect
            value={filter.environment}
            environments={environments}
            anyValue="all"
            anyLabel="All environments"
            onChange={(environment) => setFilter({ environment })}
          />
        ) : null}
      </div>
      {error ? (
        <p className="inline-alert" role="alert">
          Could not load deployments: {error.message}
        </p>
      ) : null}
      {deployments === null ? (
        error ? null : (
          <LoadingLine>Loading deployments…</LoadingLine>
        )
      ) : deployments.length === 0 ? (
        <p className="release-notes-none" data-testid="deployments-empty">
          {filtered
            ? 'No deployments match the filter.'
            : 'No deployments yet. Deploy from a cell of the Board (Enter on a cell, or Ctrl+K).'}
        </p>
      ) : (
        <DeploymentList deployments={deployments} showProject />
      )}
      {deployments && hasMore ? <LoadMoreButton loading={loadingMore} onLoadMore={loadMore} /> : null}
    </>
  );
}
