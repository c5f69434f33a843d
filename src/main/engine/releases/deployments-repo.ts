// Prepared statements for deployments and their approvals; rows in, domain objects out.
import type { Database } from 'better-sqlite3';
import { selfIdentity } from '../kernel/process/process-identity.ts';
import { fieldsOf } from '../kernel/store/row-fields.ts';
import type {
  Approval,
  Deployment,
  DeploymentKind,
  DeploymentStatus,
  GateResult,
  VerificationState,
} from '../../../shared/domain/release.ts';
import type { ParamValue, RunStatus } from '../../../shared/domain/run.ts';
import { heldBack, withBlocks } from './gates.ts';
import { createReleaseBuildsRepo } from './release-builds-repo.ts';

export interface DeploymentRow {
  id: number;
  project_id: number;
  project_name: string | null;
  environment: string;
  kind: DeploymentKind;
  version: string;
  commit_sha: string;
  pipeline: string;
  params: string;
  actor: string;
  status: DeploymentStatus;
  verification: VerificationState | null;
  verification_detail: string | null;
  reported_version: string | null;
  run_id: number | null;
  run_status: RunStatus | null;
  source_environment: string | null;
  previous_version: string | null;
  gates: string;
  approvals_needed: number;
  override_by: string | null;
  override_reason: string | null;
  is_fix: 0 | 1;
  release_notes: string | null;
  owner_pid: number | null;
  /** "<boot id>/<start time>" of the owner (null in rows written before it was kept). */
  owner_start: string | null;
  requested_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export interface NewDeployment {
  projectId: number;
  environment: string;
  kind: DeploymentKind;
  version: string;
  commit: string;
  pipeline: string;
  params: Record<string, ParamValue>;
  actor: string;
  /** The operating-system account behind `actor`. */
  actorOsUser: string;
  status: 'awaiting_approval' | 'queued' | 'running';
  sourceEnvironment: string | null;
  previousVersion: string | null;
  gates: GateResult[];
  approvalsNeeded: number;
  override: { by: string; reason: string } | null;
  fix: boolean;
  releaseNotes: string | null;
  requestedAt: number;
}

export interface DeploymentFilter {
  projectId?: number;
  environment?: string;
  limit?: number;
  beforeId?: number;
}

const SELECT = `
  SELECT d.*, p.name AS project_name, r.status AS run_status
  FROM deployments d
  LEFT JOIN projects p ON p.id = d.project_id
  LEFT JOIN runs r ON r.id = d.run_id`;

export type DeploymentsRepo = ReturnType<typeof createDeploymentsRepo>;

export function createDeploymentsRepo(db: Database) {
  const builds = createReleaseBuildsRepo(db);
  const byId = db.prepare<[number], DeploymentRow>(`${SELECT} WHERE d.id = ?`);
  const byRun = db.prepare<[number], DeploymentRow>(`${SELECT} WHERE d.run_id = ?`);
  const approvalsOf = db.prepare<
    [number],
    {
      id: number;
      deployment_id: number;
      approver: string;
      os_user: string | null;
      decision: 'approve' | 'reject';
      comment: string;
      at: number;
    }
  >('SELECT * FROM approvals WHERE deployment_id = ? ORDER BY id');
  const insert = db.prepare(`
    INSERT INTO deployments (project_id, environment, kind, version, commit_sha, pipeline, params, actor,
      status, source_environment, previous_version, gates, approvals_needed, override_by, override_reason,
      is_fix, release_notes, owner_pid, owner_start, requested_at, started_at, actor_os_user)
    VALUES (@projectId, @environment, @kind, @version, @commit, @pipeline, @params, @actor, @status,
      @sourceEnvironment, @previousVersion, @gates, @approvalsNeeded, @overrideBy, @overrideReason, @fix,
      @releaseNotes, @ownerPid, @ownerStart, @requestedAt, @startedAt, @actorOsUser)`);

  function toDeployment(row: DeploymentRow): Deployment {
    // Gates recorded before the engine stored `blocks` get it on the way out.
    const gates = (JSON.parse(row.gates) as GateResult[]).map(withBlocks);
    return {
      ...fieldsOf(row, 'id, project_id'),
      projectName: row.project_name ?? `project ${row.project_id}`,
      ...fieldsOf(row, 'environment, kind, version'),
      commit: row.commit_sha,
      pipeline: row.pipeline,
      params: JSON.parse(row.params) as Record<string, ParamValue>,
      ...fieldsOf(
        row,
        'actor, status, verification, verification_detail, reported_version, run_id, run_status, source_environment, previous_version',
      ),
      gates,
      heldBack: heldBack({ status: row.status, gates }),
      override: row.override_by ? { by: row.override_by, reason: row.override_reason ?? '' } : null,
      fix: row.is_fix === 1,
      approvalsNeeded: row.approvals_needed,
      approvals: approvalsOf
        .all(row.id)
        .map((approval): Approval =>
          fieldsOf(approval, 'id, deployment_id, approver, os_user, decision, comment, at'),
        ),
      // Who may approve depends on who asks: the release service fills it in (approvals.ts).
      approval: null,
      build: builds.deploymentBuild(row.id),
      ...fieldsOf(row, 'requested_at, started_at, finished_at'),
    };
  }

  return {
    /** Inserts a deployment; a 'running' one takes the environment's lock (throws SQLITE_CONSTRAINT_UNIQUE when held). */
    create(input: NewDeployment): number {
      const result = insert.run({
        ...input,
        params: JSON.stringify(input.params),
        gates: JSON.stringify(input.gates),
        overrideBy: input.override?.by ?? null,
        overrideReason: input.override?.reason ?? null,
        fix: input.fix ? 1 : 0,
        ownerPid: process.pid,
        ownerStart: selfIdentity(),
        startedAt: input.status === 'running' ? input.requestedAt : null,
      });
      return Number(result.lastInsertRowid);
    },
    get(id: number): Deployment | null {
      const row = byId.get(id);
      return row ? toDeployment(row) : null;
    },
    row: (id: number) => byId.get(id) ?? null,
    /** The deployment a deploy pipeline's run carries out, if the run is one. */
    ofRun(runId: number): Deployment | null {
      const row = byRun.get(runId);
      return row ? toDeployment(row) : null;
    },
    list(filter: DeploymentFilter): Deployment[] {
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (filter.projectId !== undefined) {
        where.push('d.project_id = ?');
        args.push(filter.projectId);
      }
      if (filter.environment !== undefined) {
        where.push('d.environment = ?');
        args.push(filter.environment);
      }
      if (filter.beforeId !== undefined) {
        where.push('d.id < ?');
        args.push(filter.beforeId);
      }
      const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.id DESC LIMIT ?`;
      return db
        .prepare<(string | number)[], DeploymentRow>(sql)
        .all(...args, filter.limit ?? 100)
        .map(toDeployment);
    },
    /** Moves a deployment on; `from` guards against racing another process that moved it first. */
    transition(
      id: number,
      from: readonly DeploymentStatus[],
      to: DeploymentStatus,
      fields: {
        at?: number;
        runId?: number;
        gates?: GateResult[];
        override?: { by: string; reason: string };
      } = {},
    ): boolean {
      const placeholders = from.map(() => '?').join(', ');
      const sets = ['status = ?', 'owner_pid = ?', 'owner_start = ?'];
      const values: (string | number | null)[] = [to, process.pid, selfIdentity()];
      if (to === 'running') {
        sets.push('started_at = COALESCE(started_at, ?)');
        values.push(fields.at ?? Date.now());
      }
      if (['succeeded', 'failed', 'cancelled', 'rejected', 'interrupted'].includes(to)) {
        sets.push('finished_at = ?');
        values.push(fields.at ?? Date.now());
      }
      if (fields.runId !== undefined) {
        sets.push('run_id = ?');
        values.push(fields.runId);
      }
      if (fields.gates) {
        sets.push('gates = ?');
        values.push(JSON.stringify(fields.gates));
      }
      if (fields.override) {
        sets.push('override_by = ?, override_reason = ?');
        values.push(fields.override.by, fields.override.reason);
      }
      const result = db
        .prepare(`UPDATE deployments SET ${sets.join(', ')} WHERE id = ? AND status IN (${placeholders})`)
        .run(...values, id, ...from);
      return result.changes === 1;
    },
    setVerification(
      id: number,
      verification: VerificationState,
      detail: string,
      reportedVersion: string | null,
    ): void {
      db.prepare(
        'UPDATE deployments SET verification = ?, verification_detail = ?, reported_version = ? WHERE id = ?',
      ).run(verification, detail, reportedVersion, id);
    },
    addApproval(
      deploymentId: number,
      approver: { name: string; osUser: string },
      decision: 'approve' | 'reject',
      comment: string,
      at: number,
    ) {
      db.prepare(
        'INSERT INTO approvals (deployment_id, approver, os_user, decision, comment, at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(deploymentId, approver.name, approver.osUser, decision, comment, at);
    },
    /** The operating-system account that requested a deployment (null before it was kept). */
    requesterOsUser: (id: number): string | null =>
      db
        .prepare<[number], { u: string | null }>('SELECT actor_os_user AS u FROM deployments WHERE id = ?')
        .get(id)?.u ?? null,
    /** What the deployment ships, for insights: its tier, its commit's time, and the commits it brings. */
    recordShipped(
      id: number,
      tier: string,
      commitAt: number | null,
      commits: { sha: string; committedAt: number }[],
    ): void {
      const insertCommit = db.prepare(
        'INSERT OR IGNORE INTO deployment_commits (deployment_id, sha, committed_at) VALUES (?, ?, ?)',
      );
      db.transaction(() => {
        db.prepare('UPDATE deployments SET tier = ?, commit_at = ? WHERE id = ?').run(tier, commitAt, id);
        for (const commit of commits) insertCommit.run(id, commit.sha, commit.committedAt);
      })();
    },
    releaseNotes(id: number): string | null {
      return byId.get(id)?.release_notes ?? null;
    },
    /** Deployments not finished: waiting for approval, queued, running or verifying. */
    active(projectId?: number): Deployment[] {
      const rows = db
        .prepare<[], DeploymentRow>(
          `${SELECT} WHERE d.status IN ('awaiting_approval', 'queued', 'running', 'verifying') ORDER BY d.id`,
        )
        .all();
      return rows.filter((row) => projectId === undefined || row.project_id === projectId).map(toDeployment);
    },
    /** The lock holder of an environment, if any. */
    holder(projectId: number, environment: string): Deployment | null {
      const row = db
        .prepare<[number, string], DeploymentRow>(
          `${SELECT} WHERE d.project_id = ? AND d.environment = ? AND d.status IN ('running', 'verifying')`,
        )
        .get(projectId, environment);
      return row ? toDeployment(row) : null;
    },
    /** The next queued deployment of an environment, oldest first. */
    nextQueued(projectId: number, environment: string): Deployment | null {
      const row = db
        .prepare<[number, string], DeploymentRow>(
          `${SELECT} WHERE d.project_id = ? AND d.environment = ? AND d.status = 'queued' ORDER BY d.id LIMIT 1`,
        )
        .get(projectId, environment);
      return row ? toDeployment(row) : null;
    },
    /** Successful deployments of an environment, newest first. */
    succeeded(projectId: number, environment: string, limit = 50): Deployment[] {
      return db
        .prepare<[number, string, number], DeploymentRow>(
          `${SELECT} WHERE d.project_id = ? AND d.environment = ? AND d.status = 'succeeded' ORDER BY d.id DESC LIMIT ?`,
        )
        .all(projectId, environment, limit)
        .map(toDeployment);
    },
    /** The newest deployment of an environment in any state. */
    latest(projectId: number, environment: string): Deployment | null {
      const row = db
        .prepare<[number, string], DeploymentRow>(
          `${SELECT} WHERE d.project_id = ? AND d.environment = ? ORDER BY d.id DESC LIMIT 1`,
        )
        .get(projectId, environment);
      return row ? toDeployment(row) : null;
    },
    /** The newest finished deployment of an environment: succeeded, failed, cancelled, rejected or interrupted. */
    latestFinished(projectId: number, environment: string): Deployment | null {
      const row = db
        .prepare<[number, string], DeploymentRow>(
          `${SELECT} WHERE d.project_id = ? AND d.environment = ?
             AND d.status NOT IN ('awaiting_approval', 'queued', 'running', 'verifying')
           ORDER BY d.id DESC LIMIT 1`,
        )
        .get(projectId, environment);
      return row ? toDeployment(row) : null;
    },
    /** Rows whose driving process is gone (or is this one, at start): to be marked interrupted. */
    orphans(): DeploymentRow[] {
      return db
        .prepare<[], DeploymentRow>(`${SELECT} WHERE d.status IN ('queued', 'running', 'verifying')`)
        .all();
    },
  };
}
