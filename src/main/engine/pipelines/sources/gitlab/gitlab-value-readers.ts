// Readers of the values .gitlab-ci.yml keys share (lists of text, variables, when, rules, needs,
// durations, only/except), each reporting problems at file:line:col through `at`.
import type { SourceLocation } from '../types.ts';
import { parseDuration } from './gitlab-duration.ts';
import { checkExpression, ExpressionError } from './gitlab-expression.ts';
import {
  WHENS,
  type GitlabNeed,
  type GitlabRule,
  type GitlabWhen,
  type OnlyExcept,
} from './gitlab-model-types.ts';
import type { At } from './gitlab-job-values.ts';
import type { RawVariable } from './gitlab-variables.ts';
import { isPlainObject, textOf } from './gitlab-yaml.ts';

export class GitlabValueReader {
  /** Notes for the job being read: needs on other projects, which cannot be met offline. */
  offlineNeeds: string[] = [];

  private readonly at: At;
  /** The jobs of the file, which `needs` may name. */
  private readonly allNames: Set<string>;

  constructor(at: At, allNames: Set<string>) {
    this.at = at;
    this.allNames = allNames;
  }

  readonly strings = (value: unknown, what: string, where: SourceLocation | null, depth = 0): string[] => {
    if (value === null || value === undefined) return [];
    if (depth > 10) {
      this.at(where, `${what}: lists nest more than 10 levels`);
      return [];
    }
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      return [String(value)];
    if (Array.isArray(value)) return value.flatMap((item) => this.strings(item, what, where, depth + 1));
    this.at(where, `${what}: expected text or a list of text`);
    return [];
  };
  readonly variablesOf = (value: unknown, what: string, where: SourceLocation | null) => {
    const result: Record<string, RawVariable> = {};
    if (value === null || value === undefined) return result;
    if (!isPlainObject(value)) {
      this.at(where, `${what}: expected a mapping of names to values`);
      return result;
    }
    for (const [key, raw] of Object.entries(value)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) this.at(where, `${what}: "${key}" is not a variable name`);
      else if (raw === null || raw === undefined) result[key] = { value: '', expand: true };
      else if (typeof raw !== 'object') result[key] = { value: textOf(raw), expand: true };
      else if (isPlainObject(raw) && (raw.value === undefined || typeof raw.value !== 'object'))
        result[key] = {
          value: raw.value === undefined ? '' : textOf(raw.value),
          expand: raw.expand !== false,
        };
      else this.at(where, `${what}.${key}: expected a value`);
    }
    return result;
  };
  readonly whenOf = (value: unknown, what: string, where: SourceLocation | null): GitlabWhen | null => {
    if ((WHENS as readonly unknown[]).includes(value)) return value as GitlabWhen;
    this.at(where, `${what}: expected one of ${WHENS.join(', ')}`);
    return null;
  };
  readonly rulesOf = (value: unknown, what: string, where: SourceLocation | null): GitlabRule[] | null => {
    if (!Array.isArray(value)) {
      this.at(where, `${what}: expected a list of rules`);
      return null;
    }
    if (value.length === 0) {
      this.at(where, `${what}: a list of rules cannot be empty`);
      return null;
    }
    return value.flat(9).flatMap((rule: unknown): GitlabRule[] => {
      if (!isPlainObject(rule)) {
        this.at(where, `${what}: expected each rule to be a mapping (if, changes, exists, when, …)`);
        return [];
      }
      for (const key of Object.keys(rule)) {
        if (
          !['if', 'changes', 'exists', 'when', 'allow_failure', 'variables', 'start_in', 'needs'].includes(
            key,
          )
        )
          this.at(where, `${what}: "${key}" in a rule is not supported yet`);
      }
      let condition: string | null = null;
      if (rule.if !== undefined) {
        condition = textOf(rule.if);
        try {
          checkExpression(condition);
        } catch (error) {
          if (error instanceof ExpressionError)
            this.at(where, `${what}: if "${condition}": ${error.message}`);
          else throw error;
        }
      }
      const pathList = (v: unknown, key: string) =>
        v === undefined ? null : this.strings(isPlainObject(v) ? v.paths : v, `${what}.${key}`, where);
      return [
        {
          if: condition,
          changes: pathList(rule.changes, 'changes'),
          exists: pathList(rule.exists, 'exists'),
          when: rule.when === undefined ? null : this.whenOf(rule.when, `${what}.when`, where),
          allowFailure: typeof rule.allow_failure === 'boolean' ? rule.allow_failure : null,
          variables: this.variablesOf(rule.variables, `${what}.variables`, where),
          startIn:
            rule.start_in === undefined ? null : this.durationOf(rule.start_in, `${what}.start_in`, where),
          needs: rule.needs === undefined ? null : this.needsOf(rule.needs, `${what}.needs`, where),
        },
      ];
    });
  };
  readonly needsOf = (value: unknown, name: string, where: SourceLocation | null): GitlabNeed[] | null => {
    if (!Array.isArray(value)) {
      this.at(where, `${name}.needs: expected a list of job names`);
      return null;
    }
    const needs: GitlabNeed[] = [];
    // A !reference to another job's needs puts a list in the list: GitLab flattens it.
    for (const item of value.flat(10) as unknown[]) {
      if (isPlainObject(item) && (item.pipeline !== undefined || item.project !== undefined)) {
        this.offlineNeeds.push(
          `needs: ${textOf(item.project ?? item.pipeline)} ${textOf(item.job ?? '')} is another project's or pipeline's job: ignored offline.`,
        );
        continue;
      }
      const need: GitlabNeed | null =
        typeof item === 'string'
          ? { job: item, optional: false, artifacts: true, matrix: null }
          : isPlainObject(item) && typeof item.job === 'string'
            ? {
                job: item.job,
                optional: item.optional === true,
                artifacts: item.artifacts !== false,
                matrix:
                  isPlainObject(item.parallel) && Array.isArray(item.parallel.matrix)
                    ? (item.parallel.matrix as Record<string, unknown>[]).map((entry) =>
                        Object.fromEntries(
                          Object.entries(entry).map(([k, v]) => [
                            k,
                            (Array.isArray(v) ? v : [v]).map(textOf),
                          ]),
                        ),
                      )
                    : null,
              }
            : null;
      if (need === null)
        this.at(where, `${name}.needs: expected a job name or { job: NAME } (entries cannot be empty)`);
      else if (!this.allNames.has(need.job) && !need.optional)
        this.at(where, `${name} needs "${need.job}", which is not a job in this file`);
      else if (this.allNames.has(need.job)) needs.push(need);
    }
    return needs;
  };
  readonly durationOf = (value: unknown, what: string, where: SourceLocation | null): number | null => {
    const ms = parseDuration(value);
    if (ms === null)
      this.at(where, `${what}: "${String(value)}" is not a duration (like "30 minutes", "1h 30m")`);
    return ms;
  };
  readonly onlyExcept = (value: unknown, what: string, where: SourceLocation | null): OnlyExcept | null => {
    if (value === undefined) return null;
    if (typeof value === 'string' || Array.isArray(value))
      return { refs: this.strings(value, what, where), variables: null, changes: null };
    if (!isPlainObject(value)) {
      this.at(where, `${what}: expected a list of refs or { refs, variables, changes }`);
      return null;
    }
    for (const key of Object.keys(value))
      if (!['refs', 'variables', 'changes'].includes(key))
        this.at(where, `${what}: "${key}" is not supported yet`);
    const variables =
      value.variables === undefined ? null : this.strings(value.variables, `${what}.variables`, where);
    for (const expression of variables ?? []) {
      try {
        checkExpression(expression);
      } catch (error) {
        this.at(where, `${what}.variables "${expression}": ${(error as Error).message}`);
      }
    }
    return {
      refs: value.refs === undefined ? null : this.strings(value.refs, `${what}.refs`, where),
      variables,
      changes:
        value.changes === undefined
          ? null
          : this.strings(
              isPlainObject(value.changes) ? value.changes.paths : value.changes,
              `${what}.changes`,
              where,
            ),
    };
  };
}
