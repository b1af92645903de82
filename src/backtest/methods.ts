/**
 * Statistical forecasts of a council's rate per child, beside the cohort model's: the last value
 * carried forward, reversion to the council's own mean rate, and a panel model pooled across
 * councils. Each is fitted only on years up to the origin, and holds the population at the
 * origin's (as the cohort model does), so a forecast is a rate times that population.
 */
import { lusolve } from 'mathjs';
import type { Council } from '../io/published.js';

/** A stock series forecast. */
export type StockSeries = 'cin' | 'cpp' | 'cla';

/** Years of a council's own rates its mean is taken over (at most, up to the origin). */
export const MEAN_YEARS = 6;

/** A council's rate per child in `year`, or null where the figure or the population is missing. */
export function rateOf(c: Council, series: StockSeries, year: number): number | null {
  const y = c.years.get(year);
  const v = y?.values[series];
  return y && y.population && v !== undefined && v > 0 ? v / y.population : null;
}

/** The mean log rate of a council over the `MEAN_YEARS` years up to `origin`, or null without two years. */
function meanLogRate(c: Council, series: StockSeries, origin: number): number | null {
  const logs: number[] = [];
  for (let y = origin - MEAN_YEARS + 1; y <= origin; y++) {
    const r = rateOf(c, series, y);
    if (r !== null) logs.push(Math.log(r));
  }
  return logs.length >= 2 ? logs.reduce((a, v) => a + v, 0) / logs.length : null;
}

/** England's rate (every council's figures over their population) by year, for years up to `origin`. */
function englandLogRates(councils: Council[], series: StockSeries, origin: number): Map<number, number> {
  const sums = new Map<number, [number, number]>();
  for (const c of councils) {
    for (const [year, y] of c.years) {
      const v = y.values[series];
      if (year > origin || v === undefined || !y.population) continue;
      const s = sums.get(year) ?? [0, 0];
      sums.set(year, [s[0] + v, s[1] + y.population]);
    }
  }
  return new Map([...sums].map(([y, [v, p]]) => [y, Math.log(v / p)]));
}

/**
 * Reversion to the council's own mean (log) rate: the gap from it shrinks by `rho` a year. `rho`
 * is pooled across councils on years up to the origin (`reversionRate`).
 */
export function reversionForecast(c: Council, series: StockSeries, origin: number, horizon: number, rho: number): number[] | null {
  const r = rateOf(c, series, origin);
  const m = meanLogRate(c, series, origin);
  const pop = c.years.get(origin)?.population;
  if (r === null || m === null || !pop) return null;
  return Array.from({ length: horizon }, (_, h) => Math.exp(m + rho ** (h + 1) * (Math.log(r) - m)) * pop);
}

/**
 * How much of a council's gap from its own mean log rate is left a year later, pooled across
 * councils over the years up to `origin` (least squares through the origin, within 0 and 1).
 */
export function reversionRate(councils: Council[], series: StockSeries, origin: number): number {
  let sxy = 0;
  let sxx = 0;
  for (const c of councils) {
    for (let y = origin - MEAN_YEARS + 1; y < origin; y++) {
      // The mean as known in year y, as a forecast from y would know it.
      const m = meanLogRate(c, series, y);
      if (m === null) continue;
      const a = rateOf(c, series, y);
      const b = rateOf(c, series, y + 1);
      if (a === null || b === null) continue;
      sxy += (Math.log(a) - m) * (Math.log(b) - m);
      sxx += (Math.log(a) - m) ** 2;
    }
  }
  return sxx > 0 ? Math.min(1, Math.max(0, sxy / sxx)) : 1;
}

/** A panel model fitted across councils: coefficients on [1, last change, gap from England, gap from own mean (not for cla)]. */
export interface PanelModel {
  series: StockSeries;
  origin: number;
  beta: number[];
  england: number;
}

/**
 * The regressors of a council-year: [1, last year's change in log rate, gap from England, gap
 * from the own mean]; children in care do not revert to their own mean (issue 14), so theirs has
 * no last term.
 */
function regressors(c: Council, series: StockSeries, year: number, england: Map<number, number>, mean: number): number[] | null {
  const now = rateOf(c, series, year);
  const before = rateOf(c, series, year - 1);
  const e = england.get(year);
  if (now === null || before === null || e === undefined) return null;
  const x = [1, Math.log(now / before), Math.log(now) - e];
  return series === 'cla' ? x : [...x, Math.log(now) - mean];
}

/**
 * Fits next year's change in log rate on last year's change, the gap from England's rate and the
 * gap from the council's own mean, by least squares across councils, on years whose next year is
 * at most `origin`. Null with too few council-years.
 */
export function fitPanel(councils: Council[], series: StockSeries, origin: number): PanelModel | null {
  const england = englandLogRates(councils, series, origin);
  const k = series === 'cla' ? 3 : 4;
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  let count = 0;
  for (const c of councils) {
    for (let y = origin - MEAN_YEARS + 2; y < origin; y++) {
      // The mean as known in year y, as a forecast from y would know it.
      const m = meanLogRate(c, series, y);
      if (m === null) continue;
      const x = regressors(c, series, y, england, m);
      const next = rateOf(c, series, y + 1);
      if (!x || next === null) continue;
      const target = Math.log(next / rateOf(c, series, y)!);
      for (let i = 0; i < k; i++) {
        xty[i] += x[i] * target;
        for (let j = 0; j < k; j++) xtx[i][j] += x[i] * x[j];
      }
      count++;
    }
  }
  if (count < 20) return null;
  const beta = (lusolve(xtx, xty) as number[][]).map((r) => r[0]);
  return { series, origin, beta, england: england.get(origin) ?? NaN };
}

/** The panel model's forecast for a council, stepping the change year by year (England held at the origin's rate). */
export function panelForecast(model: PanelModel, c: Council, horizon: number): number[] | null {
  const { series, origin, beta } = model;
  const m = meanLogRate(c, series, origin);
  const pop = c.years.get(origin)?.population;
  const now = rateOf(c, series, origin);
  const before = rateOf(c, series, origin - 1);
  if (m === null || !pop || now === null || before === null || Number.isNaN(model.england)) return null;
  let log = Math.log(now);
  let change = Math.log(now / before);
  const out: number[] = [];
  for (let h = 0; h < horizon; h++) {
    change = beta[0] + beta[1] * change + beta[2] * (log - model.england) + (beta[3] ?? 0) * (log - m);
    log += change;
    out.push(Math.exp(log) * pop);
  }
  return out;
}
