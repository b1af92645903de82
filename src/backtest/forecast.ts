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

/** A sum of councils' point forecasts: England, or one of DfE's regions. */
export interface AreaSum {
  /** GSS code: E92000001 England, E12… a region, E13000001/2 Inner/Outer London. */
  code: string;
  name: string;
  year: number;
  series: Target;
  forecast: number;
  councils: number;
}

/**
 * GSS codes of DfE's regions as the published series names them (London split into Inner and
 * Outer, whose codes are ONS's E13 pair).
 */
export const REGION_CODES: Record<string, string> = {
  'North East': 'E12000001',
  'North West': 'E12000002',
  'Yorkshire and The Humber': 'E12000003',
  'East Midlands': 'E12000004',
  'West Midlands': 'E12000005',
  'East of England': 'E12000006',
  'Inner London': 'E13000001',
  'Outer London': 'E13000002',
  'South East': 'E12000008',
  'South West': 'E12000009',
};

/** DfE's order of regions (London after the East of England); regions it does not know last. */
function regionOrder(name: string): number {
  const i = Object.keys(REGION_CODES).indexOf(name);
  return i < 0 ? Infinity : i;
}

/** The forecasts of some councils from the latest published year, and England's and each region's as their sums. */
export interface LatestForecast {
  origin: number;
  rows: ForecastRow[];
  /** The councils' forecasts summed by year and series (point forecasts only): England first, then each region of the councils forecast. */
  areas: AreaSum[];
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
  const regionOf = new Map(councils.map((c) => [c.code, c.region]));
  const regions = [...new Set(councils.map((c) => c.region).filter((r): r is string => r !== undefined))].sort((a, b) => regionOrder(a) - regionOrder(b) || a.localeCompare(b));
  const areas = [{ code: 'E92000001', name: 'England', in: (_: string) => true }, ...regions.map((r) => ({ code: REGION_CODES[r] ?? r, name: r, in: (la: string) => regionOf.get(la) === r }))];
  const sums: AreaSum[] = [];
  for (const area of areas) {
    for (let h = 1; h <= horizon; h++) {
      for (const series of TARGETS) {
        const at = rows.filter((r) => r.series === series && r.year === origin + h && area.in(r.la_code));
        sums.push({ code: area.code, name: area.name, year: origin + h, series, forecast: at.reduce((a, r) => a + r.forecast, 0), councils: at.length });
      }
    }
  }
  return { origin, rows, areas: sums, chosen: result.chosen, skipped: result.skipped.filter((s) => wanted.has(s.la_code)) };
}
