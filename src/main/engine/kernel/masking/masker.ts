// Hides secret values in job output before it is stored or shown: each value as printed, and the
// encodings a script is likely to print it in — base64 (standard, URL-safe, inside longer base64),
// URL encodings (encodeURIComponent, encodeURI, Python's quote and quote_plus, form encoding, in
// upper- and lower-case %xx) and JSON string escapes — also when a form is split across lines
// (base64 wrapped at 76 columns, a value printed in two halves). Values can be added while a job
// runs (`::add-mask::VALUE`, see log-writer.ts).

export interface Masker {
  /**
   * The text (lines joined by "\n") with every secret form replaced by `***`; a form split across
   * lines is masked in each piece. `before` is the end of the previous output (already masked and
   * stored), so a form that started there is masked where it continues in `text`.
   */
  mask(text: string, before?: string): string;
  /** Length of the longest pattern (0 when inactive): a split line must keep `longest - 1` chars back. */
  readonly longest: number;
  /** False when there is nothing to mask; `mask` then returns its input untouched. */
  readonly active: boolean;
  /** Masks `value` (and its encodings) from now on; false when it is too short to mask. */
  add?(value: string): boolean;
  /**
   * A position ≤ `at` where `text` can be cut without cutting a pattern found in it in two (the cut
   * moves to the start of a pattern that spans `at`). Used to force-split an over-long line.
   */
  safeCut?(text: string, at: number): number;
  /**
   * `text` with a trailing beginning of a secret form (at least MIN_MASKED_LENGTH characters of it)
   * masked: for output that ends without the rest — the job was stopped, or its output cut — where
   * `mask` cannot see a whole form.
   */
  maskUnfinished?(text: string): string;
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
  let pattern: RegExp | null = null;
  let longest = 0;
  const compile = () => {
    const ordered = [...patterns].sort((a, b) => b.length - a.length); // longest first: mask the whole form
    pattern = ordered.length > 0 ? new RegExp(ordered.map(escapeRegExp).join('|'), 'g') : null;
    longest = ordered[0]?.length ?? 0;
  };
  const addForms = (secret: string): boolean => {
    const before = patterns.size;
    for (const form of secretForms(secret)) patterns.add(form);
    return patterns.size > before || secretForms(secret).length > 0;
  };
  for (const secret of secrets) addForms(secret);
  compile();

  return {
    mask(text, before = '') {
      return pattern === null ? text : maskAcrossLines(pattern, text, before.slice(-(longest - 1)));
    },
    get longest() {
      return longest;
    },
    get active() {
      return pattern !== null;
    },
    add(value) {
      if (!addForms(value)) return false;
      compile();
      return true;
    },
    maskUnfinished(text) {
      let from = text.length;
      for (const form of patterns) {
        const limit = Math.min(form.length - 1, text.length);
        for (let length = limit; length >= MIN_MASKED_LENGTH && text.length - length < from; length--) {
          if (text.endsWith(form.slice(0, length))) {
            from = text.length - length;
            break;
          }
        }
      }
      return from === text.length ? text : `${text.slice(0, from)}${MASK}`;
    },
    safeCut(text, at) {
      if (pattern === null) return at;
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

/**
 * Masks every match of `pattern` in `text`, also matches that run across line breaks: the text is
 * searched with its line breaks taken out, and each match masks the characters it covers, on every
 * line it touches. `before` (the previous output's end) is searched with it but not returned.
 */
function maskAcrossLines(pattern: RegExp, text: string, before: string): string {
  const full = before.length > 0 ? `${before}\n${text}` : text;
  const offset = full.length - text.length;
  if (!full.includes('\n') && !full.includes('\r')) {
    return before.length > 0 ? full.replace(pattern, MASK).slice(offset) : text.replace(pattern, MASK);
  }
  // Positions in `full` of the characters that are not line breaks, in order.
  const kept: number[] = [];
  for (let i = 0; i < full.length; i++) {
    const code = full.charCodeAt(i);
    if (code === 10 || code === 13) continue;
    kept.push(i);
  }
  const joined = full.replace(/[\r\n]/g, '');
  pattern.lastIndex = 0;
  let hidden: Uint8Array | null = null;
  for (let match = pattern.exec(joined); match !== null; match = pattern.exec(joined)) {
    hidden ??= new Uint8Array(full.length);
    for (let j = match.index; j < match.index + match[0].length; j++) hidden[kept[j]!] = 1;
    if (match[0].length === 0) pattern.lastIndex++;
  }
  if (hidden === null) return text;
  let out = '';
  for (let i = offset; i < full.length; i++) {
    if (hidden[i] === 1) {
      if (i === offset || hidden[i - 1] !== 1 || full[i - 1] === '\n') out += MASK;
    } else out += full[i];
  }
  return out;
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

  for (const encoded of urlForms(secret)) {
    if (encoded !== secret) forms.push(encoded, lowerCaseEscapes(encoded));
  }
  for (const escaped of jsonForms(secret)) if (escaped !== secret) forms.push(escaped);
  for (const base64 of base64Forms(Buffer.from(secret, 'utf8'))) {
    forms.push(base64, toUrlSafe(base64));
  }
  return forms.filter((form) => form.length >= MIN_MASKED_LENGTH);
}

/**
 * The URL encodings tools print: encodeURIComponent, encodeURI, Python's quote (keeps "/") and
 * quote_plus (space as "+"), and form encoding (URLSearchParams: space as "+", "*" kept).
 */
function urlForms(secret: string): string[] {
  return [
    encodeURIComponent(secret),
    encodeURI(secret),
    percentEncode(secret, /[A-Za-z0-9_.~-]/, ''),
    percentEncode(secret, /[A-Za-z0-9_.~/-]/, ''),
    percentEncode(secret, /[A-Za-z0-9_.~-]/, '+'),
    percentEncode(secret, /[A-Za-z0-9_.*-]/, '+'),
  ];
}

/** UTF-8 bytes as %XX (upper case) except the characters `keep` matches; a space as `space` if set. */
function percentEncode(text: string, keep: RegExp, space: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (byte < 128 && keep.test(char)) out += char;
    else if (space !== '' && byte === 32) out += space;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function lowerCaseEscapes(encoded: string): string {
  return encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
}

/**
 * The value inside a JSON string: as JSON.stringify writes it, with non-ASCII as \uxxxx (Python's
 * json.dumps) in lower and upper case, and with "/" escaped as well (PHP's json_encode).
 */
function jsonForms(secret: string): string[] {
  const plain = JSON.stringify(secret).slice(1, -1);
  const ascii = plain.replace(
    /[\u0080-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const upper = ascii.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => `\\u${hex.toUpperCase()}`);
  return [plain, ascii, upper, ascii.replaceAll('/', '\\/'), upper.replaceAll('/', '\\/')];
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
