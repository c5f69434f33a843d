import { describe, expect, it } from 'vitest';
import { assertResultMatchesSchema, ResultSchemaError, resultCheckEnabled } from './result-check.ts';

describe('result check', () => {
  it('is on in tests and with COCKPIT_CHECK_RESULTS=1, off in a packaged app', () => {
    expect(resultCheckEnabled({ VITEST: 'true' })).toBe(true);
    expect(resultCheckEnabled({ COCKPIT_CHECK_RESULTS: '1' })).toBe(true);
    expect(resultCheckEnabled({ VITEST: 'true', COCKPIT_CHECK_RESULTS: '0' })).toBe(false);
    expect(resultCheckEnabled({})).toBe(false);
  });

  it('accepts a result of the promised shape', () => {
    expect(() => assertResultMatchesSchema('app.reportError', { logged: true })).not.toThrow();
  });

  it('names the method and the path of every mismatch', () => {
    let thrown: unknown;
    try {
      assertResultMatchesSchema('projects.list', [{ id: 'one', name: 7 }]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ResultSchemaError);
    const error = thrown as ResultSchemaError;
    expect(error.method).toBe('projects.list');
    expect(error.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['0.id', '0.name']));
    expect(error.message).toMatch(/^projects\.list returned a result that does not match its schema: 0\.id/);
  });

  it('treats a missing result as null (what every transport carries)', () => {
    expect(() => assertResultMatchesSchema('app.reportError', undefined)).toThrow(ResultSchemaError);
  });
});
