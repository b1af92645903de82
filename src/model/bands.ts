/** Age bands: parsing labels such as `0-4` or `17`, and checking they cover 0-17. */
import type { AgeBand } from './types.js';

/** Oldest age a child is counted at; at 18 a child leaves the model. */
export const MAX_AGE = 17;

/** Parses `a-b` or `a` into a band, or returns null. */
export function parseBand(label: string): AgeBand | null {
  const m = /^\s*(\d{1,2})\s*(?:-\s*(\d{1,2}))?\s*$/.exec(String(label));
  if (!m) return null;
  const from = +m[1];
  const to = m[2] === undefined ? from : +m[2];
  return to >= from ? { label: m[2] === undefined ? `${from}` : `${from}-${to}`, from, to } : null;
}

/** The band list `0-17` as single years, for models that state `ages.bands: single`. */
export function singleYearBands(): AgeBand[] {
  return Array.from({ length: MAX_AGE + 1 }, (_, a) => ({ label: `${a}`, from: a, to: a }));
}

/** Why a list of bands does not cover 0-17 exactly once in order, or null when it does. */
export function bandCoverageProblem(bands: AgeBand[]): string | null {
  let next = 0;
  for (const b of bands) {
    if (b.from !== next) return `band ${b.label} should start at age ${next}`;
    next = b.to + 1;
  }
  return next === MAX_AGE + 1 ? null : `the bands end at ${next - 1}, not at ${MAX_AGE}`;
}

/** Width of a band in years. */
export function bandWidth(b: AgeBand): number {
  return b.to - b.from + 1;
}
