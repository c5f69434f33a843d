// Reads cockpit.yml: YAML → zod, every problem reported with file:line:col and what was expected.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import type { ConfigProblem } from '../../../shared/domain/project.ts';
import { closestWord } from '../kernel/closest-word.ts';
import { checkDocumentShape, configLimits, formatBytes, type ConfigLimits } from './config-limits.ts';
import {
  CONFIG_FILE_NAME,
  checkConfigSemantics,
  cockpitConfigSchema,
  type CockpitConfig,
} from './cockpit-config.ts';

export type ConfigResult =
  | { status: 'ok'; config: CockpitConfig; problems: [] }
  | { status: 'invalid'; problems: ConfigProblem[] }
  | { status: 'missing'; problems: [] };

/**
 * Parsed configs by file, reused while the file's text is unchanged: the board, the monitor and the
 * runner read every project's cockpit.yml often, and parsing is what costs. Reading is cheap and
 * makes the cache always right. Results are shared: callers must not mutate them.
 */
const parsed = new Map<string, { text: string; result: ConfigResult }>();
const MAX_CACHED_CONFIGS = 500;

export function loadConfig(projectDir: string): ConfigResult {
  const file = join(projectDir, CONFIG_FILE_NAME);
  const limits = configLimits();
  let text: string;
  try {
    text = readLimited(file, limits.maxBytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing', problems: [] };
    const message =
      error instanceof TooLargeError ? error.message : `cannot read the file: ${(error as Error).message}`;
    return { status: 'invalid', problems: [{ file, line: 1, col: 1, message }] };
  }
  const cached = parsed.get(file);
  if (cached?.text === text) return cached.result;
  const result = parseConfig(text, file, limits);
  if (parsed.size >= MAX_CACHED_CONFIGS) parsed.clear();
  parsed.set(file, { text, result });
  return result;
}

class TooLargeError extends Error {}

/** The file's text, refused without reading it whole when it is larger than `maxBytes`. */
function readLimited(file: string, maxBytes: number): string {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    // One byte more than allowed tells a file that grew since fstat (or a device) from one that fits.
    const buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) {
      n = readSync(fd, buffer, length, buffer.length - length, null);
    }
    if (length > maxBytes) {
      throw new TooLargeError(
        `the file is ${Math.max(size, length).toLocaleString('en')} bytes, larger than the limit of ${formatBytes(maxBytes)}; ` +
          'split it up, or raise the limit with COCKPIT_CONFIG_MAX_BYTES',
      );
    }
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}

/**
 * Parses cockpit.yml text. Never throws: every problem — YAML syntax, a limit, a schema error —
 * comes back as file:line:col, so one project's file costs only that project.
 */
export function parseConfig(text: string, file: string, limits: ConfigLimits = configLimits()): ConfigResult {
  const lineCounter = new LineCounter();
  const at = (offset: number, message: string): ConfigProblem => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col, message };
  };
  try {
    if (Buffer.byteLength(text, 'utf8') > limits.maxBytes) {
      return {
        status: 'invalid',
        problems: [at(0, `the file is larger than the limit of ${formatBytes(limits.maxBytes)}`)],
      };
    }
    return parseWithin(text, lineCounter, at, limits);
  } catch (error) {
    const message =
      error instanceof RangeError
        ? 'the file is nested too deeply to read'
        : `the file cannot be read as a cockpit config: ${(error as Error)?.message ?? String(error)}`;
    return { status: 'invalid', problems: [at(0, message)] };
  }
}

function parseWithin(
  text: string,
  lineCounter: LineCounter,
  at: (offset: number, message: string) => ConfigProblem,
  limits: ConfigLimits,
): ConfigResult {
  // uniqueKeys: false — duplicate keys are found by checkDocumentShape in linear time.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    return {
      status: 'invalid',
      problems: doc.errors.map((error) => at(error.pos[0], yamlMessage(error.message))),
    };
  }
  const shape = checkDocumentShape(doc, limits, (offset) => lineCounter.linePos(offset).line);
  if (shape) return { status: 'invalid', problems: [at(shape.offset, shape.message)] };
  // The shape check bounded what aliases expand to; yaml's own count would refuse legitimate reuse.
  const data: unknown = doc.toJS({ maxAliasCount: -1 });
  if (data === null || data === undefined) {
    return {
      status: 'invalid',
      problems: [at(0, 'the file is empty; expected a mapping starting with "version: 1"')],
    };
  }

  const parsed = cockpitConfigSchema.safeParse(data);
  const issues: Pick<z.core.$ZodIssue, 'path' | 'message' | 'code'>[] = parsed.success
    ? checkConfigSemantics(parsed.data).map((problem) => ({ ...problem, code: 'custom' as const }))
    : parsed.error.issues;
  if (parsed.success && issues.length === 0) return { status: 'ok', config: parsed.data, problems: [] };
  const problems = issues.flatMap((issue) => issueToProblems(issue as z.core.$ZodIssue, doc, at));
  problems.sort((a, b) => a.line - b.line || a.col - b.col);
  return { status: 'invalid', problems };
}

function issueToProblems(
  issue: z.core.$ZodIssue,
  doc: Document,
  at: (offset: number, message: string) => ConfigProblem,
): ConfigProblem[] {
  const path = issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
  const where = path.length > 0 ? `${path.join('.')}: ` : '';

  // "Invalid input" for a union says nothing: report the problems of the alternative the user meant.
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    return closestAlternative(issue.errors).flatMap((inner) =>
      issueToProblems({ ...inner, path: [...issue.path, ...inner.path] }, doc, at),
    );
  }

  if (issue.code === 'unrecognized_keys') {
    const map = nodeAt(doc, path);
    const known = knownKeysAt(cockpitConfigSchema, path);
    return issue.keys.map((key) => {
      const pair = isMap(map)
        ? map.items.find((item) => isScalar(item.key) && item.key.value === key)
        : undefined;
      const offset = (pair?.key as YamlNode | undefined)?.range?.[0] ?? map?.range?.[0] ?? 0;
      const suggestion = closestWord(key, known);
      const hint = suggestion
        ? ` (did you mean "${suggestion}"?)`
        : known.length
          ? ` (expected one of: ${known.join(', ')})`
          : '';
      return at(offset, `${where}unknown key "${key}"${hint}`);
    });
  }

  // A problem with a key itself (a reserved name): point at the key, not its value.
  if (issue.code === 'custom' && (issue.params as { key?: boolean } | undefined)?.key && path.length > 0) {
    const map = nodeAt(doc, path.slice(0, -1));
    const name = path[path.length - 1];
    const pair = isMap(map)
      ? map.items.find((item) => isScalar(item.key) && item.key.value === name)
      : undefined;
    const offset = (pair?.key as YamlNode | undefined)?.range?.[0] ?? map?.range?.[0] ?? 0;
    return [at(offset, `${where}${issue.message}`)];
  }

  // Point at the offending value, or at the closest existing parent when the key is missing.
  for (let depth = path.length; depth >= 0; depth--) {
    const node = nodeAt(doc, path.slice(0, depth));
    if (node?.range) {
      const missing = depth < path.length;
      const message = missing
        ? `${where}missing required key (${issue.message})`
        : `${where}${issue.message}`;
      return [at(node.range[0], message)];
    }
  }
  return [at(0, `${where}${issue.message}`)];
}

/**
 * The union alternative the input was most likely meant as: not one that rejects the very key that
 * names it (`http:` given to the `tcp` alternative) or misses its own key, and then the one whose
 * problems lie deepest — the most specific ones.
 */
function closestAlternative(alternatives: z.core.$ZodIssue[][]): z.core.$ZodIssue[] {
  const mismatch = (issues: z.core.$ZodIssue[]) =>
    issues.filter(
      (issue) =>
        (issue.code === 'unrecognized_keys' && issue.path.length === 0) ||
        (issue.code === 'invalid_type' &&
          issue.path.length <= 1 &&
          issue.message.endsWith('received undefined')),
    ).length;
  const depth = (issues: z.core.$ZodIssue[]) => Math.max(0, ...issues.map((issue) => issue.path.length));
  return [...alternatives].sort((a, b) => mismatch(a) - mismatch(b) || depth(b) - depth(a))[0]!;
}

function nodeAt(doc: Document, path: (string | number)[]): YamlNode | undefined {
  if (path.length === 0) return doc.contents ?? undefined;
  const node = doc.getIn(path, true);
  return node && typeof node === 'object' && 'range' in node ? (node as YamlNode) : undefined;
}

interface SchemaDef {
  type: string;
  options?: z.ZodType[];
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
}

/** The keys a strict object accepts at a config path, for suggestions. */
function knownKeysAt(schema: z.ZodType, path: (string | number)[]): string[] {
  let current: z.ZodType | undefined = schema;
  const unwrap = () => {
    let def = (current as unknown as { _zod: { def: SchemaDef } } | undefined)?._zod.def;
    while (
      def &&
      (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') &&
      def.innerType
    ) {
      current = def.innerType;
      def = (current as unknown as { _zod: { def: SchemaDef } })._zod.def;
    }
    return def;
  };
  const shapeOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def.shape;
  for (const segment of path) {
    let def = unwrap();
    if (def?.type === 'union' && def.options) {
      // The alternative that has this key (checks: { http } | { tcp }).
      current = def.options.find((option) => shapeOf(option)?.[String(segment)] !== undefined) ?? current;
      def = unwrap();
    }
    if (!def) return [];
    if (def.type === 'object') current = def.shape?.[String(segment)];
    else if (def.type === 'array') current = def.element;
    else if (def.type === 'record') current = def.valueType;
    else return [];
  }
  const def = unwrap();
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function yamlMessage(message: string): string {
  // The yaml package appends " at line X, column Y" and a code frame; file:line:col already says where.
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
