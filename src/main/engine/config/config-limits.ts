// Bounds on what one cockpit.yml may cost: its size, nodes (aliases expanded), aliases and nesting —
// checked in one linear pass over the parsed YAML, before anything expands it — plus duplicate keys,
// found with a set per mapping (the yaml package's own check compares every key with every other:
// 100k jobs took minutes). A file over a limit is an error at its line and column for its project only.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';

export interface ConfigLimits {
  /** The file's size in bytes; COCKPIT_CONFIG_MAX_BYTES overrides the default (1 MiB). */
  maxBytes: number;
  /** Nodes (scalars, mappings, sequences) once every alias is expanded. */
  maxNodes: number;
  /** Alias nodes (`*name`) in the file. */
  maxAliases: number;
  /** How deep mappings and sequences may nest. */
  maxDepth: number;
}

export const DEFAULT_CONFIG_LIMITS: ConfigLimits = Object.freeze({
  maxBytes: 1024 * 1024,
  maxNodes: 250_000,
  maxAliases: 1_000,
  maxDepth: 64,
});

/** The limits in force: the defaults, with COCKPIT_CONFIG_MAX_BYTES when it is a positive integer. */
export function configLimits(env: NodeJS.ProcessEnv = process.env): ConfigLimits {
  const bytes = Number(env.COCKPIT_CONFIG_MAX_BYTES);
  return Number.isSafeInteger(bytes) && bytes > 0
    ? { ...DEFAULT_CONFIG_LIMITS, maxBytes: bytes }
    : DEFAULT_CONFIG_LIMITS;
}

export interface LimitProblem {
  offset: number;
  message: string;
}

/** "1 MiB", "1.5 MiB", "900 KiB", "12 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}

interface Frame {
  node: YamlNode;
  children: YamlNode[];
  next: number;
  /** Expanded nodes in this subtree so far. */
  size: number;
  depth: number;
}

/**
 * The first problem with the document's shape, or null: a duplicate key, an alias to no anchor or to
 * a node containing it, or a limit exceeded. Iterative (no recursion), linear in the document.
 */
export function checkDocumentShape(
  doc: Document,
  limits: ConfigLimits,
  lineOf: (offset: number) => number,
): LimitProblem | null {
  const root = doc.contents;
  if (!root) return null;
  const anchored = new Map<string, number>(); // anchor name → expanded size of its (finished) node
  const open = new Set<string>(); // anchors of nodes still being walked
  let aliases = 0;
  let total = 0;
  const stack: Frame[] = [];

  const enter = (node: YamlNode, depth: number): LimitProblem | null => {
    if (depth > limits.maxDepth) {
      return at(node, `mappings and sequences are nested more than ${limits.maxDepth} levels deep`);
    }
    if (isAlias(node)) {
      aliases++;
      if (aliases > limits.maxAliases) return at(node, `the file has more than ${limits.maxAliases} aliases`);
      const size = anchored.get(node.source);
      if (size === undefined) {
        return at(
          node,
          open.has(node.source)
            ? `the alias *${node.source} refers to a node that contains it`
            : `the alias *${node.source} names no anchor before it (&${node.source})`,
        );
      }
      return add(node, size);
    }
    const children = childrenOf(node);
    if (children === null) return add(node, 1); // a scalar
    const duplicate = isMap(node) ? duplicateKey(node.items, lineOf) : null;
    if (duplicate) return duplicate;
    if (node.anchor) open.add(node.anchor);
    stack.push({ node, children, next: 0, size: 1, depth });
    total++;
    return total > limits.maxNodes
      ? at(node, `the file has more than ${limits.maxNodes.toLocaleString('en')} nodes`)
      : null;
  };

  /** Counts a finished leaf (or an alias's expansion) into its parent. */
  const add = (node: YamlNode, size: number): LimitProblem | null => {
    if (isScalar(node) && node.anchor) anchored.set(node.anchor, size);
    total += size;
    if (total > limits.maxNodes) {
      return at(
        node,
        isAlias(node)
          ? `aliases expand the file to more than ${limits.maxNodes.toLocaleString('en')} nodes`
          : `the file has more than ${limits.maxNodes.toLocaleString('en')} nodes`,
      );
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.size += size;
    return null;
  };

  const first = enter(root, 1);
  if (first) return first;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next < frame.children.length) {
      const problem = enter(frame.children[frame.next++]!, frame.depth + 1);
      if (problem) return problem;
      continue;
    }
    stack.pop();
    if (frame.node.anchor) {
      open.delete(frame.node.anchor);
      anchored.set(frame.node.anchor, frame.size);
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.size += frame.size;
  }
  return null;
}

function childrenOf(node: YamlNode): YamlNode[] | null {
  if (isMap(node)) {
    const children: YamlNode[] = [];
    for (const pair of node.items) {
      if (isPair(pair)) {
        if (pair.key && typeof pair.key === 'object') children.push(pair.key as YamlNode);
        if (pair.value && typeof pair.value === 'object') children.push(pair.value as YamlNode);
      }
    }
    return children;
  }
  if (isSeq(node)) {
    return node.items.flatMap((item) => {
      if (isPair(item))
        return [item.key, item.value].filter((n): n is YamlNode => !!n && typeof n === 'object');
      return item && typeof item === 'object' ? [item as YamlNode] : [];
    });
  }
  return null;
}

/** The second occurrence of a scalar key in one mapping, found with a set (linear). */
function duplicateKey(items: readonly unknown[], lineOf: (offset: number) => number): LimitProblem | null {
  const seen = new Map<string, number>();
  for (const pair of items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const value: unknown = pair.key.value;
    const id = `${typeof value}:${String(value)}`;
    const offset = pair.key.range?.[0] ?? 0;
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      return {
        offset,
        message: `duplicate key "${String(value)}": keys must be unique in a mapping (the first is on line ${lineOf(earlier)})`,
      };
    }
    seen.set(id, offset);
  }
  return null;
}

function at(node: YamlNode, message: string): LimitProblem {
  return { offset: node.range?.[0] ?? 0, message };
}
