import { describe, expect, it } from 'vitest';
import { CockpitError, requestIssues } from '../../../shared/errors.ts';
import type { ParamConfig } from '../config/index.ts';
import { resolveParams } from './params.ts';

const declared: Record<string, ParamConfig> = {
  target: { type: 'choice', options: ['staging', 'production'], default: 'staging' },
  dry_run: { type: 'boolean', default: true },
  ticket: { type: 'string', pattern: '^[A-Z]+-\\d+$' },
  reason: { type: 'string', required: true },
};

describe('params', () => {
  it('applies defaults and names env vars COCKPIT_PARAM_<NAME>', () => {
    const { values, env } = resolveParams('deploy', declared, { reason: 'hotfix' });
    expect(values).toEqual({ target: 'staging', dry_run: true, ticket: '', reason: 'hotfix' });
    expect(env).toEqual({
      COCKPIT_PARAM_TARGET: 'staging',
      COCKPIT_PARAM_DRY_RUN: 'true',
      COCKPIT_PARAM_TICKET: '',
      COCKPIT_PARAM_REASON: 'hotfix',
    });
  });

  it('accepts booleans written as text (from the CLI)', () => {
    expect(resolveParams('deploy', declared, { reason: 'x', dry_run: 'no' }).values.dry_run).toBe(false);
  });

  it('keeps values verbatim, shell metacharacters included', () => {
    const nasty = '$(rm -rf /); `reboot` "quoted" \'single\'\nsecond line';
    expect(resolveParams('deploy', declared, { reason: nasty }).env.COCKPIT_PARAM_REASON).toBe(nasty);
  });

  it('matches patterns against the whole value', () => {
    const slug: Record<string, ParamConfig> = { name: { type: 'string', pattern: '[a-z]+' } };
    expect(resolveParams('p', slug, { name: 'shop' }).values.name).toBe('shop');
    expect(() => resolveParams('p', slug, { name: 'x; rm -rf /' })).toThrow(/must match/);
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      resolveParams('deploy', declared, { target: 'moon', dry_run: 'maybe', ticket: 'nope', unknown: 'x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CockpitError);
    expect(requestIssues(error)).toEqual([
      {
        path: 'params.unknown',
        message: 'unknown param "unknown" (params: target, dry_run, ticket, reason)',
      },
      { path: 'params.target', message: 'param "target" must be one of staging, production, got "moon"' },
      { path: 'params.dry_run', message: 'param "dry_run" must be true or false, got "maybe"' },
      { path: 'params.ticket', message: 'param "ticket" must match /^[A-Z]+-\\d+$/, got "nope"' },
      { path: 'params.reason', message: 'param "reason" is required' },
    ]);
  });
});
