// One deployment's evidence, as an auditor would ask for it, in a .tar.gz: the deployment record
// (gates, approvals, override), its release notes, its audit entries with the chain's verification,
// the deploy run with every attempt's stored (already masked) log, artifact hashes, the
// environment's health around the deploy, a README, and a sha256sum list of every file.
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvidencePack } from '../../../shared/domain/insights.ts';
import {
  activeDeploymentStatuses,
  type AuditVerification,
  type DeploymentDetail,
} from '../../../shared/domain/release.ts';
import type { RunDetail } from '../../../shared/domain/run.ts';
import { CockpitError } from '../../../shared/errors.ts';
import { withoutControls } from '../../../shared/markdown-text.ts';
import type { ReportQueries } from './report-queries.ts';
import { tierOf } from './report-queries.ts';
import { sanitizeMarkdown } from './markdown-sanitize.ts';
import { safeFilePart } from './report-window.ts';
import { tarGz, type TarEntry } from './tar-gz.ts';

/** Health is shown from an hour before the deploy started to an hour after it finished. */
export const HEALTH_MARGIN_MS = 60 * 60 * 1000;

export interface EvidenceSources {
  queries: ReportQueries;
  dataDir: string;
  now(): number;
  deployment(id: number): DeploymentDetail;
  run(id: number): RunDetail;
  verifyAudit(): AuditVerification;
  /** Whether an audit entry's stored bytes are exactly what its hash covers. */
  auditEntryIntact(id: number): boolean;
}

export async function writeEvidencePack(
  sources: EvidenceSources,
  deploymentId: number,
): Promise<EvidencePack> {
  const deployment = sources.deployment(deploymentId);
  if (activeDeploymentStatuses.includes(deployment.status)) {
    throw new CockpitError(
      'CONFLICT',
      `Deployment #${deploymentId} is still ${deployment.status.replace('_', ' ')}; its evidence can be exported once it has ended.`,
      { deploymentId, status: deployment.status },
    );
  }
  const now = sources.now();
  const stem = `deployment-${deployment.id}-${safeFilePart(deployment.version)}`;
  const files = new Map<string, Buffer>();
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);

  files.set('deployment.json', json(deployment));
  files.set(
    'release-notes.md',
    Buffer.from(
      deployment.releaseNotes === null
        ? '_No release notes were saved with this deployment._\n'
        : sanitizeMarkdown(deployment.releaseNotes),
    ),
  );
  files.set(
    'audit.json',
    json({
      exportedAt: new Date(now).toISOString(),
      entries: deployment.audit.map((entry) => ({
        ...entry,
        hashMatches: sources.auditEntryIntact(entry.id),
      })),
      chain: sources.verifyAudit(),
    }),
  );

  const run = deployment.runId === null ? null : sources.run(deployment.runId);
  const logNotes: string[] = [];
  const logs = new Map<string, Buffer>();
  if (run) {
    for (const job of run.jobs) {
      for (const attempt of job.attempts) {
        const name = `logs/${safeFilePart(job.name)}/attempt-${attempt.number}.log`;
        const file = sources.queries.logFile(attempt.id);
        try {
          logs.set(name, file === null ? Buffer.alloc(0) : await readFile(file));
        } catch (error) {
          logNotes.push(`${name}: the stored log could not be read (${(error as Error).message})`);
        }
      }
    }
  }
  files.set(
    'run.json',
    json(run === null ? { run: null, why: noRunReason(deployment) } : runRecord(run, logs)),
  );
  for (const [name, content] of logs) files.set(name, content);
  files.set(
    'artifacts.sha256',
    Buffer.from(
      (run?.jobs ?? [])
        .flatMap((job) => job.artifacts.map((a) => `${a.sha256}  ${safeFilePart(job.name)}/${a.path}\n`))
        .join(''),
    ),
  );
  // What was shipped, as recorded with the deployment: the release's files as built once, or what
  // the deploy pipeline built (and kept) at deploy time.
  files.set(
    'shipped.sha256',
    Buffer.from((deployment.build?.files ?? []).map((f) => `${f.sha256}  ${f.path}\n`).join('')),
  );
  files.set('health.json', json(health(sources.queries, deployment, now)));
  // Names, reasons and versions typed by people: shown as text, never as terminal control sequences.
  files.set('README.txt', Buffer.from(withoutControls(readme(deployment, run, now, logNotes))));

  const names = [...files.keys()].sort(byPackOrder);
  const sums = names.map((name) => `${sha256(files.get(name)!)}  ${name}\n`).join('');
  files.set('checksums.sha256', Buffer.from(sums));
  names.push('checksums.sha256');

  const folders = new Set<string>([`${stem}/`]);
  for (const name of names) {
    const parts = name.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) folders.add(`${stem}/${parts.slice(0, i).join('/')}/`);
  }
  const entries: TarEntry[] = [
    ...[...folders].sort().map((name) => ({ name })),
    ...names.map((name) => ({ name: `${stem}/${name}`, content: files.get(name)! })),
  ];
  const archive = await tarGz(entries, { mtime: now, fileMode: 0o600, dirMode: 0o700 });

  const folder = join(sources.dataDir, 'evidence');
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await chmod(folder, 0o700);
  const path = join(folder, `${stem}.tar.gz`);
  const partial = `${path}.${process.pid}.partial`;
  try {
    await writeFile(partial, archive, { mode: 0o600 });
    await chmod(partial, 0o600);
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return {
    path,
    bytes: archive.length,
    sha256: sha256(archive),
    files: names.map((name) => `${stem}/${name}`),
  };
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** README first, the records next, logs after them, checksums last. */
function shippedLine(deployment: DeploymentDetail): string {
  const build = deployment.build;
  if (!build) return 'not recorded';
  const files = `${build.files.length} file${build.files.length === 1 ? '' : 's'}`;
  return build.source === 'release'
    ? `release ${deployment.version}, built once by ${build.builtByPipeline ?? 'a pipeline'} run #${build.builtByRun ?? '?'} (${files})`
    : `built at deploy time (${files})`;
}

function byPackOrder(a: string, b: string): number {
  const rank = (name: string) => (name === 'README.txt' ? 0 : name.startsWith('logs/') ? 2 : 1);
  return rank(a) - rank(b) || a.localeCompare(b, 'en');
}

function noRunReason(deployment: DeploymentDetail): string {
  return deployment.status === 'rejected' || deployment.status === 'cancelled'
    ? `the deployment was ${deployment.status} before its pipeline ran`
    : 'no pipeline run is recorded for this deployment (it never started, or the run was deleted by retention)';
}

function runRecord(run: RunDetail, logs: Map<string, Buffer>) {
  const duration = (start: number | null, end: number | null) =>
    start === null || end === null ? null : end - start;
  return {
    ...run,
    durationMs: duration(run.startedAt, run.finishedAt),
    jobs: run.jobs.map((job) => ({
      ...job,
      durationMs: duration(job.startedAt, job.finishedAt),
      attempts: job.attempts.map((attempt) => {
        const log = `logs/${safeFilePart(job.name)}/attempt-${attempt.number}.log`;
        return {
          ...attempt,
          durationMs: duration(attempt.startedAt, attempt.finishedAt),
          log: logs.has(log) ? log : null,
        };
      }),
    })),
  };
}

function health(queries: ReportQueries, deployment: DeploymentDetail, now: number) {
  const from = (deployment.startedAt ?? deployment.requestedAt) - HEALTH_MARGIN_MS;
  const to = (deployment.finishedAt ?? now) + HEALTH_MARGIN_MS;
  const environment = queries.environment(deployment.projectId, deployment.environment);
  return {
    environment: deployment.environment,
    tier: tierOf(environment?.tier ?? null, deployment.environment),
    monitored: environment !== null,
    from,
    to,
    fromIso: new Date(from).toISOString(),
    toIso: new Date(to).toISOString(),
    checks: environment === null ? [] : queries.checks(environment.id, from, to),
    incidents:
      environment === null ? [] : queries.incidentsOf(from, to, deployment.projectId, deployment.environment),
  };
}

function readme(
  deployment: DeploymentDetail,
  run: RunDetail | null,
  now: number,
  logNotes: string[],
): string {
  const when = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());
  const title = `Evidence pack: deployment #${deployment.id}`;
  return `${title}
${'='.repeat(title.length)}

Project:      ${deployment.projectName}
Environment:  ${deployment.environment}
Version:      ${deployment.version} (commit ${deployment.commit})
Kind:         ${deployment.kind}${deployment.fix ? ' (fix)' : ''}
Requested by: ${deployment.actor} at ${when(deployment.requestedAt)}
Started:      ${when(deployment.startedAt)}
Finished:     ${when(deployment.finishedAt)}
Result:       ${deployment.status}${deployment.verification ? `, ${deployment.verification.replace('_', ' ')}` : ''}
Override:     ${deployment.override ? `by ${deployment.override.by}: ${deployment.override.reason}` : 'none'}
Shipped:      ${shippedLine(deployment)}
Exported:     ${when(now)} by Release Cockpit

Times in the JSON files are milliseconds since 1970-01-01 UTC.

Files
-----
README.txt        This file.
deployment.json   The deployment as recorded: what, where, who, gates as evaluated, approvals with
                  comments, any override with its reason, verification, and its audit entries.
release-notes.md  The release notes saved with the deployment when it was requested.
audit.json        The deployment's audit log entries (each with "hashMatches": its hash recomputed
                  from its stored bytes) and "chain": the whole audit log's hash chain verified at export,
                  with its head ("headId", "headHash"): if the log's entry with that id later has
                  another hash, or is gone, the log was rewritten after this export.
run.json          The deploy pipeline's run${run ? ` #${run.id}` : ''}: jobs, attempts, exit codes, signals, durations.
logs/<job>/attempt-<n>.log
                  Each attempt's output as the cockpit stored it. Secrets were masked when the
                  lines were written; nothing here was ever unmasked.
artifacts.sha256  SHA-256 of each artifact the run kept (sha256sum format; the files are not included).
shipped.sha256    SHA-256 of each file the deployment shipped: the release's files as built once (the same
                  checksums in every environment it was promoted to), or, when it was built at deploy
                  time, what the deploy run kept (sha256sum format; the files are not included).
health.json       The environment's check results from 1 hour before the deploy started to 1 hour
                  after it finished, and incidents overlapping that time. Raw check results are kept
                  for a limited time: an old deployment may have none.
checksums.sha256  SHA-256 of every other file in this pack.

Verify
------
In this folder:  sha256sum -c checksums.sha256     (macOS: shasum -a 256 -c checksums.sha256)
${logNotes.length ? `\nNotes\n-----\n${logNotes.join('\n')}\n` : ''}`;
}
