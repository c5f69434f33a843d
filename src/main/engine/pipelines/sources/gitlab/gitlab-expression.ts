// GitLab's CI/CD expressions (`rules: if`, `only: variables`): `$VAR` (true when set and not empty),
// "text" and 'text', null, /regex/flags, ==, !=, =~, !~, && (binding tighter), || and parentheses.
// Regular expressions are RE2, as on GitLab. An undefined variable is null.
import { RE2JS } from 're2js';

export class ExpressionError extends Error {}

type Token =
  | { kind: 'var'; name: string }
  | { kind: 'string'; value: string }
  | { kind: 'regex'; source: string; flags: string }
  | { kind: 'null' }
  | { kind: 'op'; op: '==' | '!=' | '=~' | '!~' | '&&' | '||' | '(' | ')' };

type Value = string | null | { regex: RE2JS } | boolean;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (['==', '!=', '=~', '!~', '&&', '||'].includes(two)) {
      tokens.push({ kind: 'op', op: two as '==' });
      i += 2;
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ kind: 'op', op: c });
      i++;
      continue;
    }
    if (c === '$') {
      if (text[i + 1] === '{')
        throw new ExpressionError(`use $VAR, not \${VAR}, in an expression (at column ${i + 1})`);
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))?.[0];
      if (!name) throw new ExpressionError(`a variable name is expected after $ (at column ${i + 1})`);
      tokens.push({ kind: 'var', name });
      i += 1 + name.length;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < text.length) {
          value += text[j + 1];
          j += 2;
        } else value += text[j++];
      }
      if (j >= text.length) throw new ExpressionError(`unterminated text starting at column ${i + 1}`);
      tokens.push({ kind: 'string', value });
      i = j + 1;
      continue;
    }
    if (c === '/') {
      let j = i + 1;
      while (j < text.length && text[j] !== '/') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) throw new ExpressionError(`unterminated /regex/ starting at column ${i + 1}`);
      const flags = /^[a-z]*/.exec(text.slice(j + 1))![0];
      tokens.push({ kind: 'regex', source: text.slice(i + 1, j), flags });
      i = j + 1 + flags.length;
      continue;
    }
    if (text.startsWith('null', i) && !/[A-Za-z0-9_]/.test(text[i + 4] ?? '')) {
      tokens.push({ kind: 'null' });
      i += 4;
      continue;
    }
    throw new ExpressionError(`unexpected "${text.slice(i, i + 10)}" at column ${i + 1}`);
  }
  return tokens;
}

function compileRegex(source: string, flags: string): RE2JS {
  let options = 0;
  if (flags.includes('i')) options |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) options |= RE2JS.MULTILINE;
  if (flags.includes('s')) options |= RE2JS.DOTALL;
  try {
    return RE2JS.compile(source, options);
  } catch (error) {
    throw new ExpressionError(`/${source}/ is not a valid regular expression: ${(error as Error).message}`);
  }
}

/** Checks the syntax only (for problems at load time). */
export function checkExpression(text: string): void {
  evaluateExpression(text, () => undefined);
}

export function evaluateExpression(text: string, lookup: (name: string) => string | undefined): boolean {
  const tokens = tokenize(text);
  let position = 0;
  const peek = () => tokens[position];
  const isOp = (op: string) => {
    const token = peek();
    return token?.kind === 'op' && token.op === op;
  };

  const operand = (): Value => {
    const token = tokens[position++];
    if (!token) throw new ExpressionError('the expression ends too early');
    if (token.kind === 'op' && token.op === '(') {
      const value = or();
      if (!isOp(')')) throw new ExpressionError('a ")" is missing');
      position++;
      return value;
    }
    if (token.kind === 'var') return lookup(token.name) ?? null;
    if (token.kind === 'string') return token.value;
    if (token.kind === 'null') return null;
    if (token.kind === 'regex') return { regex: compileRegex(token.source, token.flags) };
    throw new ExpressionError(`unexpected "${token.op}"`);
  };

  const comparison = (): Value => {
    const left = operand();
    const token = peek();
    if (token?.kind !== 'op' || !['==', '!=', '=~', '!~'].includes(token.op)) return left;
    position++;
    const right = operand();
    if (token.op === '==' || token.op === '!=') {
      const equal = plain(left) === plain(right);
      return token.op === '==' ? equal : !equal;
    }
    // The right side may be a variable holding "/regex/".
    let pattern: RE2JS | null = null;
    if (typeof right === 'object' && right !== null) pattern = right.regex;
    else if (typeof right === 'string') {
      const match = /^\/(.*)\/([a-z]*)$/s.exec(right);
      if (!match) throw new ExpressionError(`the right side of ${token.op} must be a /regex/`);
      pattern = compileRegex(match[1]!, match[2]!);
    }
    const matched = typeof left === 'string' && pattern !== null && pattern.matcher(left).find();
    return token.op === '=~' ? matched : !matched;
  };

  const and = (): Value => {
    let value = comparison();
    while (isOp('&&')) {
      position++;
      const right = comparison();
      value = truthy(value) && truthy(right);
    }
    return value;
  };

  function or(): Value {
    let value = and();
    while (isOp('||')) {
      position++;
      const right = and();
      value = truthy(value) || truthy(right);
    }
    return value;
  }

  const result = or();
  if (position < tokens.length) throw new ExpressionError('unexpected text after the expression');
  return truthy(result);
}

function plain(value: Value): string | null | boolean {
  if (typeof value === 'object' && value !== null) return `/${value.regex.pattern()}/`;
  return value;
}

function truthy(value: Value): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > 0;
  return value !== null;
}
