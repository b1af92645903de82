/** Age bands: parsing labels such as `0-4` or `17`, and checking they cover the model's age range (0-17 by default). */
import { withSuggestion } from './suggest.js';
import type { AgeBand } from './types.js';

/** Oldest age a child is counted at by default; at 18 a child leaves the model. */
export const MAX_AGE = 17;

/** Ages a model counts, inclusive (`ages.range`). */
export interface AgeRange {
  from: number;
  to: number;
}

/** The default range: children aged 0-17. */
export const DEFAULT_RANGE: AgeRange = { from: 0, to: MAX_AGE };

/** Parses `a-b` or `a` into a band, or returns null. */
export function parseBand(label: string): AgeBand | null {
  const m = /^\s*(\d{1,2})\s*(?:-\s*(\d{1,2}))?\s*$/.exec(String(label));
  if (!m) return null;
  const from = +m[1];
  const to = m[2] === undefined ? from : +m[2];
  return to >= from ? { label: m[2] === undefined ? `${from}` : `${from}-${to}`, from, to } : null;
}

/** The range as single years (`0`, `1`, … `17` by default), for models that state `ages.bands: single`. */
export function singleYearBands(range: AgeRange = DEFAULT_RANGE): AgeBand[] {
  return Array.from({ length: range.to - range.from + 1 }, (_, i) => ({ label: `${range.from + i}`, from: range.from + i, to: range.from + i }));
}

/** Why a list of bands does not cover the range (0-17 by default) exactly once in order, or null when it does. */
export function bandCoverageProblem(bands: AgeBand[], range: AgeRange = DEFAULT_RANGE): string | null {
  let next = range.from;
  for (const b of bands) {
    if (b.from !== next) return `band ${b.label} should start at age ${next}`;
    next = b.to + 1;
  }
  return next === range.to + 1 ? null : `the bands end at ${next - 1}, not at ${range.to}`;
}

/** Width of a band in years. */
export function bandWidth(b: AgeBand): number {
  return b.to - b.from + 1;
}

/**
 * `message` with a hint for an unknown band label: the one band it falls within or overlaps
 * (`5-16` → `5-17`), the list of bands it is made of (`0-9` → `[0-4, 5-9]`), or for a label that
 * is not a band at all the closest label by spelling. Plain `message` when nothing fits.
 */
export function withBandSuggestion(message: string, label: string, bands: readonly AgeBand[]): string {
  const b = parseBand(label);
  if (!b) return withSuggestion(message, String(label), bands.map((x) => x.label));
  const overlapping = bands.filter((x) => x.from <= b.to && x.to >= b.from);
  if (overlapping.length === 1) return `${message}: did you mean '${overlapping[0].label}'?`;
  if (overlapping.length > 1 && overlapping[0].from === b.from && overlapping[overlapping.length - 1].to === b.to) {
    return `${message}: did you mean [${overlapping.map((x) => x.label).join(', ')}]?`;
  }
  return message;
}
