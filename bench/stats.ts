// Small statistics and table printing shared by the benchmarks.

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** The same work done the plainest way possible, measured in the same run; null when there is none. */
  limit: number | null;
  runs: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function formatRows(rows: BenchRow[]): string {
  const lines = ['| benchmark | median | limit (bare) | ratio | runs |', '|---|---:|---:|---:|---:|'];
  for (const row of rows) {
    const limit = row.limit === null ? '—' : `${row.limit.toFixed(1)} ${row.unit}`;
    const ratio = row.limit === null ? '—' : `${(row.value / row.limit).toFixed(2)}×`;
    lines.push(`| ${row.name} | ${row.value.toFixed(1)} ${row.unit} | ${limit} | ${ratio} | ${row.runs} |`);
  }
  return lines.join('\n');
}
