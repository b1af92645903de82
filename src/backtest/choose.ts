/**
 * The forecast method per series, and its intervals, from the backtest's own out-of-sample
 * errors. Only forecasts whose target year is at most the origin count (made at earlier origins
 * and already known then), so nothing is chosen or calibrated on the years it is scored on.
 */
import { quantileSorted } from 'simple-statistics';
import type { Council } from '../io/published.js';
import { MEAN_YEARS, type StockSeries } from './methods.js';

/** The methods compared; `combination` is the equal-weight mean of the cohort model (shrunk where it can be), the last value, the panel and (not for children in care) reversion: see `combine`. `cohort_shrunk` is last so that columns read by position keep their place. */
export const METHODS = ['combination', 'cohort', 'naive_last', 'reversion', 'panel', 'cohort_shrunk'] as const;
export type Method = (typeof METHODS)[number];

/** The method used where no earlier forecast has been scored yet (fixed in advance). */
export const DEFAULT_METHOD: Method = 'combination';

/** One council's forecasts of one series and year from one origin, by method. */
export interface Candidate {
  la_code: string;
  origin: number;
  year: number;
  series: StockSeries;
  actual: number | null;
  forecasts: Partial<Record<Method, number>>;
  /** The council's volatility of this series at the origin (shrunk; see `volatilities`). */
  volatility: number;
}

/**
 * The equal-weight combination: the cohort model (its council's own part shrunk, `shrink.ts`;
 * the cohort model as it is where no shrunk forecast was made: a last value or cohort forecast of
 * 0, or too few councils), the last value and the panel model, and for plans and CIN reversion to
 * the council's mean too (children in care do not revert).
 */
export function combine(series: StockSeries, f: Partial<Record<Method, number>>): number | undefined {
  const cohort = f.cohort_shrunk ?? f.cohort;
  const parts = [cohort, ...(['naive_last', 'panel', ...(series === 'cla' ? [] : ['reversion'])] as Method[]).map((m) => f[m])].filter((v): v is number => v !== undefined);
  return parts.length ? parts.reduce((a, v) => a + v, 0) / parts.length : undefined;
}

/** Forecasts known at `origin`: made at an earlier origin, for a year up to `origin`, with an actual. */
function known(history: Candidate[], series: StockSeries, origin: number): Candidate[] {
  return history.filter((r) => r.series === series && r.origin < origin && r.year <= origin && r.actual !== null && r.actual > 0);
}

/** Earlier origins a method must beat the combination at, every one of them, to replace it. */
export const MIN_ORIGINS = 2;

/**
 * The method for a series at `origin`: the combination, unless another method had a lower mean
 * absolute percentage error than the combination at every earlier origin with forecasts known
 * at `origin`, and there are at least `MIN_ORIGINS` of them (several: the lowest overall). One
 * lucky year does not replace a combination, which is rarely far off (the M3 and M4 lesson).
 */
export function chooseMethod(history: Candidate[], series: StockSeries, origin: number): Method {
  const rows = known(history, series, origin).filter((r) => r.forecasts.combination !== undefined);
  const origins = [...new Set(rows.map((r) => r.origin))];
  if (origins.length < MIN_ORIGINS) return DEFAULT_METHOD;
  const mape = (rs: Candidate[], m: Method) => rs.reduce((a, r) => a + Math.abs(r.forecasts[m]! - r.actual!) / r.actual!, 0) / rs.length;
  let best: Method = DEFAULT_METHOD;
  let bestError = Infinity;
  for (const m of METHODS) {
    if (m === DEFAULT_METHOD) continue;
    const both = rows.filter((r) => r.forecasts[m] !== undefined);
    const wins = origins.every((o) => {
      const at = both.filter((r) => r.origin === o);
      return at.length > 0 && mape(at, m) < mape(at, DEFAULT_METHOD);
    });
    if (wins && mape(both, m) < bestError) [best, bestError] = [m, mape(both, m)];
  }
  return best;
}

/** Fewest scored forecasts a horizon's error quantiles are taken from. */
export const MIN_ERRORS = 30;

/**
 * Quantiles (10, 25, 75, 90%) of the errors of `method` at `horizon`, as log(actual / forecast)
 * over the council's volatility, from forecasts known at `origin`. With too few at this horizon,
 * the longest shorter horizon that has enough, widened as a random walk (× √(h / h')). Null
 * when no horizon has enough.
 */
export function errorQuantiles(history: Candidate[], series: StockSeries, method: Method, origin: number, horizon: number): number[] | null {
  const rows = known(history, series, origin).filter((r) => r.forecasts[method] !== undefined && r.forecasts[method]! > 0);
  for (let h = horizon; h >= 1; h--) {
    const z = rows.filter((r) => r.year - r.origin === h).map((r) => Math.log(r.actual! / r.forecasts[method]!) / r.volatility).sort((a, b) => a - b);
    if (z.length < MIN_ERRORS) continue;
    const widen = Math.sqrt(horizon / h);
    return [0.1, 0.25, 0.75, 0.9].map((q) => quantileSorted(z, q) * widen);
  }
  return null;
}

/** Changes in a council's log figures over the `MEAN_YEARS` years up to `origin`. */
function logChanges(c: Council, series: StockSeries, origin: number): number[] {
  const out: number[] = [];
  for (let y = origin - MEAN_YEARS + 1; y <= origin; y++) {
    const a = c.years.get(y - 1)?.values[series];
    const b = c.years.get(y)?.values[series];
    if (a && b) out.push(Math.log(b / a));
  }
  return out;
}

/** Weight, in years of changes, of the pooled volatility in each council's. */
export const VOLATILITY_PRIOR = 4;

/**
 * Each council's volatility of a series at `origin`: the root mean square of its yearly changes
 * in log figures, shrunk towards every council's pooled value (worth `VOLATILITY_PRIOR` years),
 * so a council with few or calm years is not given intervals of nothing.
 */
export function volatilities(councils: Council[], series: StockSeries, origin: number): Map<string, number> {
  const changes = councils.map((c) => [c.code, logChanges(c, series, origin)] as const);
  const all = changes.flatMap(([, x]) => x);
  const pooled = all.length ? all.reduce((a, v) => a + v * v, 0) / all.length : 0.01;
  return new Map(changes.map(([code, x]) => [code, Math.sqrt((x.reduce((a, v) => a + v * v, 0) + VOLATILITY_PRIOR * pooled) / (x.length + VOLATILITY_PRIOR))]));
}
