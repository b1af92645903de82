/** `carecast calibrate --intervals`: the backtest's intervals for the council, and year shocks fitted to them. */
import { cohortIntervalTargets, type SeriesTarget } from '../backtest/interval-targets.js';
import { FORECAST_WARMUP } from '../backtest/forecast.js';
import type { Calibration } from '../calibrate/fit.js';
import { fitCalibratedShocks } from '../calibrate/interval-fit.js';
import { INTERVAL_SERIES, SHOCKED, type IntervalSeries } from '../calibrate/intervals.js';
import type { ShockSection } from '../calibrate/model-file.js';
import type { HazardTrend } from '../calibrate/trend.js';
import { UsageError } from '../errors.js';
import type { Council } from '../io/published.js';
import type { Table } from '../report/tables.js';
import { progressBar } from './draws.js';

/** Horizons the intervals are fitted at. */
export const INTERVAL_HORIZON = 3;

/** The backtest's targets for `council` from origin `to`, and the year shocks fitted to them. */
export async function calibratedIntervals(everyone: Council[], council: Council, cal: Calibration, to: number, trend: HazardTrend | null, trended: boolean, quiet?: boolean): Promise<{ section: ShockSection; note: string }> {
  const progress = progressBar(quiet);
  let targets: Record<IntervalSeries, SeriesTarget | null>;
  try {
    targets = await cohortIntervalTargets(everyone, council, to, { horizon: INTERVAL_HORIZON, trend: trended, onProgress: progress.onProgress });
  } finally {
    progress.stop();
  }
  const missing = INTERVAL_SERIES.filter((s) => targets[s] === null);
  if (missing.length) {
    throw new UsageError(`--intervals: the backtest has too few forecasts before ${to} to calibrate the intervals of ${missing.join(', ')}`, `Choose a later --to: the ${FORECAST_WARMUP} origins before it need published outcomes by ${to}.`);
  }
  const widths = Object.fromEntries(INTERVAL_SERIES.map((s) => [s, targets[s]!.quantiles.map((q) => q[3] - q[0])])) as Record<IntervalSeries, number[]>;
  const shocks = await fitCalibratedShocks(council, cal, trend, widths);
  const origins = `${to - FORECAST_WARMUP}-${to - 1}`;
  const quantiles = (s: IntervalSeries) => targets[s]!.quantiles.map((q) => `${q[0].toFixed(3)}/${q[3] >= 0 ? '+' : ''}${q[3].toFixed(3)}`).join(', ');
  const source = [
    `Year shocks fitted by \`carecast calibrate --intervals\` (src/calibrate/intervals.ts) so that the model's`,
    `draws (run --draws) give the 80% intervals the backtest measured for the cohort method: 10%/90%`,
    `quantiles of log(actual / forecast) of its forecasts from origins ${origins} (outcomes to ${to}),`,
    `pooled across the ${everyone.length} councils in the file by series and horizon, times this council's`,
    `volatility of yearly log changes (${INTERVAL_SERIES.map((s) => `${s} ${targets[s]!.volatility.toFixed(3)}`).join(', ')}). 10%/90% quantiles at 1, 2, 3 years:`,
    ...INTERVAL_SERIES.map((s) => `  ${s}: ${quantiles(s)}`),
    `Each shock is an AR(1) in the log factor on the moves named, sd a year and persistence fitted`,
    `by a linearisation of this model; the widths below are the linearised ones.`,
  ];
  const note = `Targets: the 10% and 90% quantiles of log(actual ÷ forecast) of the cohort model's forecasts from origins ${origins}, pooled across ${everyone.length} councils by series and horizon and scaled by this council's volatility; the fitted widths are the linearised model's (run --draws gives them to within sampling and linearisation error). Written as uncertainty.year_shocks with --out.`;
  return { section: { shocks, source }, note };
}

/** The fitted shocks as a table: series, moves, sd, persistence, target and fitted 80% widths. */
export function intervalTable(s: ShockSection, note: string): Table {
  const pct = (w: number) => `±${((Math.exp(w / 2) - 1) * 100).toFixed(1)}%`;
  return {
    title: 'Year shocks fitted to the backtest\'s 80% intervals',
    columns: ['Series', 'Moves shocked', 'sd a year', 'Persistence', ...[1, 2, 3].flatMap((h) => [`Target ${h}y`, `Fitted ${h}y`])],
    rows: s.shocks.map((x) => [x.series, SHOCKED[x.series].label, x.sd.toFixed(3), x.persistence.toFixed(2), ...x.target.flatMap((t, h) => [pct(t), pct(x.fitted[h])])]),
    totalRows: [],
    note: `Widths of the 80% interval as ± the half-width of its log, as a percentage. ${note}`,
  };
}
