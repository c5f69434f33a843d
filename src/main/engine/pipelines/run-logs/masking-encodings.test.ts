// Masking, one table-driven test per encoding: each sample secret, printed the way a tool would
// print it, written to a real log writer (real SQLite and log file) whole and split across writes
// at every few bytes, never appears in the stored log or the live lines — not even in pieces.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures } from '../../../testing/fixtures.ts';
import {
  leakedPieces,
  NON_SECRET_PREFIX,
  SAMPLE_SECRETS,
  SECRET_ENCODINGS,
} from '../../../testing/secret-encodings.ts';
import { attemptDatabase, recordingWriter, storedText } from '../../../testing/run-log-writer.ts';

afterEach(cleanupFixtures);

function storeOutput(secrets: string[], output: string, chunkBytes: number) {
  const { db, attemptId } = attemptDatabase();
  const writer = recordingWriter(db, attemptId, { secrets });
  const bytes = Buffer.from(output, 'utf8');
  for (let at = 0; at < bytes.length; at += chunkBytes) {
    writer.write('stdout', bytes.subarray(at, Math.min(bytes.length, at + chunkBytes)));
  }
  writer.close();
  const stored = storedText(db, attemptId).join('\n');
  const live = writer.batches.flatMap((batch) => batch.lines.map((line) => line.text)).join('\n');
  db.close();
  return { stored, live };
}

describe('masking, per encoding', () => {
  it.each(Object.keys(SECRET_ENCODINGS))('%s', (name) => {
    const encode = SECRET_ENCODINGS[name]!;
    for (const secret of SAMPLE_SECRETS) {
      const encoded = encode(secret);
      const output = `before ${encoded} after\nnext line\n`;
      for (const chunkBytes of [output.length * 4, 7, 1]) {
        const { stored, live } = storeOutput(SAMPLE_SECRETS, output, chunkBytes);
        expect(stored).toContain('before ');
        expect(stored).toContain('next line');
        expect(stored).toContain('***');
        for (const text of [stored, live]) {
          expect(leakedPieces(text, encoded, NON_SECRET_PREFIX[name] ?? 0), `${name} of ${secret}`).toEqual(
            [],
          );
        }
      }
    }
  });
});
