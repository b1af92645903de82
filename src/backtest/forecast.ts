/**
 * The forecast a user wants: from the latest published year, by the backtested method and with
 * its calibrated intervals. It is the backtest run with the latest year as its origin: every
 * council is forecast from the three origins before it too, so the method of each series and
 * its intervals are chosen and calibrated on forecasts whose outcomes are published.
 */
import type { Council } from '../io/published.js';
import { backtest, TARGETS, type Chosen, type ForecastRow, type Skipped, type Target } from './backtest.js';

/** Origins before the latest year whose forecasts choose the method and calibrate the intervals. */
export const FORECAST_WARMUP = 3;

/** The forecasts of some councils from the latest published year, and England's as their sum. */
export interface LatestForecast {
  origin: number;
  rows: ForecastRow[];
  /** The councils' forecasts summed by year and series (point forecasts only). */
  england: { year: number; series: Target; forecast: number; councils: number }[];
  chosen: Chosen[];
  skipped: Skipped[];
}

/** Forecasts `councils` `horizon` years from the last year of `everyone`'s figures. */
export async function latestForecast(everyone: Council[], councils: Council[], horizon: number, onProgress?: (done: number, total: number) => void): Promise<LatestForecast> {
  const origin = Math.max(...everyone.flatMap((c) => [...c.years.keys()]));
  // The method and intervals are pooled across every council, so every council is forecast.
  const result = await backtest(everyone, { origins: [origin], horizon, warmup: FORECAST_WARMUP, england: everyone, onProgress });
  const wanted = new Set(councils.map((c) => c.code));
  const rows = result.rows.filter((r) => wanted.has(r.la_code));
  const england: LatestForecast['england'] = [];
  for (let h = 1; h <= horizon; h++) {
    for (const series of TARGETS) {
      const at = rows.filter((r) => r.series === series && r.year === origin + h);
      england.push({ year: origin + h, series, forecast: at.reduce((a, r) => a + r.forecast, 0), councils: at.length });
    }
  }
  return { origin, rows, england, chosen: result.chosen, skipped: result.skipped.filter((s) => wanted.has(s.la_code)) };
}
