// Hides secret values in job output before it is stored or shown: each value as printed, and the
// encodings a script is likely to print it in (base64, URL-safe base64, URL encoding).

export interface Masker {
  /** The text with every secret form replaced by `***`. */
  mask(text: string): string;
  /** Length of the longest pattern (0 when inactive): a split line must keep `longest - 1` chars back. */
  readonly longest: number;
  /** False when there is nothing to mask; `mask` then returns its input untouched. */
  readonly active: boolean;
  /**
   * A position ≤ `at` where `text` can be cut without cutting a pattern found in it in two (the cut
   * moves to the start of a pattern that spans `at`). Used to force-split an over-long line.
   */
  safeCut?(text: string, at: number): number;
}

export const MASK = '***';

/**
 * Values shorter than this are not masked: a 1–3 character pattern ("dev", "1", "yes") would blank
 * out ordinary words and numbers all over the log and reveal the value by its holes.
 */
export const MIN_MASKED_LENGTH = 4;

/**
 * Values shorter than this get a warning: masked or not, they are easy to guess, and masking them
 * hides ordinary text. 8 is the usual floor for a token or password.
 */
export const MIN_SAFE_LENGTH = 8;

/** Values that appear in ordinary output whatever their length; masking them hides real text. */
const COMMON_VALUES = new Set([
  'true',
  'false',
  'null',
  'undefined',
  'none',
  'test',
  'testing',
  'admin',
  'root',
  'user',
  'password',
  'passw0rd',
  'secret',
  'changeme',
  'default',
  'example',
  'localhost',
  'development',
  'production',
  'staging',
  '12345678',
  '123456789',
  'qwertyuiop',
]);

/** Encoded forms of `bytes` shorter than this are not added (they would match random base64). */
const MIN_ENCODED_LENGTH = 6;

export function createMasker(secrets: string[]): Masker {
  const patterns = new Set<string>();
  for (const secret of secrets) {
    for (const pattern of secretForms(secret)) patterns.add(pattern);
  }
  if (patterns.size === 0) return { mask: (text) => text, longest: 0, active: false };

  const ordered = [...patterns].sort((a, b) => b.length - a.length); // longest first: mask the whole form
  const pattern = new RegExp(ordered.map(escapeRegExp).join('|'), 'g');
  const longest = ordered[0]!.length;
  return {
    mask: (text) => text.replace(pattern, MASK),
    longest,
    active: true,
    safeCut(text, at) {
      const scan = new RegExp(pattern.source, 'g');
      scan.lastIndex = Math.max(0, at - longest); // a match starting earlier ends before `at`
      let cut = at;
      for (let match = scan.exec(text); match !== null && match.index < at; match = scan.exec(text)) {
        if (match.index + match[0].length > cut) cut = match.index;
      }
      return cut;
    },
  };
}

/** A warning for a value too short (or too common) to mask safely, or null. */
export function secretWarning(value: string): string | null {
  if (value.length === 0) return 'The value is empty.';
  if (value.trim().length === 0) return 'The value is only whitespace.';
  if (value.length < MIN_MASKED_LENGTH) {
    return `The value is shorter than ${MIN_MASKED_LENGTH} characters: it will NOT be masked in logs, and it is easy to guess.`;
  }
  if (value.length < MIN_SAFE_LENGTH) {
    return `The value is shorter than ${MIN_SAFE_LENGTH} characters: masking it would hide ordinary text and it is easy to guess.`;
  }
  if (COMMON_VALUES.has(value.toLowerCase()) || /^(.)\1*$/s.test(value)) {
    return 'The value is a common word or pattern: masking it would hide ordinary text and it is easy to guess.';
  }
  return null;
}

/** Every form of one secret to look for; forms shorter than MIN_MASKED_LENGTH are left out. */
export function secretForms(secret: string): string[] {
  const forms: string[] = [];
  const lines = secret.split(/\r?\n/);
  if (lines.length > 1) {
    // Output is masked line by line, so a multi-line value is found through its lines.
    for (const line of lines) if (line.length >= MIN_MASKED_LENGTH) forms.push(line);
  } else if (secret.length >= MIN_MASKED_LENGTH) {
    forms.push(secret);
  }
  if (secret.length < MIN_MASKED_LENGTH) return forms;

  const uri = encodeURIComponent(secret);
  if (uri !== secret) forms.push(uri);
  for (const base64 of base64Forms(Buffer.from(secret, 'utf8'))) {
    forms.push(base64, toUrlSafe(base64));
  }
  return forms.filter((form) => form.length >= MIN_MASKED_LENGTH);
}

/**
 * The base64 of `bytes` as printed alone (with and without padding), and the characters that depend
 * only on `bytes` when they sit inside a longer base64 text at any of the three byte alignments —
 * e.g. a token inside `Authorization: Basic base64(user:token)`.
 */
function base64Forms(bytes: Buffer): string[] {
  const padded = bytes.toString('base64');
  const forms = [padded, padded.replace(/=+$/, '')];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Characters covering bits [6i, 6i + 6); the value occupies bits [8·offset, 8·(offset + length)).
    const first = Math.ceil((8 * offset) / 6);
    const last = Math.floor((8 * (offset + bytes.length)) / 6); // exclusive
    const stable = encoded.slice(first, last);
    if (stable.length >= MIN_ENCODED_LENGTH) forms.push(stable);
  }
  return forms;
}

function toUrlSafe(base64: string): string {
  return base64.replaceAll('+', '-').replaceAll('/', '_');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
