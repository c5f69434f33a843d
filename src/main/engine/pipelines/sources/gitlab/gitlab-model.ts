// .gitlab-ci.yml read into a small model with every problem at file:line:col. The walking skeleton
// knows `stages`, `variables`, `before_script`/`after_script` and jobs with `stage`, `script`,
// `needs`, `variables`, `when`, `allow_failure`; any other key is named as unsupported.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { ConfigProblem } from '../../../../../shared/domain/project.ts';
import type { SourceLocation } from '../types.ts';

export const DEFAULT_STAGES = ['.pre', 'build', 'test', 'deploy', '.post'];
const WHENS = ['on_success', 'on_failure', 'always', 'manual', 'never'] as const;
export type GitlabWhen = (typeof WHENS)[number];

export interface GitlabJob {
  name: string;
  stage: string;
  script: string[];
  beforeScript: string[];
  afterScript: string[];
  /** null: no `needs` key (the job waits for every earlier stage). */
  needs: string[] | null;
  variables: Record<string, string>;
  when: GitlabWhen;
  allowFailure: boolean;
  /** Keys accepted but without effect on the host (image, tags), to say so in the log. */
  ignored: string[];
  location: SourceLocation;
  needsLocation: SourceLocation | null;
}

export interface GitlabModel {
  stages: string[];
  variables: Record<string, string>;
  jobs: GitlabJob[];
}

/** Top-level keys that are not jobs. */
const GLOBAL_KEYS = new Set([
  'stages',
  'variables',
  'before_script',
  'after_script',
  'image',
  'default',
  'include',
  'workflow',
  'services',
  'cache',
  'types',
]);
const SUPPORTED_GLOBAL = new Set(['stages', 'variables', 'before_script', 'after_script', 'image']);
const JOB_KEYS = new Set([
  'stage',
  'script',
  'before_script',
  'after_script',
  'needs',
  'variables',
  'when',
  'allow_failure',
  'image',
  'tags',
]);
const IGNORED_ON_HOST = new Set(['image', 'tags']);

export function parseGitlab(
  text: string,
  file: string,
  relative: string,
): { model: GitlabModel | null; problems: ConfigProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const problems: ConfigProblem[] = [];
  const at = (node: YamlNode | null | undefined, message: string) => {
    const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
    problems.push({ file, line, col, message });
  };
  const where = (node: YamlNode | null | undefined): SourceLocation => {
    const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { file: relative, line, col };
  };
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      problems.push({
        file,
        line,
        col,
        message: error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
      });
    }
    return { model: null, problems };
  }
  const root = doc.contents;
  if (!isMap(root)) {
    at(root, 'expected a mapping of jobs and settings');
    return { model: null, problems };
  }
  const strings = (node: unknown, what: string): string[] => {
    if (isScalar(node)) return [String(node.value)];
    if (isSeq(node)) {
      return node.items.flatMap((item) =>
        isSeq(item)
          ? strings(item, what)
          : isScalar(item)
            ? [String(item.value)]
            : (at(item as YamlNode, `${what}: expected text or a list of text`), []),
      );
    }
    at(node as YamlNode, `${what}: expected text or a list of text`);
    return [];
  };
  const variables = (node: unknown, what: string): Record<string, string> => {
    const result: Record<string, string> = {};
    if (!isMap(node)) {
      at(node as YamlNode, `${what}: expected a mapping of names to values`);
      return result;
    }
    for (const pair of node.items) {
      const key = String(isScalar(pair.key) ? pair.key.value : '');
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
        at(pair.key as YamlNode, `${what}: "${key}" is not a variable name`);
      else if (isScalar(pair.value)) result[key] = scalarText(pair.value.value);
      else if (isMap(pair.value) && isScalar(pair.value.get('value', true)))
        result[key] = String(pair.value.get('value'));
      else at(pair.value as YamlNode, `${what}.${key}: expected a value`);
    }
    return result;
  };

  const model: GitlabModel = { stages: DEFAULT_STAGES, variables: {}, jobs: [] };
  let globalBefore: string[] = [];
  let globalAfter: string[] = [];
  const jobNodes: { name: string; key: YamlNode; value: unknown }[] = [];
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const keyNode = pair.key as YamlNode;
    if (key.startsWith('.')) continue; // hidden jobs and templates
    if (GLOBAL_KEYS.has(key)) {
      if (!SUPPORTED_GLOBAL.has(key)) {
        at(keyNode, `"${key}" is not supported yet (see docs/ci-compatibility.md)`);
        continue;
      }
      if (key === 'stages') {
        const stages = strings(pair.value, 'stages');
        model.stages = ['.pre', ...stages.filter((s) => s !== '.pre' && s !== '.post'), '.post'];
      } else if (key === 'variables') model.variables = variables(pair.value, 'variables');
      else if (key === 'before_script') globalBefore = strings(pair.value, 'before_script');
      else if (key === 'after_script') globalAfter = strings(pair.value, 'after_script');
      continue;
    }
    jobNodes.push({ name: key, key: keyNode, value: pair.value });
  }
  const names = new Set(jobNodes.map((job) => job.name));
  for (const { name, key, value } of jobNodes) {
    if (!isMap(value)) {
      at(key, `job "${name}": expected a mapping with at least "script"`);
      continue;
    }
    const map = value;
    const job: GitlabJob = {
      name,
      stage: 'test',
      script: [],
      beforeScript: globalBefore,
      afterScript: globalAfter,
      needs: null,
      variables: {},
      when: 'on_success',
      allowFailure: false,
      ignored: [],
      location: where(key),
      needsLocation: null,
    };
    let allowFailureSet = false;
    for (const pair of map.items) {
      const field = isScalar(pair.key) ? String(pair.key.value) : '';
      const node = pair.value as YamlNode;
      if (!JOB_KEYS.has(field)) {
        at(pair.key as YamlNode, `${name}: "${field}" is not supported yet (see docs/ci-compatibility.md)`);
        continue;
      }
      if (IGNORED_ON_HOST.has(field)) job.ignored.push(field);
      else if (field === 'stage')
        job.stage = isScalar(node)
          ? String(node.value)
          : (at(node, `${name}.stage: expected a stage name`), 'test');
      else if (field === 'script') job.script = strings(node, `${name}.script`);
      else if (field === 'before_script') job.beforeScript = strings(node, `${name}.before_script`);
      else if (field === 'after_script') job.afterScript = strings(node, `${name}.after_script`);
      else if (field === 'variables') job.variables = variables(node, `${name}.variables`);
      else if (field === 'when') {
        const when = isScalar(node) ? String(node.value) : '';
        if ((WHENS as readonly string[]).includes(when)) job.when = when as GitlabWhen;
        else
          at(
            node,
            `${name}.when: expected one of ${WHENS.join(', ')}${when === 'delayed' ? ' (delayed is not supported yet)' : ''}`,
          );
      } else if (field === 'allow_failure') {
        if (isScalar(node) && typeof node.value === 'boolean') {
          job.allowFailure = node.value;
          allowFailureSet = true;
        } else at(node, `${name}.allow_failure: expected true or false (exit_codes is not supported yet)`);
      } else if (field === 'needs') {
        job.needsLocation = where(node);
        job.needs = [];
        if (!isSeq(node)) {
          at(node, `${name}.needs: expected a list of job names`);
          continue;
        }
        for (const item of node.items) {
          const need = isScalar(item)
            ? String(item.value)
            : isMap(item) && isScalar(item.get('job', true))
              ? String(item.get('job'))
              : null;
          if (need === null) at(item as YamlNode, `${name}.needs: expected a job name or { job: NAME }`);
          else if (!names.has(need))
            at(item as YamlNode, `${name} needs "${need}", which is not a job in this file`);
          else job.needs.push(need);
        }
      }
    }
    if (job.script.length === 0) at(key, `job "${name}" has no script`);
    if (!model.stages.includes(job.stage))
      at(key, `${name}: stage "${job.stage}" is not in stages (${model.stages.slice(1, -1).join(', ')})`);
    // GitLab: a manual job may fail (or never be played) without failing the pipeline, unless it says otherwise.
    if (job.when === 'manual' && !allowFailureSet) job.allowFailure = true;
    model.jobs.push(job);
  }
  if (model.jobs.length === 0 && problems.length === 0)
    at(root, 'no jobs: a job is a top-level key with a "script"');
  return { model: problems.length ? null : model, problems };
}

/** A YAML scalar's value as text (null and missing values are empty). */
function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}
