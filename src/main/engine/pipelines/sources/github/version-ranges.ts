// Version ranges as actions/setup-* read them.

/** Whether a version (1.2.3) meets a requested one as the setup actions read it (20, 20.x, >=18, ^3.10, lts/*). */
export function satisfies(version: string, wanted: string): boolean {
  const spec = wanted.trim().replace(/^v/, '');
  if (/^(|\*|x|latest|stable|node|lts\/.*|current)$/i.test(spec)) return true;
  const have = numbers(version);
  return spec.split('||').some((alternative) =>
    alternative
      .trim()
      .split(/\s+/)
      .every((comparator) => {
        const match = /^(>=|<=|>|<|\^|~|=)?v?(.+)$/.exec(comparator);
        if (!match) return false;
        const [, op = '', rest] = match;
        const want = numbers(rest!);
        const cmp = compare(have, want);
        switch (op) {
          case '>=':
            return cmp >= 0;
          case '>':
            return cmp > 0;
          case '<=':
            return cmp <= 0;
          case '<':
            return cmp < 0;
          case '^':
            return cmp >= 0 && have[0] === want[0];
          case '~':
            return cmp >= 0 && have[0] === want[0] && (want.length < 2 || have[1] === want[1]);
          default:
            // 20, 3.11, 1.22.x: the given parts must be equal.
            return want.every((part, index) => Number.isNaN(part) || have[index] === part);
        }
      }),
  );
}

function numbers(text: string): number[] {
  return text.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : NaN));
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = Number.isNaN(b[i] ?? 0) ? 0 : (a[i] ?? 0);
    const y = Number.isNaN(b[i] ?? 0) ? 0 : (b[i] ?? 0);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
