// Whether a job is in the pipeline, as GitLab decides when it creates one: the first matching rule
// (`if`, `changes`, `exists`) gives `when`, `allow_failure`, `variables` and `start_in`; no match
// leaves the job out. `only`/`except` (refs, variables, changes) for jobs without rules.
import { globSync } from 'node:fs';
import { matchesGlob } from 'node:path';
import { evaluateExpression } from './gitlab-expression.ts';
import type { GitlabGitFacts } from './gitlab-git.ts';
import type { GitlabRule, OnlyExcept } from './gitlab-model-types.ts';
import { expandText } from './gitlab-variables.ts';

export interface RuleFacts {
  projectDir: string;
  git: GitlabGitFacts | null;
  variables: Readonly<Record<string, string>>;
}

export type RuleOutcome =
  { included: true; rule: GitlabRule | null; index: number } | { included: false; reason: string };

export function evaluateRules(rules: GitlabRule[], facts: RuleFacts, what = 'rules'): RuleOutcome {
  for (const [index, rule] of rules.entries()) {
    if (rule.if !== null && !evaluateExpression(rule.if, (name) => facts.variables[name])) continue;
    // Paths may name variables (`changes: ["$FILE"]`), expanded with the job's variables.
    const expand = (patterns: string[]) =>
      patterns.map((p) => expandText(p, (name) => facts.variables[name]));
    if (rule.changes !== null && !changed(expand(rule.changes), facts)) continue;
    if (rule.exists !== null && !exists(expand(rule.exists), facts.projectDir)) continue;
    if (rule.when === 'never')
      return { included: false, reason: `${what}: rule ${index + 1} says when: never` };
    return { included: true, rule, index };
  }
  return { included: false, reason: `${what}: no rule matched` };
}

function changed(patterns: string[], facts: RuleFacts): boolean {
  const files = facts.git?.changed;
  if (!files) return true; // no base to compare with: GitLab counts everything as changed
  return files.some((file) => patterns.some((pattern) => matchesGlob(file, pattern)));
}

function exists(patterns: string[], projectDir: string): boolean {
  return patterns.some((pattern) => {
    try {
      return globSync(pattern.replace(/^\/+/, ''), { cwd: projectDir }).length > 0;
    } catch {
      return false;
    }
  });
}

const PIPELINE_SOURCES = [
  'api',
  'chat',
  'external',
  'external_pull_requests',
  'merge_requests',
  'pipelines',
  'pushes',
  'schedules',
  'triggers',
  'web',
];

/** `only` / `except` for a push pipeline; null when the job is in, else why it is not. */
export function onlyExceptReason(
  only: OnlyExcept | null,
  except: OnlyExcept | null,
  facts: RuleFacts,
): string | null {
  const ref = facts.git?.tag ?? facts.git?.branch ?? '';
  const refMatches = (refs: string[]) =>
    refs.some((entry) => {
      if (entry === 'branches') return facts.git?.tag == null;
      if (entry === 'tags') return facts.git?.tag != null;
      if (entry === 'pushes') return true;
      if (PIPELINE_SOURCES.includes(entry)) return false;
      if (/^\/.*\/[a-z]*$/.test(entry)) return evaluateExpression(`$REF =~ ${entry}`, () => ref);
      return entry === ref;
    });
  const variablesMatch = (expressions: string[]) =>
    expressions.some((expression) => evaluateExpression(expression, (name) => facts.variables[name]));
  // Without only/except a job is in every push pipeline (GitLab's default only: [branches, tags]),
  // also on a detached HEAD or outside a repository.
  if (only === null && except === null) return null;
  const effectiveOnly = only ?? { refs: null, variables: null, changes: null };
  if (effectiveOnly.refs !== null && !refMatches(effectiveOnly.refs))
    return `only: refs ${effectiveOnly.refs.join(', ')} do not match ${ref || 'this commit'}`;
  if (effectiveOnly.variables !== null && !variablesMatch(effectiveOnly.variables))
    return 'only: variables: no expression is true';
  if (effectiveOnly.changes !== null && !changed(effectiveOnly.changes, facts))
    return 'only: changes: no file changed';
  if (except) {
    const all = [except.refs, except.variables, except.changes].filter((part) => part !== null).length;
    const refs = except.refs === null || refMatches(except.refs);
    const variables = except.variables === null || variablesMatch(except.variables);
    const changes = except.changes === null || changed(except.changes, facts);
    if (all > 0 && refs && variables && changes) return 'except: matches this commit';
  }
  return null;
}
