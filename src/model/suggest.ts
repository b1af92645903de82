/** "Did you mean …?" for a misspelt name: the closest candidate by edit distance, if close. */

/** Damerau-Levenshtein (optimal string alignment) distance: edits, counting a swap of neighbours as one. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** `did you mean 'x'?` for the closest candidate (ignoring case) within a third of its length, else null. */
export function didYouMean(input: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const dist = distance(input.toLowerCase(), c.toLowerCase());
    if (dist < bestDistance && dist <= Math.max(1, Math.floor(c.length / 3))) [best, bestDistance] = [c, dist];
  }
  return best === null || best === input ? null : `did you mean '${best}'?`;
}
