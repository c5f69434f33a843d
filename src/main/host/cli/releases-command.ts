// `cockpit releases`: the releases captured for a project (built once, shipped as built), newest first,
// with their files' checksums and where each is live; `cockpit release capture <run-id>`: capture a
// successful run's build as its commit's release (the engine refuses runs that cannot be one).
import { createHash } from 'node:crypto';
import type { EngineClient } from '../../../shared/client.ts';
import type { ReleaseBuild, ReleaseFile } from '../../../shared/domain/release-build.ts';
import { exitCodes, parseCommandArgs, UsageError, type CliIo } from './cli-io.ts';
import { formatSize, formatTable } from './format.ts';
import { withEngineClient, type GlobalOptions } from './open-engine.ts';
import { shortSha } from './release-format.ts';
import { resolveProject } from './resolve-project.ts';
import { localTime } from './time-arg.ts';

/**
 * One checksum for a whole release: the SHA-256 of its `sha256sum` listing (each file's
 * "<sha256>  <path>" line, by path in byte order). A release directory gives the same with
 * `find . -type f -printf '%P\n' | LC_ALL=C sort | xargs sha256sum | sha256sum`.
 */
export function releaseDigest(files: readonly ReleaseFile[]): string {
  const listing = [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((file) => `${file.sha256}  ${file.path}\n`)
    .join('');
  return createHash('sha256').update(listing).digest('hex');
}

/** Environment names whose last successful deployment shipped each commit. */
async function liveByCommit(client: EngineClient, projectId: number): Promise<Map<string, string[]>> {
  const board = await client.api.releases.board();
  const live = new Map<string, string[]>();
  for (const cell of board.rows.find((row) => row.projectId === projectId)?.cells ?? []) {
    if (cell.recorded)
      live.set(cell.recorded.commit, [...(live.get(cell.recorded.commit) ?? []), cell.environment]);
  }
  return live;
}

const totalSize = (release: ReleaseBuild) => release.files.reduce((sum, file) => sum + file.size, 0);
const filesSummary = (release: ReleaseBuild) => `${release.files.length} (${formatSize(totalSize(release))})`;

export async function releasesCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    project: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) {
    throw new UsageError(
      `"cockpit releases" takes no arguments${positionals[0] === 'capture' ? ' (capture is "cockpit release capture <run-id>")' : ''}`,
    );
  }
  return withEngineClient(global, io, async (client) => {
    const project = await resolveProject(client, io, values.project);
    const releases = await client.api.releases.builds({ projectId: project.id });
    const live = await liveByCommit(client, project.id);
    if (values.json) {
      const listed = releases.map((release) => ({
        ...release,
        sha256: releaseDigest(release.files),
        liveIn: live.get(release.commit) ?? [],
      }));
      io.stdout(`${JSON.stringify(listed, null, 2)}\n`);
      return exitCodes.ok;
    }
    if (releases.length === 0) {
      io.stdout(
        `No releases captured for ${project.name} yet. A deploy captures the build of the run that passed on its commit, or: cockpit release capture <run-id>\n`,
      );
      return exitCodes.ok;
    }
    io.stdout(
      formatTable(
        ['VERSION', 'COMMIT', 'CAPTURED', 'BUILT BY', 'FILES', 'SHA-256', 'LIVE IN'],
        releases.map((release) => [
          release.version,
          shortSha(release.commit),
          `${localTime(release.capturedAt)} by ${release.capturedBy}`,
          `${release.pipeline} run #${release.runId}`,
          filesSummary(release),
          releaseDigest(release.files).slice(0, 12),
          (live.get(release.commit) ?? []).join(', ') || '-',
        ]),
      ),
    );
    return exitCodes.ok;
  });
}

export async function releaseCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    project: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [subcommand, runText, ...extra] = positionals;
  if (subcommand !== 'capture') {
    throw new UsageError(
      subcommand === undefined
        ? 'expected "cockpit release capture <run-id>" (list releases with "cockpit releases")'
        : `unknown release command "${subcommand}": expected "cockpit release capture <run-id>"`,
    );
  }
  const runId = Number(runText);
  if (runText === undefined || extra.length > 0 || !Number.isInteger(runId) || runId < 1) {
    throw new UsageError('expected one run id: "cockpit release capture 12" (see "cockpit runs")');
  }
  return withEngineClient(global, io, async (client) => {
    const project = await resolveProject(client, io, values.project);
    const before = new Set((await client.api.releases.builds({ projectId: project.id })).map((r) => r.id));
    const release = await client.api.releases.capture({ projectId: project.id, runId });
    const already = before.has(release.id);
    if (values.json) {
      io.stdout(
        `${JSON.stringify({ ...release, sha256: releaseDigest(release.files), alreadyCaptured: already }, null, 2)}\n`,
      );
      return exitCodes.ok;
    }
    const from = `${release.pipeline} run #${release.runId}`;
    io.stdout(
      already
        ? `${release.version} (commit ${shortSha(release.commit)}) was already captured from ${from} on ${localTime(release.capturedAt)}; a commit's release never changes.\n`
        : `Captured ${release.version} (commit ${shortSha(release.commit)}) from ${from}.\n`,
    );
    const count = `${release.files.length} file${release.files.length === 1 ? '' : 's'}`;
    io.stdout(`${count}, ${formatSize(totalSize(release))}, sha256 ${releaseDigest(release.files)}\n`);
    const width = Math.max(...release.files.map((file) => file.path.length));
    for (const file of release.files) {
      io.stdout(`  ${file.path.padEnd(width)}  ${formatSize(file.size).padStart(9)}  ${file.sha256}\n`);
    }
    return exitCodes.ok;
  });
}
