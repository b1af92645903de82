/**
 * Fitting a calibrated council model's year shocks to target intervals: the model is written
 * (with shocks of sd 0, so it has one matrix set per year) into a temporary folder beside its
 * population file, compiled, and its shocks fitted by `fitShocks`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileModel } from '../engine/compile.js';
import type { Council } from '../io/published.js';
import { parseModel } from '../model/load.js';
import type { Calibration } from './fit.js';
import { fitShocks, INTERVAL_SERIES, shockJacobian, type FittedShock, type IntervalSeries } from './intervals.js';
import { calibratedModelFiles } from './model-file.js';
import type { HazardTrend } from './trend.js';

/** Year shocks for the calibrated model of `council` whose 80% log-widths match `targets` (per series, horizons 1..H). */
export async function fitCalibratedShocks(council: Council, cal: Calibration, trend: HazardTrend | null, targets: Record<IntervalSeries, number[]>): Promise<FittedShock[]> {
  const H = targets.cla.length;
  const zero = INTERVAL_SERIES.map((series) => ({ series, sd: 0, persistence: 0, target: targets[series], fitted: targets[series] }));
  const dir = mkdtempSync(join(tmpdir(), 'carecast-intervals-'));
  try {
    const { yaml, csv } = calibratedModelFiles(council, cal, 'population.csv', trend, Math.max(H, 3), { shocks: zero, source: [] });
    writeFileSync(join(dir, 'population.csv'), csv);
    const model = parseModel(yaml, join(dir, 'model.yaml'));
    const { plan } = await compileModel(model);
    return fitShocks(shockJacobian(model, plan, H), targets);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
