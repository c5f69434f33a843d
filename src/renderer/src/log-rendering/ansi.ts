// Turns a log line with terminal escape codes into styled text segments, safely: colours and text
// attributes (SGR) become data that React renders as spans; every other escape sequence and control
// character is dropped. Nothing here ever produces HTML.

/** 0–15 are the terminal's palette (themed in CSS); anything else is an exact colour. */
export type AnsiColor = { kind: 'palette'; index: number } | { kind: 'rgb'; r: number; g: number; b: number };

export interface AnsiStyle {
  fg: AnsiColor | null;
  bg: AnsiColor | null;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  inverse: boolean;
}

export interface AnsiSegment {
  text: string;
  /** null when the text has the default look. */
  style: AnsiStyle | null;
}

const plain: AnsiStyle = {
  fg: null,
  bg: null,
  bold: false,
  dim: false,
  italic: false,
  underline: false,
  strike: false,
  inverse: false,
};

const ESC = '\u001b';
const CSI8 = '\u009b';

function isPlain(style: AnsiStyle): boolean {
  return (
    style.fg === null &&
    style.bg === null &&
    !style.bold &&
    !style.dim &&
    !style.italic &&
    !style.underline &&
    !style.strike &&
    !style.inverse
  );
}

/** The 256-colour palette: 0–15 stay themed, 16–231 a 6×6×6 cube, 232–255 a grey ramp. */
export function color256(index: number): AnsiColor | null {
  if (!Number.isInteger(index) || index < 0 || index > 255) return null;
  if (index < 16) return { kind: 'palette', index };
  if (index < 232) {
    const cube = index - 16;
    const level = (n: number) => (n === 0 ? 0 : 55 + n * 40);
    return {
      kind: 'rgb',
      r: level(Math.floor(cube / 36)),
      g: level(Math.floor(cube / 6) % 6),
      b: level(cube % 6),
    };
  }
  const grey = 8 + (index - 232) * 10;
  return { kind: 'rgb', r: grey, g: grey, b: grey };
}

const byte = (value: number | undefined) =>
  value !== undefined && Number.isInteger(value) && value >= 0 && value <= 255;

function extendedColor(values: number[]): AnsiColor | null {
  const [mode, ...rest] = values;
  if (mode === 5) return color256(rest[0] ?? -1);
  if (mode === 2 && rest.length >= 3 && rest.slice(0, 3).every(byte)) {
    return { kind: 'rgb', r: rest[0]!, g: rest[1]!, b: rest[2]! };
  }
  return null;
}

const toNumber = (part: string) => (part === '' ? 0 : Number(part));

/** Applies one SGR parameter list ("1;31", "38;5;208", "38:2::255:0:0", "") to a style. */
export function applySgr(style: AnsiStyle, params: string): AnsiStyle {
  const groups = params === '' ? ['0'] : params.split(';');
  let next = { ...style };
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i]!;
    const colon = group.indexOf(':');
    const code = toNumber(colon === -1 ? group : group.slice(0, colon));
    if (code === 38 || code === 48) {
      let color: AnsiColor | null;
      if (colon !== -1) {
        // ITU form in one group: 38:5:n, 38:2:r:g:b or 38:2:<colour space>:r:g:b.
        const sub = group.split(':').slice(1).map(toNumber);
        color = sub[0] === 2 && sub.length >= 5 ? extendedColor([2, ...sub.slice(2)]) : extendedColor(sub);
      } else {
        const mode = toNumber(groups[i + 1] ?? '');
        const take = mode === 5 ? 2 : mode === 2 ? 4 : groups.length;
        color = extendedColor(groups.slice(i + 1, i + 1 + take).map(toNumber));
        i += take;
      }
      if (color && code === 38) next.fg = color;
      if (color && code === 48) next.bg = color;
      continue;
    }
    if (code === 0) next = { ...plain };
    else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 3) next.italic = true;
    else if (code === 4) next.underline = true;
    else if (code === 7) next.inverse = true;
    else if (code === 9) next.strike = true;
    else if (code === 21 || code === 22) next = { ...next, bold: false, dim: false };
    else if (code === 23) next.italic = false;
    else if (code === 24) next.underline = false;
    else if (code === 27) next.inverse = false;
    else if (code === 29) next.strike = false;
    else if (code >= 30 && code <= 37) next.fg = { kind: 'palette', index: code - 30 };
    else if (code >= 90 && code <= 97) next.fg = { kind: 'palette', index: code - 90 + 8 };
    else if (code >= 40 && code <= 47) next.bg = { kind: 'palette', index: code - 40 };
    else if (code >= 100 && code <= 107) next.bg = { kind: 'palette', index: code - 100 + 8 };
    else if (code === 39) next.fg = null;
    else if (code === 49) next.bg = null;
    // Anything else (blink, fonts, frames, …) is ignored.
  }
  return next;
}

/** Characters that need more than copying: escapes, C0/C1 controls (tab aside), DEL. */
// eslint-disable-next-line no-control-regex
const special = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const plainRun = /[^\u0000-\u0008\u000a-\u001f\u007f-\u009f]+/y;

/** Within a CSI sequence: parameter bytes 0-?, intermediate bytes space-/, the final byte @-~. */
const isParameter = (code: number) => code >= 0x30 && code <= 0x3f;
const isIntermediate = (code: number) => code >= 0x20 && code <= 0x2f;
const isFinal = (code: number) => code >= 0x40 && code <= 0x7e;

/** Splits a line into styled segments; escape sequences other than SGR and control characters vanish. */
export function parseAnsi(text: string): AnsiSegment[] {
  // Most lines have nothing to interpret.
  if (!special.test(text)) return text === '' ? [] : [{ text, style: null }];
  const segments: AnsiSegment[] = [];
  let style = plain;
  let buffer = '';

  const flush = () => {
    if (buffer === '') return;
    const last = segments[segments.length - 1];
    const shown = isPlain(style) ? null : style;
    if (last && last.style === shown) last.text += buffer;
    else segments.push({ text: buffer, style: shown });
    buffer = '';
  };

  let i = 0;
  while (i < text.length) {
    plainRun.lastIndex = i;
    const run = plainRun.exec(text);
    if (run) {
      buffer += run[0];
      i += run[0].length;
      continue;
    }
    const ch = text[i]!;
    if (ch === ESC || ch === CSI8) {
      const isCsi = ch === CSI8 || text[i + 1] === '[';
      if (isCsi) {
        let j = i + (ch === CSI8 ? 1 : 2);
        const paramsStart = j;
        while (j < text.length && isParameter(text.charCodeAt(j))) j++;
        const paramsEnd = j;
        while (j < text.length && isIntermediate(text.charCodeAt(j))) j++;
        if (j < text.length && isFinal(text.charCodeAt(j))) {
          if (text[j] === 'm' && paramsEnd === j) {
            flush();
            style = applySgr(style, text.slice(paramsStart, paramsEnd));
          }
          i = j + 1;
        } else {
          i = j; // an unfinished sequence: drop what was read
        }
        continue;
      }
      const next = text[i + 1];
      if (next === ']' || next === 'P' || next === '^' || next === '_' || next === 'X') {
        // OSC / DCS / PM / APC strings end with BEL or ESC \ (hyperlinks keep their visible text).
        let j = i + 2;
        while (j < text.length && text[j] !== '\u0007' && !(text[j] === ESC && text[j + 1] === '\\')) j++;
        i = j >= text.length ? j : text[j] === '\u0007' ? j + 1 : j + 2;
        continue;
      }
      // Two- or three-character escapes (ESC 7, ESC ( B, …).
      let j = i + 1;
      while (j < text.length && isIntermediate(text.charCodeAt(j))) j++;
      i = Math.min(text.length, j + 1);
      continue;
    }
    if (ch === '\r') {
      // A carriage return redraws the line (progress bars): keep what was drawn last.
      if (i + 1 < text.length && text[i + 1] !== '\n') {
        buffer = '';
        segments.length = 0;
      }
      i++;
      continue;
    }
    if (ch === '\b') buffer = buffer.slice(0, -1);
    i++; // any other control character is dropped
  }
  flush();
  return segments;
}

/** The text a line shows, without any escape codes (for copy, download and search highlights). */
export function stripAnsi(text: string): string {
  // Fast path: most lines have no escapes or control characters at all.
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(text)) return text;
  return parseAnsi(text)
    .map((segment) => segment.text)
    .join('');
}
