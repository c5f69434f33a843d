// The workflow parser's tokens read as text: values as written (`${{ }}` included), mappings of
// templates, numbers, and a mapping's key token (to point a problem at the key).

// The parser's token classes are not exported by name; these are the parts used here.
export interface Token {
  range?: { start: { line: number; column: number } };
  isLiteral: boolean;
  isExpression: boolean;
  toString(): string;
  source?: string;
  expression?: string;
  value?: unknown;
  find?(key: string): Token | undefined;
  get?(index: number): Token | { key: Token; value: Token };
  count?: number;
}

/** A value as the text it was written as, `${{ }}` included. */
export function templateOf(token: Token): string {
  if (token.isExpression) {
    const source = token.source;
    if (source === undefined) return `\${{ ${token.expression ?? ''} }}`;
    // The parser keeps a quoted scalar's quotes in its source: the value is what is inside them.
    if (/^"[^\n]*"$/s.test(source)) {
      try {
        return JSON.parse(source) as string;
      } catch {
        return source.slice(1, -1);
      }
    }
    if (/^'[^\n]*'$/s.test(source)) return source.slice(1, -1).replaceAll("''", "'");
    return source;
  }
  return token.toString();
}

export function scalar(token: Token | undefined): string | null {
  return token ? templateOf(token) : null;
}

export function numberOf(token: Token | undefined): number | null {
  if (!token || token.isExpression) return null;
  const value = Number(token.toString());
  return Number.isFinite(value) && value > 0 ? value : null;
}

export function mappingTemplates(token: Token | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (let i = 0; i < (token?.count ?? 0); i++) {
    const pair = token!.get!(i) as { key: Token; value: Token };
    result[pair.key.toString()] = templateOf(pair.value);
  }
  return result;
}

export function keyToken(mapping: Token, key: string): Token | undefined {
  for (let i = 0; i < (mapping.count ?? 0); i++) {
    const pair = mapping.get!(i) as { key: Token; value: Token };
    if (pair.key.toString() === key) return pair.key;
  }
  return undefined;
}
