// Reads .gitlab-ci.yml and the files it includes into one configuration of plain values, as GitLab
// does before it looks at jobs: YAML anchors, aliases and `<<:` merges resolved, `include: local`
// (with wildcards) merged under the including file, `!reference [job, key]` replaced by what it points
// to. Each top-level key remembers the YAML node it came from, so problems point at file:line:col.
import { globSync } from 'node:fs';
import { join } from 'node:path';
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type CollectionTag,
  type Node as YamlNode,
  type YAMLSeq,
} from 'yaml';
import type { ConfigProblem } from '../../../../../shared/domain/project.ts';
import type { ProjectFiles, SourceLocation } from '../types.ts';
import { evaluateExpression } from './gitlab-expression.ts';

/** `!reference [.setup, script]`: replaced by the value at that path once every file is read. */
export class Reference {
  readonly path: string[];
  constructor(path: string[]) {
    this.path = path;
  }
}

const referenceTag: CollectionTag = {
  tag: '!reference',
  collection: 'seq',
  resolve(seq, onError) {
    const items = (seq as YAMLSeq).items;
    if (!items.every((item) => isScalar(item)) || items.length === 0) {
      onError('!reference expects a list of keys, like [.setup, script]');
      return seq;
    }
    return new Reference(items.map((item) => String((item as { value: unknown }).value)));
  },
};

/** Where a top-level key (a job, `variables`, …) and its fields were written. */
export interface Origin {
  file: string;
  node: YamlNode;
  locate(node: YamlNode | null | undefined): SourceLocation;
}

export interface GitlabConfig {
  /** Top-level keys in the order GitLab sees them (included files first, the main file overriding). */
  values: Map<string, unknown>;
  origins: Map<string, Origin>;
}

const OFFLINE_INCLUDES = ['remote', 'project', 'template', 'component'];
const MAX_INCLUDES = 150; // GitLab's own limit

export function readGitlabConfig(
  files: ProjectFiles,
  mainFile: string,
): { config: GitlabConfig | null; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const config: GitlabConfig = { values: new Map(), origins: new Map() };
  const seen = new Set<string>();

  const readFile = (relative: string, text: string, depth: number): boolean => {
    const absolute = join(files.root, relative);
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, {
      lineCounter,
      prettyErrors: false,
      uniqueKeys: false, // GitLab (Ruby's YAML) lets a repeated key win over the earlier one
      merge: true,
      customTags: [referenceTag],
    });
    const locate = (node: YamlNode | null | undefined): SourceLocation => {
      const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
      return { file: relative, line, col };
    };
    const at = (node: YamlNode | null | undefined, message: string) => {
      const { line, col } = locate(node);
      problems.push({ file: absolute, line, col, message });
    };
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
        problems.push({ file: absolute, line, col, message });
      }
      return false;
    }
    const root = doc.contents;
    if (root === null && depth > 0) return true; // an empty included file
    if (!isMap(root)) {
      at(root, 'expected a mapping of jobs and settings');
      return false;
    }
    let plain: Record<string, unknown>;
    try {
      plain = doc.toJS({ maxAliasCount: 10_000 }) as Record<string, unknown>;
    } catch (error) {
      at(root, (error as Error).message);
      return false;
    }
    // Included files first: the including file's keys override theirs.
    const includeNode = root.items.find((pair) => isScalar(pair.key) && pair.key.value === 'include');
    if (includeNode) {
      for (const include of includeEntries(plain.include, includeNode.value as YamlNode)) {
        if (include.problem) {
          at(include.node, include.problem);
          continue;
        }
        if (include.skip) continue;
        const matches = localMatches(files, include.local!);
        if (matches.length === 0) {
          at(include.node, `include: local "${include.local}" matches no file in the project`);
          continue;
        }
        for (const match of matches) {
          if (seen.has(match)) continue;
          seen.add(match);
          if (seen.size > MAX_INCLUDES) {
            at(include.node, `include: more than ${MAX_INCLUDES} files`);
            return false;
          }
          const included = files.read(match);
          if (included === null) {
            at(include.node, `include: local "${match}" is not a file in the project`);
            continue;
          }
          readFile(match, included, depth + 1);
        }
      }
    }
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (key === 'include') continue;
      const value = plain[key];
      const previous = config.values.get(key);
      // Hashes are merged deeply with what an included file said; anything else is replaced.
      config.values.delete(key); // keep the order of the file that has the last word
      config.values.set(
        key,
        isPlainObject(previous) && isPlainObject(value) ? deepMerge(previous, value) : value,
      );
      const origin: Origin = { file: relative, node: pair.key, locate };
      config.origins.set(key, origin);
      fieldNodes.set(origin, pair.value as YamlNode);
    }
    return true;
  };

  const text = files.read(mainFile);
  if (text === null) return { config: null, problems };
  seen.add(mainFile);
  readFile(mainFile, text, 0);
  if (problems.length > 0) return { config: null, problems };
  const referenceProblems = resolveReferences(config);
  problems.push(...referenceProblems.map((p) => ({ ...p, file: join(files.root, p.file) })));
  return { config: problems.length ? null : config, problems };
}

/** The value node of a top-level key (its fields' locations), beside the key node in `Origin.node`. */
const fieldNodes = new WeakMap<Origin, YamlNode>();

/** Where `field` of a top-level key was written, or the key itself when it was not (extends, default). */
export function locateField(origin: Origin | undefined, field?: string): SourceLocation | null {
  if (!origin) return null;
  const value = fieldNodes.get(origin);
  if (field && value && isMap(value)) {
    const pair = value.items.find((item) => isScalar(item.key) && item.key.value === field);
    if (pair) return origin.locate((pair.key as YamlNode) ?? null);
  }
  return origin.locate(origin.node);
}

/** The location of the value of `field` (a `needs` list's first item, …). */
export function locateValue(origin: Origin | undefined, field: string): SourceLocation | null {
  if (!origin) return null;
  const value = fieldNodes.get(origin);
  if (value && isMap(value)) {
    const pair = value.items.find((item) => isScalar(item.key) && item.key.value === field);
    if (pair?.value) return origin.locate(pair.value as YamlNode);
  }
  return locateField(origin, field);
}

interface IncludeEntry {
  local?: string;
  problem?: string;
  /** Left out by its rules. */
  skip?: boolean;
  node: YamlNode;
}

function includeEntries(value: unknown, node: YamlNode): IncludeEntry[] {
  const items = Array.isArray(value) ? value : [value];
  const nodes = isSeq(node) ? (node.items as YamlNode[]) : items.map(() => node);
  return items.map((item, index): IncludeEntry => {
    const itemNode = nodes[index] ?? node;
    if (typeof item === 'string') {
      // A bare string is a local file, or a remote one when it is a URL.
      return /^https?:\/\//.test(item)
        ? { node: itemNode, problem: offlineProblem('remote', item) }
        : localEntry(item, itemNode);
    }
    if (!isPlainObject(item))
      return { node: itemNode, problem: 'include: expected a file or { local: FILE }' };
    for (const kind of OFFLINE_INCLUDES) {
      if (item[kind] !== undefined) {
        const what = kind === 'project' ? `${textOf(item.project)}:${textOf(item.file)}` : textOf(item[kind]);
        return { node: itemNode, problem: offlineProblem(kind, what) };
      }
    }
    if (item.rules !== undefined) {
      const verdict = includeRulesVerdict(item.rules);
      if (typeof verdict === 'string') return { node: itemNode, problem: verdict };
      if (!verdict) return { node: itemNode, skip: true };
    }
    if (typeof item.local !== 'string')
      return { node: itemNode, problem: 'include: expected { local: FILE }' };
    return localEntry(item.local, itemNode);
  });
}

/**
 * `include: rules` (`if`, `when: never`), judged when the file is read: only the variables known then
 * (CI, GITLAB_CI) are set, so a rule on CI_COMMIT_* sees them unset. Returns a problem as text.
 */
function includeRulesVerdict(rules: unknown): boolean | string {
  if (!Array.isArray(rules)) return 'include: rules: expected a list of rules';
  const known: Record<string, string> = { CI: 'true', GITLAB_CI: 'false' };
  for (const rule of rules) {
    if (!isPlainObject(rule)) return 'include: rules: expected each rule to be a mapping';
    for (const key of Object.keys(rule))
      if (key !== 'if' && key !== 'when') return `include: rules: "${key}" is not supported yet`;
    try {
      if (rule.if !== undefined && !evaluateExpression(textOf(rule.if), (name) => known[name])) continue;
    } catch (error) {
      return `include: rules: if "${textOf(rule.if)}": ${(error as Error).message}`;
    }
    return rule.when !== 'never';
  }
  return false;
}

function localEntry(path: string, node: YamlNode): IncludeEntry {
  if (path.startsWith('./'))
    return {
      node,
      problem: `include: local "${path}" cannot start with "./" (GitLab paths are from the project root)`,
    };
  if (path.split('/').includes('..'))
    return { node, problem: `include: local "${path}" leaves the project ("..")` };
  return { node, local: path };
}

function offlineProblem(kind: string, what: string): string {
  return `include: ${kind} "${what}" cannot be read offline; copy it into the project and include it with "local:"`;
}

/** The project's files a `local:` include names, wildcards (`*`, `**`) included, sorted. */
function localMatches(files: ProjectFiles, pattern: string): string[] {
  const relative = pattern.replace(/^\/+/, '');
  if (!/[*?[]/.test(relative)) return [relative];
  try {
    return globSync(relative, { cwd: files.root })
      .filter((path) => /\.ya?ml$/.test(path))
      .sort();
  } catch {
    return [];
  }
}

const MAX_REFERENCE_DEPTH = 10;

/** Replaces every `!reference` by the value it points to (references within it too, 10 levels deep). */
function resolveReferences(config: GitlabConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const resolve = (value: unknown, key: string, chain: string[]): unknown => {
    if (value instanceof Reference) {
      const where = config.origins.get(key)?.locate(config.origins.get(key)!.node);
      const name = value.path.join('.');
      if (chain.includes(name) || chain.length >= MAX_REFERENCE_DEPTH) {
        problems.push({
          file: where?.file ?? '',
          line: where?.line ?? 1,
          col: where?.col ?? 1,
          message: `${key}: !reference [${value.path.join(', ')}] is circular or nested more than ${MAX_REFERENCE_DEPTH} deep`,
        });
        return null;
      }
      let target: unknown = config.values.get(value.path[0]!);
      for (const part of value.path.slice(1)) target = isPlainObject(target) ? target[part] : undefined;
      if (target === undefined) {
        problems.push({
          file: where?.file ?? '',
          line: where?.line ?? 1,
          col: where?.col ?? 1,
          message: `${key}: !reference [${value.path.join(', ')}] points to nothing`,
        });
        return null;
      }
      return resolve(target, key, [...chain, name]);
    }
    if (Array.isArray(value)) return value.map((item) => resolve(item, key, chain));
    if (isPlainObject(value))
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, key, chain)]));
    return value;
  };
  for (const [key, value] of config.values) config.values.set(key, resolve(value, key, []));
  return problems;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Reference)
  );
}

/** GitLab's merge for `extends`, `default` and includes: hashes merge key by key, the rest is replaced. */
export function deepMerge(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const existing = result[key];
    result[key] = isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value;
  }
  return result;
}

/** A plain value as text (a mapping or list as JSON, never "[object Object]"). */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}
