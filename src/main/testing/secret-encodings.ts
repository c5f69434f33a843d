// How scripts print secrets, as the masking tests and the masking fuzz feed them to the log writer:
// each encoding turns a secret into the text a tool would print (some span several lines).

/** Python's urllib.parse.quote: UTF-8 bytes, unreserved A-Za-z0-9_.-~ and `safe` kept, %XX upper-case. */
export function pythonQuote(value: string, safe = '/', plus = false): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9_.~-]/.test(char) || (byte < 128 && safe.includes(char))) out += char;
    else if (plus && char === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines.join('\n');
}

/** JSON string contents with every non-ASCII character as \uXXXX (Python's json.dumps default). */
function asciiJson(value: string): string {
  return JSON.stringify(value)
    .slice(1, -1)
    .replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const base64 = (value: string) => Buffer.from(value, 'utf8').toString('base64');

export const SECRET_ENCODINGS: Record<string, (secret: string) => string> = {
  'as is': (s) => s,
  base64: (s) => base64(s),
  'base64url without padding': (s) => base64(s).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, ''),
  'base64 wrapped at 76 columns (coreutils base64)': (s) => wrap(base64(s), 76),
  'base64 wrapped at 64 columns (PEM)': (s) => wrap(base64(s), 64),
  'inside a longer base64 text, wrapped at 76 (Basic auth)': (s) => wrap(base64(`deploy-user:${s}`), 76),
  encodeURIComponent: (s) => encodeURIComponent(s),
  encodeURI: (s) => encodeURI(s),
  'quote_plus (Python)': (s) => pythonQuote(s, '', true),
  'quote (Python)': (s) => pythonQuote(s),
  'lower-case %xx': (s) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
  'form-urlencoded (URLSearchParams)': (s) => new URLSearchParams({ v: s }).toString().slice(2),
  'JSON string': (s) => JSON.stringify(s).slice(1, -1),
  'JSON string, ASCII only (json.dumps)': (s) => asciiJson(s),
  'JSON string with \\/ (PHP json_encode)': (s) => asciiJson(s).replaceAll('/', '\\/'),
  'split across two lines': (s) => {
    // In the middle, between two characters (never inside a surrogate pair: that prints U+FFFD).
    const chars = [...s];
    const half = Math.floor(chars.length / 2);
    return `${chars.slice(0, half).join('')}\n${chars.slice(half).join('')}`;
  },
};

/** Leading characters of an encoding's output that do not depend on the secret (base64 of "deploy-user:"). */
export const NON_SECRET_PREFIX: Record<string, number> = {
  'inside a longer base64 text, wrapped at 76 (Basic auth)': 16,
};

/** Secrets that exercise every encoding: reserved URL characters, quotes, backslashes, non-ASCII, > 57 bytes. */
export const SAMPLE_SECRETS = [
  'p@ss w0rd/"quoted"\\ä€+&=?~*!()',
  'ghp_R4nd0mT0k3nW1thL0ts0fCh4r4ct3rsS0Th4tB4s64Wr4ps_Acr0ssL1n3s_99',
  'ünïcødé sécret välue, with spaces & symbols: <>#%{}|^`[] and more',
];

/** The substrings a masked log must never show: the encoded form without its line breaks, in pieces. */
export function leakedPieces(storedText: string, encoded: string, skip = 0, minPiece = 8): string[] {
  const flat = storedText.replace(/\r?\n/g, '');
  const form = encoded.replace(/\r?\n/g, '').slice(skip);
  const leaks: string[] = [];
  if (flat.includes(form)) leaks.push(form);
  for (let i = 0; i + minPiece <= form.length; i++) {
    const piece = form.slice(i, i + minPiece);
    if (flat.includes(piece)) leaks.push(piece);
  }
  return leaks;
}
