// Splits styled segments where a search query matches (case-insensitively), so matches can be marked.
import type { AnsiSegment, AnsiStyle } from './ansi.ts';

export interface Piece {
  text: string;
  style: AnsiStyle | null;
  match: boolean;
}

const MAX_MATCHES = 200;

export function highlightQuery(segments: readonly AnsiSegment[], query: string): Piece[] {
  const plain = segments.map((segment) => ({ ...segment, match: false }));
  if (query === '') return plain;
  const full = segments.map((segment) => segment.text).join('');
  const lower = full.toLowerCase();
  const needle = query.toLowerCase();
  // Lower-casing that changes the length (rare scripts) would shift offsets: then mark nothing.
  if (lower.length !== full.length || needle.length === 0) return plain;
  const ranges: [number, number][] = [];
  for (
    let at = lower.indexOf(needle);
    at !== -1 && ranges.length < MAX_MATCHES;
    at = lower.indexOf(needle, at + needle.length)
  ) {
    ranges.push([at, at + needle.length]);
  }
  if (ranges.length === 0) return plain;

  const pieces: Piece[] = [];
  let offset = 0;
  let range = 0;
  for (const segment of segments) {
    const end = offset + segment.text.length;
    let cursor = offset;
    while (cursor < end) {
      const current = ranges[range];
      if (!current || current[0] >= end) {
        pieces.push({ text: full.slice(cursor, end), style: segment.style, match: false });
        cursor = end;
      } else if (cursor < current[0]) {
        pieces.push({ text: full.slice(cursor, current[0]), style: segment.style, match: false });
        cursor = current[0];
      } else {
        const stop = Math.min(end, current[1]);
        pieces.push({ text: full.slice(cursor, stop), style: segment.style, match: true });
        cursor = stop;
        if (stop === current[1]) range++;
      }
    }
    offset = end;
  }
  return pieces;
}
