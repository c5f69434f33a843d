// Content-addressed files under the data directory: a blob is named by the SHA-256 of its bytes
// (blobs/sha256/ab/cdef…), written once and never changed, and checked against its name whenever it
// is read — a blob damaged on disk is refused, never shipped.
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { CockpitError } from '../../../shared/errors.ts';
import { ensurePrivateDir } from './private-files.ts';

const SHA256 = /^[0-9a-f]{64}$/;
const CHUNK = 1024 * 1024;
/** Read-only for its owner: a blob is never rewritten in place. */
const BLOB_MODE = 0o400;

export interface BlobRef {
  sha256: string;
  size: number;
}

export type BlobStore = ReturnType<typeof createBlobStore>;

/** Copies `from` to `to` in 1 MiB pieces (`to` created 0600), returning the bytes' SHA-256 and size. */
function copyHashing(from: string, to: string | null): BlobRef {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(CHUNK);
  const input = openSync(from, 'r');
  const output = to === null ? null : openSync(to, 'wx', 0o600);
  let size = 0;
  try {
    for (let n = readSync(input, buffer); n > 0; n = readSync(input, buffer)) {
      const piece = buffer.subarray(0, n);
      hash.update(piece);
      if (output !== null) {
        for (let written = 0; written < n;) written += writeSync(output, piece, written, n - written);
      }
      size += n;
    }
  } finally {
    closeSync(input);
    if (output !== null) closeSync(output);
  }
  return { sha256: hash.digest('hex'), size };
}

export function createBlobStore(dataDir: string) {
  const root = join(dataDir, 'blobs', 'sha256');

  function pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: "${sha256}"`);
    return join(root, sha256.slice(0, 2), sha256.slice(2));
  }

  function damaged(sha256: string, found: string): CockpitError {
    return new CockpitError(
      'CONFLICT',
      `The stored file ${pathOf(sha256)} is damaged: its content hashes to ${found.slice(0, 12)}…, not ${sha256.slice(0, 12)}…. The release cannot be shipped as built; capture it again from a new run.`,
      { sha256, found },
    );
  }

  return {
    pathOf,
    has: (sha256: string) => existsSync(pathOf(sha256)),

    /**
     * Stores a file's bytes; returns their hash and size. A blob that exists already is kept as it is
     * (written once) after checking that it still holds those bytes.
     */
    put(file: string): BlobRef {
      ensurePrivateDir(root);
      const temp = join(
        root,
        `.incoming-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      );
      let ref: BlobRef;
      try {
        ref = copyHashing(file, temp);
      } catch (error) {
        rmSync(temp, { force: true });
        throw error;
      }
      const target = pathOf(ref.sha256);
      if (existsSync(target)) {
        rmSync(temp, { force: true });
        const stored = copyHashing(target, null);
        if (stored.sha256 !== ref.sha256) throw damaged(ref.sha256, stored.sha256);
        return ref;
      }
      ensurePrivateDir(dirname(target));
      chmodSync(temp, BLOB_MODE);
      renameSync(temp, target);
      return ref;
    },

    /** Copies a blob to `to` (a new 0600 file), refusing it when its bytes no longer match its name. */
    copyTo(sha256: string, to: string): BlobRef {
      const source = pathOf(sha256);
      if (!existsSync(source)) {
        throw new CockpitError('NOT_FOUND', `The stored file ${source} is missing.`, { sha256 });
      }
      ensurePrivateDir(dirname(to));
      const copied = copyHashing(source, to);
      if (copied.sha256 !== sha256) {
        rmSync(to, { force: true });
        throw damaged(sha256, copied.sha256);
      }
      return copied;
    },

    /** Hashes a stored blob again: true when its bytes still match its name. */
    verify(sha256: string): boolean {
      const source = pathOf(sha256);
      return existsSync(source) && statSync(source).isFile() && copyHashing(source, null).sha256 === sha256;
    },
  };
}
