// Fuzzy-ish matching for the command palette: every word typed must appear in order (letters may be
// skipped, "dep stag" finds "Deploy to staging"); matches at word starts and in one run score higher.

export interface FuzzyMatch {
  score: number;
  /** Indexes of the matched characters in the text, for highlighting. */
  indexes: number[];
}

const isWordStart = (text: string, index: number) =>
  index === 0 || /[\s\-_./:·→(]/.test(text[index - 1] ?? '');

/** One query word against the text from `from`: subsequence match with a score, or null. */
function matchWord(text: string, lower: string, word: string, from: number): FuzzyMatch | null {
  // Prefer a contiguous occurrence at a word start, then anywhere contiguous, then a subsequence.
  let best: FuzzyMatch | null = null;
  let at = lower.indexOf(word, from);
  while (at !== -1) {
    const score = word.length * 3 + (isWordStart(text, at) ? 10 : 0) - at * 0.01;
    if (!best || score > best.score) {
      best = { score, indexes: Array.from({ length: word.length }, (_, i) => at + i) };
    }
    at = lower.indexOf(word, at + 1);
  }
  if (best) return best;
  const indexes: number[] = [];
  let position = from;
  let score = 0;
  for (const char of word) {
    const found = lower.indexOf(char, position);
    if (found === -1) return null;
    score += isWordStart(text, found) ? 3 : found === position && indexes.length > 0 ? 2 : 0.5;
    indexes.push(found);
    position = found + 1;
  }
  return { score, indexes };
}

/** How well `query` matches `text`; null when it does not. An empty query matches everything (score 0). */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { score: 0, indexes: [] };
  const lower = text.toLowerCase();
  let score = 0;
  const indexes: number[] = [];
  // Words may match in any order (so "production deploy" finds "Deploy … to production"), each once.
  for (const word of words) {
    const match = matchWord(text, lower, word, 0);
    if (!match) return null;
    score += match.score;
    indexes.push(...match.indexes);
  }
  return { score, indexes: [...new Set(indexes)].sort((a, b) => a - b) };
}

export interface Ranked<T> {
  item: T;
  match: FuzzyMatch;
}

/** Items matching the query, best first (ties keep their order), at most `limit`. */
export function fuzzyFilter<T>(
  items: readonly T[],
  query: string,
  text: (item: T) => string,
  limit = Infinity,
): Ranked<T>[] {
  const ranked: (Ranked<T> & { order: number })[] = [];
  items.forEach((item, order) => {
    const match = fuzzyMatch(query, text(item));
    if (match) ranked.push({ item, match, order });
  });
  ranked.sort((a, b) => b.match.score - a.match.score || a.order - b.order);
  return ranked.slice(0, limit).map(({ item, match }) => ({ item, match }));
}
