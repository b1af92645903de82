/**
 * "Did you mean …?" for a misspelt name: the closest of the known names by Damerau-Levenshtein
 * distance (optimal string alignment: insert, delete, substitute, swap two neighbours).
 */

/** Edits (insert, delete, substitute, swap adjacent) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The closest candidate as "did you mean 'x'?", or null when none is close: at most one edit for
 * names of up to four characters, two up to eight, three beyond (case is ignored). A tie between
 * two candidates gives the first in `candidates`' order.
 */
export function didYouMean(input: string, candidates: readonly string[]): string | null {
  const needle = input.toLowerCase();
  const limit = needle.length <= 4 ? 1 : needle.length <= 8 ? 2 : 3;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === input) continue;
    const d = editDistance(needle, c.toLowerCase());
    if (d <= limit && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best === null ? null : `did you mean '${best}'?`;
}

/** `message`, followed by ": did you mean 'x'?" when a candidate is close to `input`. */
export function withSuggestion(message: string, input: string, candidates: readonly string[]): string {
  const hint = didYouMean(input, candidates);
  return hint ? `${message}: ${hint}` : message;
}
