// A run's kept artifacts as clients see them: listed per job (name, size, SHA-256, whether the file is
// still there), read in chunks through the protocol (the CLI's --out, the desktop app's download),
// and located on disk for hosts that stream or show the file (the web host's download route).
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename, resolve, sep } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { RunArtifact } from '../../../shared/domain/run.ts';
import { CockpitError } from '../../../shared/errors.ts';
import { fieldsOf } from '../kernel/store/row-fields.ts';
import type { ArtifactRow } from './runs-repo.ts';

/** An artifacts row with its job's run and name in place of the job id. */
type Row = Omit<ArtifactRow, 'job_id'> & { run_id: number; job: string };

/** Where an artifact's stored copy is, for a host to stream it. */
export interface ArtifactFile {
  id: number;
  runId: number;
  job: string;
  path: string;
  /** The file name a download suggests. */
  name: string;
  size: number;
  sha256: string;
  absolutePath: string;
}

/** The most one artifacts.read returns (base64 makes the frame a third larger). */
export const MAX_ARTIFACT_CHUNK = 512 * 1024;

export type ArtifactStore = ReturnType<typeof createArtifactStore>;

export function createArtifactStore(db: Database, dataDir: string) {
  const root = resolve(dataDir) + sep;
  const columns = `a.id, j.run_id, j.name AS job, a.path, a.size, a.sha256, a.stored_path, a.pruned_at, a.pruned_reason
     FROM artifacts a JOIN jobs j ON j.id = a.job_id`;
  const byRun = db.prepare<[number], Row>(`SELECT ${columns} WHERE j.run_id = ? ORDER BY j.position, a.path`);
  const byId = db.prepare<[number], Row>(`SELECT ${columns} WHERE a.id = ?`);
  const runExists = db.prepare<[number], { id: number }>('SELECT id FROM runs WHERE id = ?');

  /** The stored copy's absolute path; null when the row points outside the data directory. */
  function absoluteOf(row: Row): string | null {
    const absolute = resolve(dataDir, row.stored_path);
    return absolute.startsWith(root) ? absolute : null;
  }

  /** Why the file cannot be had any more, in a sentence; null while it is there. */
  function goneReason(row: Row): string | null {
    if (row.pruned_at !== null) return row.pruned_reason ?? 'removed by retention';
    const absolute = absoluteOf(row);
    if (absolute === null || !existsSync(absolute))
      return 'its stored copy is missing from the data directory';
    return null;
  }

  function toArtifact(row: Row): RunArtifact {
    return {
      ...fieldsOf(row, 'id, run_id, job, path, size, sha256'),
      removed: row.pruned_at === null ? null : { at: row.pruned_at, reason: row.pruned_reason ?? '' },
      available: goneReason(row) === null,
    };
  }

  /** The artifact with its file present, or NOT_FOUND (details.gone when the row stays but the file went). */
  function present(artifactId: number): { row: Row; absolute: string } {
    const row = byId.get(artifactId);
    if (!row) throw new CockpitError('NOT_FOUND', `There is no artifact #${artifactId}.`, { artifactId });
    const why = goneReason(row);
    if (why !== null) {
      throw new CockpitError(
        'NOT_FOUND',
        `Artifact ${row.path} of run #${row.run_id} (job ${row.job}) is gone: ${why}.`,
        { artifactId, gone: true, runId: row.run_id, reason: why },
      );
    }
    return { row, absolute: absoluteOf(row)! };
  }

  return {
    /** Every artifact a run kept, job by job in pipeline order. */
    list(runId: number): RunArtifact[] {
      if (!runExists.get(runId)) throw new CockpitError('NOT_FOUND', `There is no run #${runId}.`, { runId });
      return byRun.all(runId).map(toArtifact);
    },

    /** One artifact's stored file, for a host to stream; NOT_FOUND (details.gone) when it is not there. */
    file(artifactId: number): ArtifactFile {
      const { row, absolute } = present(artifactId);
      return {
        id: row.id,
        runId: row.run_id,
        job: row.job,
        path: row.path,
        name: basename(row.path),
        size: statSync(absolute).size,
        sha256: row.sha256,
        absolutePath: absolute,
      };
    },

    /** Up to `length` bytes from `offset`, base64; `done` when the chunk reaches the end of the file. */
    read(artifactId: number, offset: number, length: number) {
      const { row, absolute } = present(artifactId);
      const size = statSync(absolute).size;
      const want = Math.max(0, Math.min(length, MAX_ARTIFACT_CHUNK, size - offset));
      const buffer = Buffer.alloc(want);
      let got = 0;
      if (want > 0) {
        const fd = openSync(absolute, 'r');
        try {
          while (got < want) {
            const n = readSync(fd, buffer, got, want - got, offset + got);
            if (n === 0) break;
            got += n;
          }
        } finally {
          closeSync(fd);
        }
      }
      return {
        artifactId: row.id,
        offset,
        size,
        sha256: row.sha256,
        data: buffer.subarray(0, got).toString('base64'),
        done: offset + got >= size,
      };
    },
  };
}
