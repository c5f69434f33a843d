// `cockpit artifacts <run-id> [--json] [--out DIR]`: a run's artifacts (job, path, size, SHA-256,
// or why the file is gone); --out copies each available one to DIR/<job>/<path> through the protocol,
// checking its SHA-256 before it takes its name. An existing different file is never overwritten.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { RunArtifact } from '../../../shared/domain/run.ts';
import { badRequest, CockpitError } from '../../../shared/errors.ts';
import type { EngineClient } from '../../../shared/client.ts';
import { exitCodes, parseCommandArgs, UsageError, type CliIo } from './cli-io.ts';
import { formatSize } from './format.ts';
import { withEngineClient, type GlobalOptions } from './open-engine.ts';

const CHUNK = 512 * 1024;

export async function artifactsCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: 'boolean' },
    out: { type: 'string' },
  });
  const runId = Number(positionals[0]);
  if (positionals.length !== 1 || !Number.isInteger(runId) || runId < 1) {
    throw new UsageError('expected a run id: "cockpit artifacts 12" (see "cockpit runs")');
  }
  return withEngineClient(global, io, async (client) => {
    const artifacts = await client.api.artifacts.list({ runId });
    const written = values.out === undefined ? null : await saveAll(client, artifacts, resolve(values.out));
    if (values.json) {
      const withFiles = artifacts.map((artifact) => ({
        ...artifact,
        ...(written ? { file: written.get(artifact.id) ?? null } : {}),
      }));
      io.stdout(`${JSON.stringify(withFiles, null, 2)}\n`);
      return exitCodes.ok;
    }
    if (artifacts.length === 0) {
      io.stdout(`Run #${runId} kept no artifacts.\n`);
      return exitCodes.ok;
    }
    const width = Math.max(...artifacts.map((artifact) => `${artifact.job}/${artifact.path}`.length));
    for (const artifact of artifacts) {
      const name = `${artifact.job}/${artifact.path}`.padEnd(width);
      const state = artifact.available
        ? (written?.get(artifact.id) ?? '')
        : `gone: ${artifact.removed?.reason ?? 'its stored copy is missing'}`;
      io.stdout(
        `${name}  ${formatSize(artifact.size).padStart(10)}  ${artifact.sha256}${state ? `  ${state}` : ''}\n`,
      );
    }
    if (written) io.stdout(`Saved ${written.size} of ${artifacts.length} to ${resolve(values.out!)}\n`);
    return exitCodes.ok;
  });
}

/** Copies every available artifact under `out`; returns artifact id → the file written. */
async function saveAll(client: EngineClient, artifacts: RunArtifact[], out: string) {
  const written = new Map<number, string>();
  const root = out + sep;
  for (const artifact of artifacts) {
    if (!artifact.available) continue;
    const target = resolve(out, artifact.job.replaceAll(/[^\w.-]/g, '_'), artifact.path);
    if (!target.startsWith(root))
      throw badRequest(`${artifact.path} would land outside ${out}.`, [
        { path: 'out', message: `${artifact.path} would land outside ${out}` },
      ]);
    if (existsSync(target)) {
      if (sha256(readFileSync(target)) === artifact.sha256) {
        written.set(artifact.id, target);
        continue;
      }
      throw new CockpitError(
        'CONFLICT',
        `${target} exists with other content; not overwritten (choose another --out folder).`,
      );
    }
    mkdirSync(dirname(target), { recursive: true });
    const partial = join(dirname(target), `.${artifact.id}.cockpit-partial`);
    writeFileSync(partial, '');
    const hash = createHash('sha256');
    try {
      for (let offset = 0, done = false; !done;) {
        const chunk = await client.api.artifacts.read({ artifactId: artifact.id, offset, length: CHUNK });
        const bytes = Buffer.from(chunk.data, 'base64');
        appendFileSync(partial, bytes);
        hash.update(bytes);
        offset += bytes.length;
        done = chunk.done || bytes.length === 0;
      }
      const digest = hash.digest('hex');
      if (digest !== artifact.sha256) {
        throw new CockpitError(
          'CONFLICT',
          `${artifact.job}/${artifact.path}: the stored copy's SHA-256 is ${digest}, the run recorded ${artifact.sha256}; not saved.`,
        );
      }
      renameSync(partial, target);
    } finally {
      rmSync(partial, { force: true });
    }
    written.set(artifact.id, target);
  }
  return written;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
