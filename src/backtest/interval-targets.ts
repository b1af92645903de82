/**
 * The intervals a calibrated model's draws should reproduce: the backtest's own out-of-sample
 * errors of the cohort method (the model file is the cohort model, not the combination), as
 * `carecast forecast` calibrates its intervals: the backtest run with `origin` as its latest
 * origin and the `FORECAST_WARMUP` origins before it, whose forecasts' outcomes are published by
 * `origin`; quantiles of log(actual / forecast) over each council's volatility, pooled across
 * councils by series and horizon, times this council's volatility.
 */
import type { Council } from '../io/published.js';
import { backtest, TARGETS, type Target } from './backtest.js';
import { errorQuantiles, volatilities } from './choose.js';
import { FORECAST_WARMUP } from './forecast.js';

/** One series' target: the 10, 25, 75 and 90% quantiles of log(actual / forecast) at each horizon. */
export interface SeriesTarget {
  series: Target;
  /** `[h - 1]` = [q10, q25, q75, q90] at horizon h. */
  quantiles: number[][];
  /** The council's volatility of the series at the origin (the pooled quantiles are scaled by it). */
  volatility: number;
}

/** The targets of `council` from origin `origin`, horizons 1..`horizon`; null for a series the backtest cannot calibrate. */
export async function cohortIntervalTargets(everyone: Council[], council: Council, origin: number, opts: { horizon?: number; trend?: boolean; onProgress?: (done: number, total: number) => void } = {}): Promise<Record<Target, SeriesTarget | null>> {
  const horizon = opts.horizon ?? 3;
  const { history } = await backtest(everyone, { origins: [origin], horizon, warmup: FORECAST_WARMUP, england: everyone, trend: opts.trend, onProgress: opts.onProgress });
  const out = {} as Record<Target, SeriesTarget | null>;
  for (const series of TARGETS) {
    const volatility = volatilities(everyone, series, origin).get(council.code) ?? 0.1;
    const quantiles = Array.from({ length: horizon }, (_, h) => errorQuantiles(history, series, 'cohort', origin, h + 1));
    out[series] = quantiles.every((q) => q !== null) ? { series, volatility, quantiles: quantiles.map((q) => q!.map((z) => z * volatility)) } : null;
  }
  return out;
}
