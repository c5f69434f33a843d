// The release board as the engine reports it: deployments, gates, approvals, drift, release notes
// and the audit log.
import { z } from 'zod';
import { environmentStates } from './environment.ts';
import { deploymentBuildSchema } from './release-build.ts';
import { paramValueSchema, runStatuses } from './run.ts';

export const deploymentKinds = ['deploy', 'promote', 'rollback'] as const;
export type DeploymentKind = (typeof deploymentKinds)[number];

export const deploymentStatuses = [
  'awaiting_approval', // gates other than approvals passed; waiting for enough approvals
  'queued', // waiting for the environment's deploy lock
  'running', // the deploy pipeline is running
  'verifying', // the pipeline succeeded; polling the environment for the new version
  'succeeded',
  'failed',
  'cancelled',
  'rejected', // an approver rejected it
  'interrupted', // the cockpit stopped while it ran
] as const;
export type DeploymentStatus = (typeof deploymentStatuses)[number];
export const activeDeploymentStatuses: readonly DeploymentStatus[] = [
  'awaiting_approval',
  'queued',
  'running',
  'verifying',
];

export const verificationStates = ['verified', 'not_verified', 'skipped'] as const;
export type VerificationState = (typeof verificationStates)[number];

export const gateNames = ['pipeline_passed', 'approvals', 'freeze', 'soak', 'healthy_before'] as const;
export type GateName = (typeof gateNames)[number];

export const gateResultSchema = z.object({
  gate: z.enum(gateNames),
  passed: z.boolean(),
  /** Why, in a sentence: "ci passed on a1b2c3d (run #12)", "frozen until Mon 08:00 Europe/Paris: …". */
  detail: z.string(),
  /** The engine's verdict: this failed gate blocks the deploy (a missing approval waits instead). */
  blocks: z.boolean(),
  /** Not evaluated: a rollback here does not go by it (`gates.rollback.skip`); shown, counted as passed. */
  skipped: z.boolean().optional(),
});
export type GateResult = z.infer<typeof gateResultSchema>;

export const approvalSchema = z.object({
  id: z.number().int(),
  deploymentId: z.number().int(),
  approver: z.string(),
  /** The operating-system account behind the name (null for approvals recorded before it was kept). */
  osUser: z.string().nullable(),
  decision: z.enum(['approve', 'reject']),
  comment: z.string(),
  at: z.number(),
});
export type Approval = z.infer<typeof approvalSchema>;

/**
 * Who may approve a deployment that awaits approval, as the engine decides it for the person asking:
 * clients render it (never re-derive it). Null on a deployment that does not await approval.
 */
export const approvalStateSchema = z.object({
  /** Who requested the deployment. */
  requester: z.string(),
  /** The person asking (this client's COCKPIT_USER or OS user). */
  actor: z.string(),
  /** The person asking requested it (by name, or from the same OS account under another name). */
  actorIsRequester: z.boolean(),
  /** Whether the person asking may approve it now; whyNot says why not. */
  mayApprove: z.boolean(),
  whyNot: z.string().nullable(),
  approvalsNeeded: z.number().int(),
  /** Approvals still missing (those that count: listed approvers, not the requester, one per account). */
  approvalsLeft: z.number().int(),
  /** The listed approvers who may still give one (not the requester unless self-approval, not those who decided). */
  waitingFor: z.array(z.string()),
  /** No approvers are listed: anyone may approve, except `excluded`. */
  anyone: z.boolean(),
  /** Who cannot give one: the requester (unless self-approval is allowed) and those who already decided. */
  excluded: z.array(z.string()),
  /** An approval must carry a comment (gates.comment_required, default true); a rejection always does. */
  commentRequired: z.boolean(),
});
export type ApprovalState = z.infer<typeof approvalStateSchema>;

export const deploymentSchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  projectName: z.string(),
  environment: z.string(),
  kind: z.enum(deploymentKinds),
  version: z.string(),
  commit: z.string(),
  pipeline: z.string(),
  params: z.record(z.string(), paramValueSchema),
  actor: z.string(),
  status: z.enum(deploymentStatuses),
  verification: z.enum(verificationStates).nullable(),
  /** "environment reports 1.2.0", "environment still reports 1.1.0 after 2m", "no version check". */
  verificationDetail: z.string().nullable(),
  /** The version the environment reported when verification ended. */
  reportedVersion: z.string().nullable(),
  runId: z.number().int().nullable(),
  runStatus: z.enum(runStatuses).nullable(),
  /** For a promotion: the environment the version came from. */
  sourceEnvironment: z.string().nullable(),
  /** What the environment had before (recorded version), for notes and rollbacks. */
  previousVersion: z.string().nullable(),
  /** The gates as evaluated when the deploy was requested (and when it started). */
  gates: z.array(gateResultSchema),
  override: z.object({ by: z.string(), reason: z.string() }).nullable(),
  /**
   * Awaiting approval with every approval in: another gate held it back (a soak not over, a freeze
   * began), and it waits to be started again (releases.start), not to be approved. The engine decides.
   */
  heldBack: z.boolean(),
  /** A fix-forward: deployed to repair a broken environment. */
  fix: z.boolean(),
  approvalsNeeded: z.number().int(),
  approvals: z.array(approvalSchema),
  /** Awaiting approval: who may approve it, for the person asking (the engine decides); else null. */
  approval: approvalStateSchema.nullable(),
  /**
   * What it ships: a captured release (files and checksums as built once), or "built at deploy
   * time" by its own pipeline (its files known once it ran). Null for deployments from before.
   */
  build: deploymentBuildSchema.nullable(),
  requestedAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
});
export type Deployment = z.infer<typeof deploymentSchema>;

export const noteCommitSchema = z.object({
  sha: z.string(),
  shortSha: z.string(),
  subject: z.string(),
  author: z.string(),
  date: z.number(),
  type: z.string(),
  scope: z.string().nullable(),
  breaking: z.boolean(),
  description: z.string(),
  issues: z.array(z.string()),
});

export const releaseNotesSchema = z.object({
  from: z.string().nullable(),
  to: z.string(),
  fromSha: z.string().nullable(),
  toSha: z.string(),
  notAncestor: z.boolean(),
  commits: z.array(noteCommitSchema),
  groups: z.array(z.object({ type: z.string(), title: z.string(), shas: z.array(z.string()) })),
  authors: z.array(z.object({ name: z.string(), email: z.string(), commits: z.number().int() })),
  issues: z.array(z.string()),
  markdown: z.string(),
});
export type ReleaseNotesData = z.infer<typeof releaseNotesSchema>;

export const deploymentDetailSchema = deploymentSchema.extend({
  releaseNotes: z.string().nullable(), // Markdown, saved with the deployment
  /** Whether the person asking may approve it now, and why not (the engine's approval rules). */
  canApprove: z.object({ allowed: z.boolean(), why: z.string().nullable() }),
  audit: z.array(z.lazy(() => auditEntrySchema)),
});
export type DeploymentDetail = z.infer<typeof deploymentDetailSchema>;

/** What a deploy would do, before it is requested: the plan, its gates, and the notes. */
export const deployPreviewSchema = z.object({
  projectId: z.number().int(),
  environment: z.string(),
  kind: z.enum(deploymentKinds),
  version: z.string(),
  commit: z.string(),
  pipeline: z.string(),
  sourceEnvironment: z.string().nullable(),
  previousVersion: z.string().nullable(),
  /** Deploys of anything but a clean HEAD run in a temporary git worktree. */
  inWorktree: z.boolean(),
  /** What the deploy would ship: a captured release (or the run it will be captured from), or a build at deploy time. */
  build: deploymentBuildSchema,
  gates: z.array(gateResultSchema),
  approvalsNeeded: z.number().int(),
  /** Every gate passes except approvals: requesting creates a deployment awaiting approval. */
  needsApproval: z.boolean(),
  /** The approvals gate waits for approvals: the request (overridden or not) asks for them. */
  asksApproval: z.boolean(),
  /** Whether a gate blocks so that only an override gets past, and the rule its reason must meet. */
  override: z.object({
    needed: z.boolean(),
    rule: z.object({
      minWords: z.number().int(),
      minChars: z.number().int(),
      maxChars: z.number().int(),
      text: z.string(),
    }),
  }),
  notes: releaseNotesSchema,
});
export type DeployPreview = z.infer<typeof deployPreviewSchema>;

export const headRelations = ['same', 'ahead', 'behind', 'diverged', 'unknown'] as const;

export const driftSchema = z.object({
  /** The commit the environment runs: from its reported version, else its last recorded deployment. */
  commit: z.string().nullable(),
  /** Commits this environment lacks that the previous lifecycle environment has (null: unknown). */
  behindPrevious: z.number().int().nullable(),
  /** Commits it lacks from the main branch. */
  behindMain: z.number().int().nullable(),
  mainBranch: z.string().nullable(),
  /** The working tree's HEAD relative to what runs here. */
  head: z.object({
    relation: z.enum(headRelations),
    ahead: z.number().int(),
    behind: z.number().int(),
  }),
  /** "Is what I tested what is live?": a successful local run of a non-deploy pipeline on that commit. */
  tested: z.object({ pipeline: z.string(), runId: z.number().int() }).nullable(),
});
export type Drift = z.infer<typeof driftSchema>;

/** An environment's continuous-delivery rule on the board (cockpit.yml `auto_deploy` / `auto_promote`). */
export const autoDeployCellSchema = z.object({
  /** `environments.staging.auto_deploy`: the rule's place in cockpit.yml, also in the audit actor. */
  rule: z.string(),
  kind: z.enum(['auto_deploy', 'auto_promote']),
  after: z.string().nullable(),
  branch: z.string().nullable(),
  paused: z.object({ by: z.string(), at: z.number() }).nullable(),
  /** waiting: a gate will pass with time or facts (soak…); blocked: it will not by itself (freeze…). */
  state: z.enum(['idle', 'waiting', 'blocked', 'deployed']),
  /** Why, in a sentence: "soak — healthy in staging for 10m of 30m; 20m to go", "deployed v1.2 (deployment #4)". */
  message: z.string().nullable(),
  since: z.number().nullable(),
});
export type AutoDeployCell = z.infer<typeof autoDeployCellSchema>;

export const boardCellSchema = z.object({
  environment: z.string(),
  environmentId: z.number().int().nullable(),
  tier: z.enum(['development', 'staging', 'production', 'other']),
  state: z.enum(environmentStates),
  reportedVersion: z.string().nullable(),
  lastCheckedAt: z.number().nullable(),
  /** When the monitor checks next (null while a check runs, or nothing is scheduled). */
  nextCheckAt: z.number().nullable(),
  /** The latest check's error, while it fails. */
  lastError: z.string().nullable(),
  /** The last successful deployment recorded here. */
  recorded: z
    .object({
      deploymentId: z.number().int(),
      version: z.string(),
      commit: z.string(),
      actor: z.string(),
      finishedAt: z.number(),
      verification: z.enum(verificationStates).nullable(),
    })
    .nullable(),
  /** The reported version differs from the recorded one (an out-of-band deploy, or a failed one). */
  mismatch: z.boolean(),
  drift: driftSchema.nullable(),
  /** Deployments here still waiting for approvals. */
  pendingApprovals: z.number().int(),
  /** A deployment in progress (or waiting) here. */
  active: z
    .object({
      deploymentId: z.number().int(),
      status: z.enum(deploymentStatuses),
      version: z.string(),
      actor: z.string(),
      runId: z.number().int().nullable(),
      /** Awaiting approval with every approval in: a gate held it back, it needs starting (releases.start). */
      approved: z.boolean(),
      /** Awaiting approval: who may approve it, for the person asking (the engine decides); else null. */
      approval: approvalStateSchema.nullable(),
      /** Jobs finished / total, while the pipeline runs. */
      progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
    })
    .nullable(),
  /** The last deployment ended badly (failed, interrupted, or not verified). */
  lastProblem: z.string().nullable(),
  hasGates: z.boolean(),
  canDeploy: z.boolean(),
  /** Where a release goes after this environment in the project's lifecycle (null: the end, or not in it). */
  next: z.string().nullable(),
  /** Where a release comes from before it (null: the start, or not in the lifecycle). */
  previous: z.string().nullable(),
  owners: z.array(z.string()),
  /** The environment's auto-deploy or auto-promote rule, if it has one. */
  autoDeploy: autoDeployCellSchema.nullable().optional(),
});
export type BoardCell = z.infer<typeof boardCellSchema>;

export const boardRowSchema = z.object({
  projectId: z.number().int(),
  name: z.string(),
  /** cockpit.yml does not parse and no valid one was ever seen: the row says so instead of cells. */
  configProblem: z.string().nullable(),
  /**
   * cockpit.yml does not parse, and the row (monitoring, gates) goes on with the last good
   * configuration: the first problem, how many there are, and when that configuration was written.
   */
  configFallback: z
    .object({
      file: z.string(),
      line: z.number().int(),
      col: z.number().int(),
      message: z.string(),
      problems: z.number().int(),
      lastGoodAt: z.number(),
    })
    .nullable(),
  /** The pipelines whose runs say "tested" here: those the gates require, else the CI pipeline. */
  ciPipelines: z.array(z.string()),
  /** The latest run of any of them on the main branch (else on any branch); null when there is none. */
  ci: z
    .object({
      pipeline: z.string(),
      runId: z.number().int(),
      status: z.enum(runStatuses),
      sha: z.string().nullable(),
      finishedAt: z.number().nullable(),
    })
    .nullable(),
  headSha: z.string().nullable(),
  headVersion: z.string().nullable(),
  /** From cockpit.yml `owners:`. */
  owners: z.array(z.string()),
  lifecycle: z.array(z.string()),
  cells: z.array(boardCellSchema),
});
export type BoardRow = z.infer<typeof boardRowSchema>;

export const boardSchema = z.object({
  /** Union of every project's environments, in lifecycle order. */
  columns: z.array(z.string()),
  rows: z.array(boardRowSchema),
});
export type Board = z.infer<typeof boardSchema>;

export const auditActions = [
  'deploy.requested',
  'deploy.started',
  'deploy.finished',
  'deploy.cancelled',
  'approval.approved',
  'approval.rejected',
  'gate.override',
  'policy.changed',
  'auto_deploy.paused',
  'auto_deploy.resumed',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.number(),
  actor: z.string(),
  action: z.enum(auditActions),
  projectId: z.number().int().nullable(),
  /** What it is about: "deployment #12", "production". */
  subject: z.string(),
  detail: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  /** The first entry whose hash or link does not match. */
  firstBadId: z.number().int().nullable(),
  problem: z.string().nullable(),
  /**
   * The chain's head: its newest entry as stored (null when empty). Someone who can write the
   * database file could rebuild the whole chain; a head noted earlier that is no longer in it shows that.
   */
  headId: z.number().int().nullable(),
  headHash: z.string().nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
