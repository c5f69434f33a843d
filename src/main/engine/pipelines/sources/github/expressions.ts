// GitHub expressions evaluated with GitHub's own evaluator (@actions/expressions): contexts from
// plain JSON, the status functions (success, failure, always, cancelled) supplied by the caller,
// and `${{ }}` templates in text.
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';
import { hashFiles } from './hash-files.ts';

export const CONTEXT_NAMES = [
  'github',
  'env',
  'vars',
  'job',
  'jobs',
  'steps',
  'runner',
  'secrets',
  'strategy',
  'matrix',
  'needs',
  'inputs',
];

/** Plain JSON contexts by name (github, env, matrix, needs, steps, …). */
export type Contexts = Record<string, unknown>;

export interface StatusFunctions {
  success(): boolean;
  failure(): boolean;
  cancelled(): boolean;
}

const STATUS_NAMES = ['success', 'failure', 'always', 'cancelled'];

/** Contexts may name the workspace under this key: `hashFiles()` then hashes files in it. */
export const WORKSPACE_KEY = '__workspace';

function functionsFor(status: StatusFunctions | null, workspace: string | null) {
  const functions = new Map<
    string,
    {
      name: string;
      minArgs: number;
      maxArgs: number;
      call: (...args: data.ExpressionData[]) => data.ExpressionData;
    }
  >();
  if (workspace !== null) {
    functions.set('hashfiles', {
      name: 'hashFiles',
      minArgs: 1,
      maxArgs: 255,
      call: (...args) =>
        new data.StringData(
          hashFiles(
            workspace,
            args.map((arg) => arg.coerceString()),
          ),
        ),
    });
  }
  if (status === null) return functions;
  const add = (name: string, value: () => boolean) =>
    functions.set(name, { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value()) });
  add('success', () => status.success());
  add('failure', () => status.failure());
  add('cancelled', () => status.cancelled());
  add('always', () => true);
  return functions;
}

/** Evaluates one expression (without `${{ }}`); throws ExpressionError with GitHub's message. */
export function evaluate(
  expression: string,
  contexts: Contexts,
  status: StatusFunctions | null = null,
): data.ExpressionData {
  const lexed = new Lexer(expression).lex();
  const { [WORKSPACE_KEY]: workspace, ...plain } = contexts;
  const infos = status === null ? [] : STATUS_NAMES.map((name) => ({ name, minArgs: 0, maxArgs: 0 }));
  if (typeof workspace === 'string') infos.push({ name: 'hashFiles', minArgs: 1, maxArgs: 255 });
  const tree = new Parser(lexed.tokens, CONTEXT_NAMES, infos).parse();
  const context = JSON.parse(JSON.stringify(plain), data.reviver) as data.Dictionary;
  return new Evaluator(
    tree,
    context,
    functionsFor(status, typeof workspace === 'string' ? workspace : null),
  ).evaluate();
}

export function evaluateCondition(expression: string, contexts: Contexts, status: StatusFunctions): boolean {
  return truthy(evaluate(expression, contexts, status));
}

/** An expression's value as text, as GitHub puts it into a string: null → "", objects as JSON. */
export function asText(value: data.ExpressionData): string {
  if (value.kind === data.Kind.Dictionary || value.kind === data.Kind.Array) {
    return JSON.stringify(value, data.replacer, 2);
  }
  return value.coerceString();
}

export interface TemplatePart {
  text: string;
  /** The expression inside `${{ }}`, or null for literal text. */
  expression: string | null;
}

/** Splits text into literal parts and `${{ expression }}` parts. */
export function splitTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let rest = text;
  for (;;) {
    const open = rest.indexOf('${{');
    if (open === -1) break;
    const close = closingBraces(rest, open + 3);
    if (close === -1) break;
    if (open > 0) parts.push({ text: rest.slice(0, open), expression: null });
    parts.push({ text: rest.slice(open, close + 2), expression: rest.slice(open + 3, close).trim() });
    rest = rest.slice(close + 2);
  }
  if (rest.length > 0) parts.push({ text: rest, expression: null });
  return parts;
}

/** Where `}}` closes an expression, skipping '…' string literals (which may hold `}}`). */
function closingBraces(text: string, from: number): number {
  let quoted = false;
  for (let i = from; i < text.length - 1; i++) {
    if (text[i] === "'") quoted = !quoted;
    else if (!quoted && text[i] === '}' && text[i + 1] === '}') return i;
  }
  return -1;
}

/** Text with every `${{ }}` replaced by its value. */
export function evaluateTemplate(
  text: string,
  contexts: Contexts,
  status: StatusFunctions | null = null,
): string {
  return splitTemplate(text)
    .map((part) =>
      part.expression === null ? part.text : asText(evaluate(part.expression, contexts, status)),
    )
    .join('');
}

/** The contexts an expression reads (`matrix.node` → matrix), to tell values from the file from others. */
export function contextsUsed(expression: string): string[] {
  const lexed = new Lexer(expression).lex();
  const names = new Set<string>();
  lexed.tokens.forEach((token, index) => {
    const previous = lexed.tokens[index - 1];
    if (CONTEXT_NAMES.includes(token.lexeme) && previous?.lexeme !== '.') names.add(token.lexeme);
  });
  return [...names];
}

/** An expression's value as plain JSON (fromJSON's arrays and objects stay structured). */
export function evaluateJson(expression: string, contexts: Contexts): unknown {
  return JSON.parse(JSON.stringify(evaluate(expression, contexts), data.replacer) ?? 'null') as unknown;
}

function isOneExpression(text: string): boolean {
  const parts = splitTemplate(text.trim());
  return parts.length === 1 && parts[0]!.expression !== null;
}

/**
 * A JSON value whose strings may hold `${{ }}`, evaluated: a string that is one expression takes the
 * expression's value (`${{ fromJSON(inputs.list) }}` becomes a list); other strings become text.
 */
export function resolveJsonTemplate(value: unknown, contexts: Contexts): unknown {
  if (typeof value === 'string') {
    // A block scalar (`matrix: |-`) keeps its indentation and newline around the one expression.
    const parts = splitTemplate(value.trim());
    if (parts.length === 1 && parts[0]!.expression !== null)
      return evaluateJson(parts[0]!.expression, contexts);
    return value.includes('${{') ? evaluateTemplate(value, contexts) : value;
  }
  if (Array.isArray(value)) {
    // An item that is one expression giving a list is spliced into the list (as act does).
    return (value as unknown[]).flatMap((item): unknown[] => {
      const resolved = resolveJsonTemplate(item, contexts);
      return typeof item === 'string' && isOneExpression(item) && Array.isArray(resolved)
        ? (resolved as unknown[])
        : [resolved];
    });
  }
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const resolved = resolveJsonTemplate(item, contexts);
      if (key.startsWith('__cockpit_insert__')) {
        if (typeof resolved === 'object' && resolved !== null && !Array.isArray(resolved))
          Object.assign(result, resolved);
      } else result[key] = resolved;
    }
    return result;
  }
  return value;
}
