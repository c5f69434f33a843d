import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badRequest, CockpitError, requestIssues } from '../../shared/errors.ts';

const srcDir = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('request errors', () => {
  it('carry their issues, each with a field path, beside any facts', () => {
    const error = badRequest('Secret "X" needs a value.', [{ path: 'value', message: 'needs a value' }], {
      name: 'X',
    });
    expect(error.toData()).toEqual({
      code: 'BAD_REQUEST',
      message: 'Secret "X" needs a value.',
      details: { name: 'X', issues: [{ path: 'value', message: 'needs a value' }] },
    });
    expect(requestIssues(error)).toEqual([{ path: 'value', message: 'needs a value' }]);
    expect(requestIssues(new CockpitError('NOT_FOUND', 'no'))).toEqual([]);
    expect(requestIssues(new Error('plain'))).toEqual([]);
  });

  it('are made only by badRequest(), so there is one shape (no BAD_REQUEST built by hand)', () => {
    const byHand = sourceFiles(srcDir)
      .filter((file) => !file.endsWith(join('shared', 'errors.ts')))
      .filter((file) => /new CockpitError\(\s*'BAD_REQUEST'/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(srcDir, file));
    expect(byHand).toEqual([]);
  });
});
