// The "Run pipeline" form's values: defaults from the pipeline's params, checks that spare a round
// trip (required, the engine's pattern rule, choice), and the engine's BAD_REQUEST problems mapped back onto fields.
// The engine still decides: it checks every value again.
import { matchesParamPattern } from '../../../../shared/domain/param-pattern.ts';
import type { ParamInfo, ParamValue } from '../../../../shared/domain/run.ts';
import type { RequestIssue } from '../../../../shared/errors.ts';

export type ParamValues = Record<string, ParamValue>;
export type FieldErrors = Record<string, string>;

export function defaultParamValues(params: readonly ParamInfo[]): ParamValues {
  const values: ParamValues = {};
  for (const param of params) {
    if (param.type === 'boolean') values[param.name] = param.default === true;
    else values[param.name] = typeof param.default === 'string' ? param.default : '';
  }
  return values;
}

export function checkParamValues(params: readonly ParamInfo[], values: ParamValues): FieldErrors {
  const errors: FieldErrors = {};
  for (const param of params) {
    const value = values[param.name];
    if (param.type === 'boolean') continue;
    const text = typeof value === 'string' ? value : '';
    if (param.type === 'choice') {
      if (!param.options?.includes(text)) errors[param.name] = 'Choose one of the options.';
      continue;
    }
    if (param.required && text === '') {
      errors[param.name] = 'Required.';
      continue;
    }
    // The engine's rule (the whole value must match), not one of the form's own.
    if (param.pattern && text !== '' && !matchesParamPattern(param.pattern, text)) {
      errors[param.name] = `Must match /${param.pattern}/.`;
    }
  }
  return errors;
}

/** What to send: every value the form holds, except an unset choice (the engine then explains). */
export function paramsToSend(params: readonly ParamInfo[], values: ParamValues): ParamValues {
  const sent: ParamValues = {};
  for (const param of params) {
    const value = values[param.name];
    if (value === undefined || (param.type === 'choice' && value === '')) continue;
    sent[param.name] = value;
  }
  return sent;
}

/**
 * Places the engine's issues (path `params.<name>`) next to their fields; the rest are said above
 * the form.
 */
export function problemsByField(
  issues: readonly RequestIssue[],
  known: readonly ParamInfo[],
): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const issue of issues) {
    const name = issue.path.startsWith('params.') ? issue.path.slice('params.'.length) : null;
    if (name !== null && known.some((param) => param.name === name)) {
      const text = issue.message.replace(`param "${name}" `, '');
      fields[name] = `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
    } else other.push(issue.message);
  }
  return { fields, other };
}
