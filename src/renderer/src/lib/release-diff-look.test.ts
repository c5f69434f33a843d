import { describe, expect, it } from 'vitest';
import { commitTypeLook, emptyDiffTitle, fileStatusLook, plural } from './release-diff-look.ts';

describe('release diff look', () => {
  it('gives a breaking change the danger tone and a "!", whatever its type', () => {
    expect(commitTypeLook({ type: 'feat', breaking: false })).toEqual({ label: 'feat', tone: 'ok' });
    expect(commitTypeLook({ type: 'fix', breaking: false })).toEqual({ label: 'fix', tone: 'warning' });
    expect(commitTypeLook({ type: 'chore', breaking: true })).toEqual({ label: 'chore!', tone: 'danger' });
    expect(commitTypeLook({ type: 'other', breaking: false })).toEqual({ label: 'other', tone: 'neutral' });
  });

  it('names each file status with a letter', () => {
    expect(fileStatusLook('renamed')).toEqual({ letter: 'R', label: 'renamed' });
    expect(fileStatusLook('type-changed').letter).toBe('T');
  });

  it('titles the empty diffs: first deploy, same commit, a live version git does not know', () => {
    expect(emptyDiffTitle({ direction: 'unknown_live', live: { version: null, commit: null } })).toBe(
      'Nothing live yet — first deploy',
    );
    expect(emptyDiffTitle({ direction: 'unknown_live', live: { version: '9.9', commit: null } })).toMatch(
      /9\.9 is not in this repository/,
    );
    expect(emptyDiffTitle({ direction: 'same', live: { version: 'v1', commit: 'abc' } })).toBe(
      'Same commit as live',
    );
    expect(emptyDiffTitle({ direction: 'forward', live: { version: 'v1', commit: 'abc' } })).toBeNull();
    expect(plural(1, 'file')).toBe('1 file');
    expect(plural(2, 'file')).toBe('2 files');
  });
});
