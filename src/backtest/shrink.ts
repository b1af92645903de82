/**
 * The cohort model's forecast with its council's own part shrunk. A council's cohort forecast
 * changes its last value by England's dynamics (every council's mean change) plus a part of its
 * own: its calibrated rates' pull away from its current stock. On the published data that own
 * part barely foretells what happens (children looked after: a slope of 0.1-0.2 on the outcome;
 * CIN: none), while the mean change carries the longer stays in care. So the council's part is
 * shrunk by the slope it has earned on forecasts already known at the origin, like an empirical
 * Bayes estimate: nothing of a year after the origin is used.
 */
import type { Candidate } from './choose.js';
import type { StockSeries } from './methods.js';

/** Fewest councils forecast from an origin for their mean change to stand for every council's. */
export const MIN_COUNCILS = 20;

/** Fewest known forecasts a slope is fitted on; with fewer, the council's own part is left out (w = 0). */
export const MIN_PAIRS = 30;

/** Key of a series, origin and horizon. */
const key = (series: StockSeries, origin: number, horizon: number) => `${series}|${origin}|${horizon}`;

/** log(a / b) where both are positive finite numbers, else null. */
function logRatio(a: number | null | undefined, b: number | null | undefined): number | null {
  return typeof a === 'number' && typeof b === 'number' && a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b) ? Math.log(a / b) : null;
}

/** Log change from the last value of the cohort model's forecast, or null where either is missing. */
const cohortChange = (c: Candidate) => logRatio(c.forecasts.cohort, c.forecasts.naive_last);

/** How far a forecast's series moved from its last value, in logs, or null where unknown. */
const actualChange = (c: Candidate) => logRatio(c.actual, c.forecasts.naive_last);

/** Mean of `f` and how many it is over, by series, origin and horizon (entries where `f` is null left out). */
function meansBy(history: Candidate[], f: (c: Candidate) => number | null): Map<string, { mean: number; n: number }> {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const c of history) {
    const v = f(c);
    if (v === null) continue;
    const k = key(c.series, c.origin, c.year - c.origin);
    const s = sums.get(k) ?? { sum: 0, n: 0 };
    s.sum += v;
    s.n++;
    sums.set(k, s);
  }
  return new Map([...sums].map(([k, { sum, n }]) => [k, { mean: sum / n, n }]));
}

/**
 * The weight a council's own part of the cohort change earns at `origin`: the least-squares
 * slope (through the origin, within 0 and 1) of the outcome's departure from every council's
 * mean outcome on the cohort's departure from every council's mean forecast, over forecasts of
 * `series` made before `origin` for years up to it. 0 where fewer than `MIN_PAIRS` are known.
 *
 * @example shrinkageWeight(history, 'cla', 2019) // 0.10 on the published data: the mean change is kept, the council's own is mostly not
 */
export function shrinkageWeight(history: Candidate[], series: StockSeries, origin: number, pooled = meansBy(history, cohortChange), outcomes = meansBy(history, actualChange)): number {
  let sxy = 0;
  let sxx = 0;
  let n = 0;
  for (const c of history) {
    if (c.series !== series || c.origin >= origin || c.year > origin) continue;
    const x = cohortChange(c);
    const y = actualChange(c);
    if (x === null || y === null) continue;
    const k = key(series, c.origin, c.year - c.origin);
    const dx = x - pooled.get(k)!.mean;
    sxy += dx * (y - outcomes.get(k)!.mean);
    sxx += dx * dx;
    n++;
  }
  return n >= MIN_PAIRS && sxx > 0 ? Math.min(1, Math.max(0, sxy / sxx)) : 0;
}

/**
 * Adds `cohort_shrunk` to every candidate that has a cohort forecast: its last value × exp(the
 * mean cohort change of every council from the same origin at the same horizon + w × this
 * council's departure from it), w from `shrinkageWeight` at the candidate's origin. Where fewer
 * than `MIN_COUNCILS` councils were forecast from an origin (a backtest of a few councils), their
 * mean does not stand for England's and nothing is added: the combination takes the cohort model
 * as it is. Returns the weights by series and origin, null where nothing was added.
 */
export function addShrunkCohort(history: Candidate[]): Map<string, number | null> {
  const pooled = meansBy(history, cohortChange);
  const outcomes = meansBy(history, actualChange);
  const weights = new Map<string, number | null>();
  for (const c of history) {
    const x = cohortChange(c);
    if (x === null) continue;
    const w = `${c.series}|${c.origin}`;
    if (!weights.has(w)) weights.set(w, null);
    const group = pooled.get(key(c.series, c.origin, c.year - c.origin))!;
    if (group.n < MIN_COUNCILS) continue;
    const weight = weights.get(w) ?? shrinkageWeight(history, c.series, c.origin, pooled, outcomes);
    weights.set(w, weight);
    c.forecasts.cohort_shrunk = c.forecasts.naive_last! * Math.exp(group.mean + weight * (x - group.mean));
  }
  return weights;
}

/** Names of the series in a sentence. */
const SERIES_WORDS: Record<StockSeries, string> = { cla: 'children looked after', cpp: 'plans', cin: 'CIN' };

/**
 * The shares in words, by series, for the origins scored.
 *
 * @example shrinkageWords(new Map([['cla|2017', 0.214]]), [2017]) // "children looked after 0.21 from 2017; …"
 */
export function shrinkageWords(weights: Map<string, number | null>, origins: number[]): string {
  const word = (w: number | null | undefined) => (w === null ? `not shrunk (fewer than ${MIN_COUNCILS} councils forecast)` : (w ?? 0).toFixed(2));
  return (['cla', 'cpp', 'cin'] as StockSeries[])
    .map((s) => `${SERIES_WORDS[s]} ${origins.map((o) => `${word(weights.get(`${s}|${o}`))} from ${o}`).join(', ')}`)
    .join('; ');
}
