// Pipeline params: validated against their declaration (patterns must match the whole value), and handed to commands only as
// COCKPIT_PARAM_<NAME> environment variables — never spliced into command text.
import {
  RESERVED_NAMES,
  reservedNameMessage,
  type ParamInfo,
  type ParamValue,
} from '../../../shared/domain/run.ts';
import { matchesParamPattern } from '../../../shared/domain/param-pattern.ts';
import { badRequest, type RequestIssue } from '../../../shared/errors.ts';
import type { ParamConfig } from '../config/index.ts';

export function paramEnvName(name: string): string {
  return `COCKPIT_PARAM_${name.toUpperCase()}`;
}

export function describeParams(params: Record<string, ParamConfig> = {}): ParamInfo[] {
  return Object.entries(params).map(([name, param]) => ({
    name,
    type: param.type,
    description: param.description ?? null,
    default: param.default ?? null,
    options: param.type === 'choice' ? param.options : null,
    required: param.type === 'string' ? (param.required ?? false) : false,
    pattern: param.type === 'string' ? (param.pattern ?? null) : null,
  }));
}

/** Applies defaults and checks every value; throws BAD_REQUEST listing every problem. */
export function resolveParams(
  pipeline: string,
  declared: Record<string, ParamConfig> = {},
  given: Record<string, ParamValue> = {},
): { values: Record<string, ParamValue>; env: Record<string, string> } {
  const problems: RequestIssue[] = [];
  const problem = (name: string, message: string) => {
    problems.push({ path: `params.${name}`, message });
  };
  // Without a prototype: no name can reach Object.prototype, whatever a caller passes.
  const values: Record<string, ParamValue> = Object.create(null) as Record<string, ParamValue>;
  for (const name of Object.keys(given)) {
    if (RESERVED_NAMES.includes(name)) {
      problem(name, reservedNameMessage(name));
    } else if (!Object.hasOwn(declared, name)) {
      const known = Object.keys(declared);
      problem(
        name,
        `unknown param "${name}" (${known.length ? `params: ${known.join(', ')}` : 'this pipeline has no params'})`,
      );
    }
  }
  for (const [name, param] of Object.entries(declared)) {
    const raw = Object.hasOwn(given, name) ? given[name] : param.default;
    if (param.type === 'boolean') {
      const value = raw === undefined ? false : typeof raw === 'boolean' ? raw : parseBoolean(raw);
      if (value === null) problem(name, `param "${name}" must be true or false, got "${String(raw)}"`);
      else values[name] = value;
      continue;
    }
    const value = raw === undefined ? '' : String(raw);
    if (param.type === 'choice') {
      if (raw === undefined)
        problem(name, `param "${name}" needs a value: one of ${param.options.join(', ')}`);
      else if (!param.options.includes(value)) {
        problem(name, `param "${name}" must be one of ${param.options.join(', ')}, got "${value}"`);
      } else values[name] = value;
      continue;
    }
    if (param.required && value === '') problem(name, `param "${name}" is required`);
    else if (param.pattern && value !== '' && !matchesParamPattern(param.pattern, value)) {
      problem(name, `param "${name}" must match /${param.pattern}/, got "${value}"`);
    } else values[name] = value;
  }
  if (problems.length > 0) {
    const listing = problems.map((issue) => issue.message).join('; ');
    throw badRequest(`Cannot run "${pipeline}": ${listing}.`, problems);
  }
  const env: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(values)) env[paramEnvName(name)] = String(value);
  return { values, env };
}

function parseBoolean(value: string): boolean | null {
  if (/^(true|yes|1|on)$/i.test(value)) return true;
  if (/^(false|no|0|off)$/i.test(value)) return false;
  return null;
}
