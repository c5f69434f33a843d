// cockpit.yml as a config or as the error a client shows: CONFIG_MISSING, or CONFIG_INVALID listing
// every problem at file:line:col.
import { CockpitError } from '../../../shared/errors.ts';
import type { CockpitConfig } from './cockpit-config.ts';
import type { ConfigResult } from './load-config.ts';

export function requireConfig(result: ConfigResult, path: string): CockpitConfig {
  if (result.status === 'missing') {
    throw new CockpitError('CONFIG_MISSING', `${path} has no cockpit.yml.`, { path, canCreate: true });
  }
  if (result.status === 'invalid') {
    const listing = result.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`).join('\n');
    throw new CockpitError('CONFIG_INVALID', `cockpit.yml has problems:\n${listing}`, {
      problems: result.problems,
    });
  }
  return result.config;
}
