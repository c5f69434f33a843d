// A job's `strategy:` read from the parser's tokens.
import type { MatrixValue } from './matrix.ts';
import { numberOf, templateOf, type Token } from './workflow-tokens.ts';

/** `strategy`: the matrix as JSON (expressions kept as `${{ }}` text), fail-fast and max-parallel. */
export function readStrategy(
  strategy: Token | undefined,
  problem: (token: Token | undefined, message: string) => void,
): { matrix: MatrixValue | null; maxParallel: number | null; failFast: boolean | string } {
  if (!strategy) return { matrix: null, maxParallel: null, failFast: true };
  const matrixToken = strategy.find?.('matrix');
  const maxParallel = numberOf(strategy.find?.('max-parallel'));
  const failFastToken = strategy.find?.('fail-fast');
  const failFast =
    failFastToken === undefined
      ? true
      : failFastToken.isExpression
        ? templateOf(failFastToken)
        : failFastToken.value !== false && failFastToken.toString() !== 'false';
  if (!matrixToken) return { matrix: null, maxParallel, failFast };
  return { matrix: toJson(matrixToken, problem), maxParallel, failFast };
}

/** Keys standing for `${{ insert }}` in a matrix (expressions.ts resolves them). */
export const INSERT_KEY = '__cockpit_insert__';

/** A token as JSON; expressions stay as their `${{ }}` text, to be evaluated when the run is planned. */
function toJson(token: Token, problem: (token: Token | undefined, message: string) => void): MatrixValue {
  if (token.isExpression) return templateOf(token);
  if (token.find && token.count !== undefined) {
    const result: Record<string, MatrixValue> = {};
    for (let i = 0; i < token.count; i++) {
      const pair = token.get!(i) as { key: Token; value: Token };
      // `${{ insert }}: <mapping>` merges the mapping here when the matrix is resolved.
      const key = pair.key.isExpression ? `${INSERT_KEY}${i}` : pair.key.toString();
      result[key] = toJson(pair.value, problem);
    }
    return result;
  }
  if (token.count !== undefined) {
    const result: MatrixValue[] = [];
    for (let i = 0; i < token.count; i++) result.push(toJson(token.get!(i) as Token, problem));
    return result;
  }
  if (token.isLiteral) {
    const value = token.value;
    if (value === undefined || value === null) return null;
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
    return token.toString();
  }
  problem(token, 'this value is not supported here');
  return null;
}
