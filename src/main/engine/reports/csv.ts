// CSV as RFC 4180 writes it — CRLF line ends, a header row, fields with a comma, quote or line
// break quoted and their quotes doubled — and safe to open in a spreadsheet: a text cell that
// starts with = + - @ (or a tab or carriage return) is prefixed with ' so it is never run as a formula.

export type CsvValue = string | number | boolean | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(headers: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [headers, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/** ISO-8601 in UTC ("2026-11-25T10:00:00.000Z"); empty for no time. */
export function isoTime(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
