// Command palette filtering.
import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyMatch } from './fuzzy-match.ts';

const commands = [
  'Go to Board',
  'Go to Releases',
  'Demo shop API · staging: Deploy HEAD',
  'Demo shop API · staging: Promote to production',
  'Demo shop API · production: Roll back',
  'Payments · production: Deploy HEAD',
  'Payments · staging: Release notes',
];

const labels = (query: string, limit?: number) =>
  fuzzyFilter(commands, query, (text) => text, limit).map((ranked) => ranked.item);

describe('fuzzyMatch', () => {
  it('matches words as subsequences, case-insensitively', () => {
    expect(fuzzyMatch('dpl', 'Deploy')).not.toBeNull();
    expect(fuzzyMatch('DEPLOY', 'deploy')).not.toBeNull();
    expect(fuzzyMatch('xyz', 'Deploy')).toBeNull();
  });

  it('an empty query matches everything', () => {
    expect(fuzzyMatch('  ', 'anything')).toEqual({ score: 0, indexes: [] });
    expect(labels('')).toEqual(commands);
  });

  it('needs every word, in any order', () => {
    expect(labels('production deploy')).toEqual(['Payments · production: Deploy HEAD']);
    // Both match; the earlier occurrence ranks first.
    expect(labels('demo prod')).toEqual([
      'Demo shop API · production: Roll back',
      'Demo shop API · staging: Promote to production',
    ]);
  });

  it('ranks word starts and contiguous matches first', () => {
    expect(labels('rel')[0]).toBe('Go to Releases');
    expect(labels('rb')[0]).toBe('Demo shop API · production: Roll back');
  });

  it('reports matched character positions for highlighting', () => {
    expect(fuzzyMatch('boa', 'Go to Board')?.indexes).toEqual([6, 7, 8]);
  });

  it('limits the result', () => {
    expect(labels('a', 2)).toHaveLength(2);
  });
});
