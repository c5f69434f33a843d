// The engine protocol: every method (params and result schemas) and every event, in one table.
// The engine validates against it, the typed client is derived from it, and every transport carries it.
import { z } from 'zod';
import { appInfoSchema } from './domain/app-info.ts';
import {
  checkResultSchema,
  environmentDetailSchema,
  environmentHistorySchema,
  environmentSummarySchema,
  historyRanges,
  incidentSchema,
} from './domain/environment.ts';
import { overrideReasonProblem } from './domain/override-reason.ts';
import { deliverySchema, deliveryStatuses } from './domain/notification.ts';
import { folderInspectionSchema, projectSchema } from './domain/project.ts';
import {
  csvTables,
  doraSummarySchema,
  evidencePackSchema,
  insightRanges,
  liveAtSchema,
  noteSchema,
  noteSubjects,
  pipelineInsightsSchema,
  reportFormats,
  reportSchema,
  settingsSchema,
} from './domain/insights.ts';
import {
  auditEntrySchema,
  auditVerificationSchema,
  autoDeployCellSchema,
  boardSchema,
  deploymentDetailSchema,
  deploymentSchema,
  deployPreviewSchema,
  releaseNotesSchema,
} from './domain/release.ts';
import { releaseBuildSchema, releaseCandidateSchema } from './domain/release-build.ts';
import { releaseDiffSchema } from './domain/release-diff.ts';
import { rollbackTargetSchema } from './domain/rollback-target.ts';
import {
  artifactChunkSchema,
  logLineSchema,
  logPageSchema,
  paramValueSchema,
  pipelineInfoSchema,
  planPreviewSchema,
  runArtifactSchema,
  runDetailSchema,
  runStatuses,
  runSummarySchema,
  secretInfoSchema,
  variableRecord,
} from './domain/run.ts';

const projectId = z.number().int().positive();
const runId = z.number().int().positive();
const environmentId = z.number().int().positive();
const attemptId = z.number().int().positive();
/** What runs.logSearch and runs.logMatches look for in an attempt's stored log. */
const logQuery = {
  attemptId,
  query: z.string().min(1).max(500),
  regex: z.boolean().optional(),
  caseSensitive: z.boolean().optional(),
};
const name = z.string().min(1).max(200);
const secretName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'a secret name is an environment variable name: letters, digits, underscores',
  );
const deploymentId = z.number().int().positive();
/** A GitHub event name (push, workflow_dispatch, pull_request, schedule…). */
const eventName = z.string().regex(/^[a-z_]{1,64}$/, 'an event name: lower-case letters and underscores');
const versionText = z.string().trim().min(1).max(200);
const override = z
  .strictObject({
    // The engine's one rule for a reason (3 words, 10 characters), in shared/domain/override-reason.ts.
    reason: z
      .string()
      .trim()
      .superRefine((reason, ctx) => {
        const problem = overrideReasonProblem(reason);
        if (problem) ctx.addIssue({ code: 'custom', message: `an override needs a reason: ${problem}` });
      }),
  })
  .optional();
/** Options every way of requesting a deploy shares. */
const requestOptions = {
  /** Deploy although gates fail; the reason is recorded in the audit log. */
  override,
  /** Wait for the environment's deploy lock instead of failing when another deploy holds it. */
  queue: z.boolean().optional(),
};
const folderPath = z.string().trim().min(1, 'path is empty').max(4096, 'path is too long');

function method<P extends z.ZodType, R extends z.ZodType>(params: P, result: R, summary: string) {
  return { params, result, summary };
}

export const methods = {
  'app.info': method(z.strictObject({}), appInfoSchema, 'Version, data directory and schema version.'),
  'app.reportError': method(
    z.strictObject({
      source: z.enum(['renderer', 'shell']),
      message: z.string().max(10_000),
      stack: z.string().max(50_000).optional(),
    }),
    z.strictObject({ logged: z.literal(true) }),
    'Write an error that happened in a client into the engine log.',
  ),
  'projects.list': method(z.strictObject({}), z.array(projectSchema), 'All projects, by name.'),
  'projects.get': method(z.strictObject({ id: projectId }), projectSchema, 'One project.'),
  'projects.inspect': method(
    z.strictObject({ path: folderPath }),
    folderInspectionSchema,
    'What adding this folder would do: does it exist, have a cockpit.yml, is it a git repository.',
  ),
  'projects.add': method(
    z.strictObject({
      path: folderPath,
      name: z.string().trim().min(1).max(200).optional(),
      createConfig: z.boolean().optional(),
    }),
    projectSchema,
    'Add a folder as a project; with createConfig, write a starter cockpit.yml when it has none.',
  ),
  'projects.remove': method(
    z.strictObject({ id: projectId }),
    z.strictObject({ id: projectId }),
    'Forget a project (its folder is not touched).',
  ),
  'projects.refresh': method(
    z.strictObject({ id: projectId }),
    projectSchema,
    'Re-read cockpit.yml and git facts.',
  ),
  'projects.openDemo': method(
    z.strictObject({}),
    projectSchema,
    'Copy the demo project into the data directory (once) as a git repository and add it.',
  ),

  'pipelines.list': method(
    z.strictObject({ projectId: projectId }),
    z.array(pipelineInfoSchema),
    "A project's pipelines from cockpit.yml, GitHub workflows and .gitlab-ci.yml, with their last runs; a file with problems is listed with them (CONFIG_INVALID when cockpit.yml is the only file and does not parse).",
  ),
  'pipelines.plan': method(
    z.strictObject({
      projectId: projectId,
      pipeline: name,
      /** Checked exactly as runs.start checks them (a bad one is BAD_REQUEST, as for a run). */
      params: z.record(z.string().max(100), paramValueSchema).optional(),
      jobs: z.array(name).max(500).optional(),
      withNeeds: z.boolean().optional(),
      event: eventName.optional(),
      skipUnavailableActions: z.boolean().optional(),
    }),
    planPreviewSchema,
    'A dry run, checked as a run is (params, jobs, secrets): the jobs a run would execute (matrix expanded), their needs, waves, which would be skipped and why, and the params it would get; nothing runs.',
  ),

  'runs.start': method(
    z.strictObject({
      projectId: projectId,
      pipeline: name,
      params: variableRecord(z.string().max(100), paramValueSchema).optional(),
      jobs: z.array(name).max(500).optional(),
      withNeeds: z.boolean().optional(),
      event: eventName.optional(),
      /** GitHub: skip (saying why) an action that is not available offline instead of failing. */
      skipUnavailableActions: z.boolean().optional(),
      trigger: z.enum(['manual', 'cli']).optional(),
    }),
    runSummarySchema,
    'Start a run (it is queued and runs in the background; watch runs.changed and runs.log).',
  ),
  'runs.play': method(
    z.strictObject({ runId, job: name }),
    runSummarySchema,
    'Play a manual job: it runs now (a finished run is opened again until it is done).',
  ),
  'runs.cancel': method(
    z.strictObject({ runId }),
    runSummarySchema,
    'Cancel a run: kills every process tree it started.',
  ),
  'runs.rerun': method(
    z.strictObject({ runId, failedOnly: z.boolean().optional() }),
    runSummarySchema,
    'Start a new run with the same pipeline and params; failedOnly re-runs only failed jobs and their dependants.',
  ),
  'runs.list': method(
    z.strictObject({
      projectId: projectId.optional(),
      pipeline: name.optional(),
      status: z.enum(runStatuses).optional(),
      limit: z.number().int().min(1).max(500).optional(),
      beforeId: runId.optional(),
    }),
    z.array(runSummarySchema),
    'Run history, newest first.',
  ),
  'runs.get': method(
    z.strictObject({ runId }),
    runDetailSchema,
    'One run with its jobs, attempts and artifacts.',
  ),
  'artifacts.list': method(
    z.strictObject({ runId }),
    z.array(runArtifactSchema),
    'The artifacts a run kept, job by job: path, size, SHA-256, and whether the stored file is still there (or when and why retention removed it).',
  ),
  'artifacts.read': method(
    z.strictObject({
      artifactId: z.number().int().positive(),
      offset: z.number().int().min(0),
      length: z
        .number()
        .int()
        .min(1)
        .max(512 * 1024),
    }),
    artifactChunkSchema,
    "A chunk of an artifact's stored file (base64, at most 512 KiB); NOT_FOUND with details.gone when retention removed it.",
  ),
  'runs.logPage': method(
    z.strictObject({
      attemptId,
      fromLine: z.number().int().min(0),
      count: z.number().int().min(1).max(5000),
    }),
    logPageSchema,
    "A page of an attempt's log lines, from the store.",
  ),
  'runs.logSearch': method(
    z.strictObject({
      ...logQuery,
      fromLine: z.number().int().min(-1), // exclusive; -1 searches forward from the first line
      direction: z.enum(['next', 'previous']),
    }),
    z.strictObject({
      line: z.number().int().nullable(),
      /** Set when the search ran out of time: how far it got, and the message to show. */
      stopped: z
        .strictObject({ afterSeconds: z.number(), throughLine: z.number().int(), message: z.string() })
        .nullable(),
    }),
    'The next (or previous) line matching the query (RE2 syntax when regex), searching the stored log from fromLine within a time budget.',
  ),
  'runs.logMatches': method(
    z.strictObject(logQuery),
    z.strictObject({
      total: z.number().int(),
      /** False when counting stopped early (a huge log): total is then what the first `scanned` lines hold. */
      complete: z.boolean(),
      scanned: z.number().int(),
    }),
    'How many lines of the stored log match the query, as runs.logSearch finds them (bounded in time).',
  ),
  'runs.firstError': method(
    z.strictObject({ attemptId }),
    z.strictObject({ line: z.number().int().nullable() }),
    'The first line that looks like an error (stderr with error/fail words, or a failing command marker).',
  ),

  'environments.list': method(
    z.strictObject({ projectId: projectId.optional() }),
    z.array(environmentSummarySchema),
    "Every environment's state at a glance (of one project, or all), production first.",
  ),
  'environments.get': method(
    z.strictObject({ environmentId }),
    environmentDetailSchema,
    'One environment with its recent check results and the raw last response.',
  ),
  'environments.history': method(
    z.strictObject({ environmentId, range: z.enum(historyRanges) }),
    environmentHistorySchema,
    'Latency percentiles, uptime per day, incidents and versions seen over a range (from rollups).',
  ),
  'environments.checkNow': method(
    z.strictObject({ environmentId }),
    checkResultSchema,
    "Run the environment's checks once now (recorded like any scheduled check).",
  ),
  'environments.pause': method(
    z.strictObject({ environmentId }),
    environmentSummarySchema,
    'Stop checking an environment until resumed.',
  ),
  'environments.resume': method(
    z.strictObject({ environmentId }),
    environmentSummarySchema,
    'Resume checking.',
  ),
  'incidents.list': method(
    z.strictObject({
      projectId: projectId.optional(),
      environmentId: environmentId.optional(),
      open: z.boolean().optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
    z.array(incidentSchema),
    'Incidents, newest first.',
  ),
  'incidents.acknowledge': method(
    z.strictObject({ incidentId: z.number().int().positive() }),
    incidentSchema,
    'Record that you are on it (who and when).',
  ),

  'releases.board': method(
    z.strictObject({}),
    boardSchema,
    'Projects × environments: versions recorded and reported, health, drift, approvals, deploys in progress.',
  ),
  'releases.preview': method(
    z.strictObject({
      projectId,
      environment: name,
      kind: z.enum(['deploy', 'promote', 'rollback']).optional(),
      version: versionText.optional(),
      from: name.optional(),
      pipeline: name.optional(),
    }),
    deployPreviewSchema,
    'What a deploy, promotion or rollback would do: the version, its gates (pass/fail and why) and release notes.',
  ),
  'releases.diff': method(
    z.strictObject({
      projectId,
      environment: name,
      kind: z.enum(['deploy', 'promote', 'rollback']).optional(),
      version: versionText.optional(),
      from: name.optional(),
    }),
    releaseDiffSchema,
    'What would change in an environment: commits added and removed (with authors and types), files with +/- lines, and the keys of the configuration files cockpit.yml declares (secrets masked).',
  ),
  'releases.deploy': method(
    z.strictObject({
      projectId,
      environment: name,
      /** A tag, sha, branch or describe string; default: the working tree's HEAD. */
      version: versionText.optional(),
      pipeline: name.optional(),
      params: variableRecord(z.string().max(100), paramValueSchema).optional(),
      /** A fix-forward for a broken environment (counted as a fix in insights). */
      fix: z.boolean().optional(),
      ...requestOptions,
    }),
    deploymentSchema,
    'Request a deploy: gates are evaluated; it starts, waits for approval, or fails with GATE_FAILED.',
  ),
  'releases.promote': method(
    z.strictObject({ projectId, from: name, to: name.optional(), ...requestOptions }),
    deploymentSchema,
    'Deploy the version running (verified) in one environment to the next in the lifecycle.',
  ),
  'releases.autoDeployPause': method(
    z.strictObject({ projectId, environment: name }),
    autoDeployCellSchema,
    "Pause an environment's auto_deploy / auto_promote rule (audited; kept until resumed).",
  ),
  'releases.autoDeployResume': method(
    z.strictObject({ projectId, environment: name }),
    autoDeployCellSchema,
    "Resume an environment's paused auto_deploy / auto_promote rule (audited); it is looked at again at once.",
  ),
  'releases.rollback': method(
    z.strictObject({
      projectId,
      environment: name,
      /** One of releases.rollbackTargets (its version or commit); default: the previous one. */
      version: versionText.optional(),
      ...requestOptions,
    }),
    deploymentSchema,
    'Redeploy a release that was live in the environment before (default: the previous one); a version that is no rollback target is a BAD_REQUEST listing those that are.',
  ),
  'releases.rollbackTargets': method(
    z.strictObject({ projectId, environment: name }),
    z.array(rollbackTargetSchema),
    'What an environment can be rolled back to, newest first: every release live there before (deployed, or first seen by the monitor) with when it was live and until when, the previous one marked; never what runs now nor what was rolled back and not redeployed.',
  ),
  'releases.approve': method(
    z.strictObject({
      deploymentId,
      /** Required for a rejection, and for an approval unless the environment's gates.comment_required is false. */
      comment: z.string().trim().max(2000),
      decision: z.enum(['approve', 'reject']).optional(),
    }),
    deploymentSchema,
    'Approve (or reject) a deployment awaiting approval; enough approvals start it.',
  ),
  'releases.start': method(
    z.strictObject({ deploymentId, override }),
    deploymentSchema,
    'Start an approved deployment that a gate held back when its last approval came (gates are checked again).',
  ),
  'releases.cancel': method(
    z.strictObject({ deploymentId }),
    deploymentSchema,
    'Cancel a deployment that waits for approval, is queued, or is running.',
  ),
  'releases.get': method(
    z.strictObject({ deploymentId }),
    deploymentDetailSchema,
    'One deployment with its approvals, gates, release notes and audit entries.',
  ),
  'releases.list': method(
    z.strictObject({
      projectId: projectId.optional(),
      environment: name.optional(),
      limit: z.number().int().min(1).max(500).optional(),
      beforeId: deploymentId.optional(),
    }),
    z.array(deploymentSchema),
    'Deployment history, newest first.',
  ),
  'releases.notes': method(
    z.strictObject({ projectId, from: versionText.nullable(), to: versionText }),
    releaseNotesSchema,
    'Release notes between two versions (tags, shas or branches): grouped commits, authors, issues, Markdown.',
  ),
  'releases.capture': method(
    z.strictObject({ projectId, runId }),
    releaseBuildSchema,
    'Capture a successful run of a clean commit as that commit’s release: its artifacts, stored once by SHA-256 (a commit already captured keeps its release).',
  ),
  'releases.builds': method(
    z.strictObject({ projectId }),
    z.array(releaseBuildSchema),
    'The releases captured for a project, newest first, with each file and its checksum.',
  ),
  'releases.candidates': method(
    z.strictObject({ projectId, environment: name }),
    z.array(releaseCandidateSchema),
    'The versions a deploy to an environment can pick, newest first: tags, HEAD, captured releases and what was live there, with CI status, where each is live and since when.',
  ),
  'audit.list': method(
    z.strictObject({
      projectId: projectId.optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      beforeId: z.number().int().positive().optional(),
    }),
    z.array(auditEntrySchema),
    'The audit log, newest first.',
  ),
  'audit.verify': method(
    z.strictObject({}),
    auditVerificationSchema,
    'Walk the hash chain of the audit log and report the first entry that was changed or removed.',
  ),

  'insights.dora': method(
    z.strictObject({
      projectId: projectId.optional(),
      environment: name.optional(),
      range: z.enum(insightRanges),
    }),
    doraSummarySchema,
    'The four DORA keys over 7/30/90 days (production by default) with the previous period, series and bands.',
  ),
  'insights.pipelines': method(
    z.strictObject({ projectId: projectId.optional(), range: z.enum(insightRanges) }),
    pipelineInsightsSchema,
    'Pipeline duration trends (median, p90), success rates, slowest jobs and flaky jobs.',
  ),
  'insights.liveAt': method(
    z.strictObject({ at: z.number().int().min(0) }),
    liveAtSchema,
    'Time travel: the version and health of every environment at a past moment.',
  ),
  'reports.export': method(
    z.strictObject({
      format: z.enum(reportFormats),
      /** ms since the epoch; default: 30 days before `until`. */
      since: z.number().int().min(0).optional(),
      until: z.number().int().min(0).optional(),
      projectId: projectId.optional(),
      /** A release report for one version (deployments of it, its notes and gates). */
      version: versionText.optional(),
      /** For csv: which table. */
      table: z.enum(csvTables).optional(),
    }),
    reportSchema,
    'A release report as Markdown or self-contained HTML, or a CSV of deployments, runs or incidents.',
  ),
  'releases.evidence': method(
    z.strictObject({ deploymentId }),
    evidencePackSchema,
    "Write a deployment's evidence pack (logs, artifact hashes, gates, approvals, audit entries, health before/after) as a .tar.gz in the data directory.",
  ),
  'notes.list': method(
    z.strictObject({ subject: z.enum(noteSubjects), subjectId: z.number().int().positive() }),
    z.array(noteSchema),
    'Notes on a deployment or an incident, oldest first.',
  ),
  'notes.add': method(
    z.strictObject({
      subject: z.enum(noteSubjects),
      subjectId: z.number().int().positive(),
      text: z.string().trim().min(1, 'a note needs text').max(10_000),
    }),
    noteSchema,
    'Add a note (who and when are recorded).',
  ),
  'notifications.deliveries': method(
    z.strictObject({
      status: z.enum(deliveryStatuses).optional(),
      projectId: projectId.optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    z.array(deliverySchema),
    'The notifications delivery log, newest first: each event and channel, sent or failed, why, and attempts.',
  ),
  'notifications.send': method(
    z.strictObject({}),
    z.strictObject({
      /** Deliveries made from events that were waiting. */
      queued: z.number().int(),
      /** Deliveries attempted now. */
      attempted: z.number().int(),
      /** Of those, how many failed (each waits for its next attempt, or was given up). */
      failed: z.number().int(),
    }),
    'Send what is waiting now: make deliveries from new events and attempt those due (for hosts without background work, such as the CLI).',
  ),
  'settings.get': method(z.strictObject({}), settingsSchema, 'Retention, notification preferences.'),
  'settings.set': method(
    settingsSchema.partial().strict(),
    settingsSchema,
    'Change settings; returns them all. Shorter retention applies at the next housekeeping pass.',
  ),

  'secrets.list': method(
    z.strictObject({ projectId: projectId }),
    z.array(secretInfoSchema),
    "A project's secret names (values are never sent to clients).",
  ),
  'secrets.set': method(
    z.strictObject({ projectId: projectId, name: secretName, value: z.string().min(1).max(65_536) }),
    z.strictObject({ name: z.string(), warning: z.string().nullable() }),
    'Set or replace a secret (encrypted at rest); warns when the value is too short to mask safely.',
  ),
  'secrets.delete': method(
    z.strictObject({ projectId: projectId, name: secretName }),
    z.strictObject({ name: z.string() }),
    'Delete a secret.',
  ),
} as const;

export const events = {
  /** An environment's state or data changed (nulls: refetch everything). */
  'environments.changed': z.strictObject({
    projectId: projectId.nullable(),
    environmentId: environmentId.nullable(),
  }),
  /** Worth a desktop notification: an environment went down, or recovered. Never during maintenance,
   *  never for dependants of an environment that is down, never twice for the same state. */
  'environments.alert': z.strictObject({
    environmentId,
    projectId,
    projectName: z.string(),
    environment: z.string(),
    tier: z.enum(['development', 'staging', 'production', 'other']),
    kind: z.enum(['down', 'recovered']),
    /** "production (shop) is down: …" or "production (shop) recovered after 4 m 12 s." */
    message: z.string(),
    /** For a recovery: how long it was down; null otherwise. */
    downForMs: z.number().nullable(),
    /** Who to call: the environment's owners, else the project's (cockpit.yml `owners:`). */
    owners: z.array(z.string()),
  }),
  /** A run (or, with nulls, something in run history — e.g. written by another process) changed. */
  'runs.changed': z.strictObject({
    projectId: projectId.nullable(),
    runId: runId.nullable(),
  }),
  /** New log lines, batched (a few events per second per attempt); skipped lines are in the store. */
  'runs.log': z.strictObject({
    runId,
    attemptId,
    job: z.string(),
    attempt: z.number().int(),
    lines: z.array(logLineSchema),
    skipped: z.number().int(),
  }),
  /** A deployment (or, with nulls, anything on the release board) changed. */
  'releases.changed': z.strictObject({
    projectId: projectId.nullable(),
    deploymentId: deploymentId.nullable(),
  }),
  /** The notifications delivery log changed: a delivery was made, sent, failed or given up. */
  'notifications.changed': z.strictObject({}),
  /** Settings changed (in this or another window). */
  'settings.changed': z.strictObject({}),
  'projects.changed': z.strictObject({
    reason: z.enum(['added', 'removed', 'updated']),
    ids: z.array(projectId),
  }),
  'engine.notice': z.strictObject({
    level: z.enum(['info', 'warning', 'error']),
    message: z.string(),
  }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type EventName = keyof typeof events;

/** What a caller passes (before defaults are applied). */
export type ParamsIn<M extends MethodName> = z.input<Methods[M]['params']>;
/** What a handler receives (after validation). */
export type ParamsOut<M extends MethodName> = z.output<Methods[M]['params']>;
export type Result<M extends MethodName> = z.output<Methods[M]['result']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
