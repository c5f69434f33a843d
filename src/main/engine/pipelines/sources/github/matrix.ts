// GitHub's `strategy.matrix`: the product of its lists, minus `exclude`, plus `include` — with
// GitHub's rules (an include entry extends every combination whose original values it does not
// change; an entry that extends none becomes a combination of its own). Values may come from
// expressions (`fromJSON(...)`), resolved by the caller before expansion.

export type MatrixValue = string | number | boolean | null | MatrixValue[] | { [key: string]: MatrixValue };
export type Combination = Record<string, MatrixValue>;

export interface MatrixProblem {
  /** The key the problem is about (`include`, `os`, …), or null for the matrix itself. */
  key: string | null;
  message: string;
}

/** The combinations in GitHub's order, or the problems that keep the matrix from expanding. */
export function expandMatrix(matrix: MatrixValue): {
  combinations: Combination[];
  problems: MatrixProblem[];
} {
  const problems: MatrixProblem[] = [];
  if (!isObject(matrix)) {
    return { combinations: [], problems: [{ key: null, message: 'strategy.matrix must be a mapping' }] };
  }
  const lists: [string, MatrixValue[]][] = [];
  let include: Combination[] = [];
  let exclude: Combination[] = [];
  for (const [key, value] of Object.entries(matrix)) {
    if (key === 'include' || key === 'exclude') {
      const entries = entriesOf(value);
      if (entries === null)
        problems.push({ key, message: `strategy.matrix.${key} must be a list of mappings` });
      else if (key === 'include') include = entries;
      else exclude = entries;
    } else if (!Array.isArray(value)) {
      problems.push({ key, message: `strategy.matrix.${key} must be a list of values` });
    } else if (value.length === 0) {
      problems.push({ key, message: `strategy.matrix.${key} is an empty list` });
    } else {
      lists.push([key, value]);
    }
  }
  if (problems.length > 0) return { combinations: [], problems };

  let combinations: Combination[] = lists.length > 0 ? [{}] : [];
  for (const [key, values] of lists) {
    combinations = combinations.flatMap((combination) =>
      values.map((value) => ({ ...combination, [key]: value })),
    );
  }
  const originalKeys = new Set(lists.map(([key]) => key));
  combinations = combinations.filter(
    (combination) =>
      !exclude.some((entry) => Object.entries(entry).every(([k, v]) => same(combination[k], v))),
  );
  // Each combination remembers which of its values are original (never overwritten by an include).
  const extended = combinations.map((combination) => ({ ...combination }));
  const added: Combination[] = [];
  for (const entry of include) {
    let matched = false;
    for (const combination of extended) {
      const keepsOriginals = Object.entries(entry).every(
        ([k, v]) => !originalKeys.has(k) || same(combination[k], v),
      );
      if (keepsOriginals) {
        Object.assign(combination, entry);
        matched = true;
      }
    }
    if (!matched) added.push({ ...entry });
  }
  const all = [...extended, ...added];
  if (all.length > 256) {
    return {
      combinations: [],
      problems: [
        { key: null, message: `strategy.matrix makes ${all.length} jobs; GitHub allows at most 256` },
      ],
    };
  }
  if (all.length === 0) {
    return { combinations: [], problems: [{ key: null, message: 'strategy.matrix makes no combination' }] };
  }
  return { combinations: all, problems: [] };
}

function entriesOf(value: MatrixValue): Combination[] | null {
  if (!Array.isArray(value)) return null;
  return value.every(isObject) ? value : null;
}

function isObject(value: MatrixValue | undefined): value is { [key: string]: MatrixValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Equal values (deep; `18` and `"18"` differ). */
function same(a: MatrixValue | undefined, b: MatrixValue | undefined): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
