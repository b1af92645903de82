/**
 * Year shocks fitted to target intervals (`carecast calibrate --intervals`), specified: the
 * calibrated model's own draws (`run --draws 2000`) give 80% intervals whose widths at 1-3 years
 * are within ±20% of the targets the shocks were fitted to; the AR(1) quadratic form is the
 * variance worked out by hand.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { calibrate } from '../../src/calibrate/fit.js';
import { fitCalibratedShocks } from '../../src/calibrate/interval-fit.js';
import { ar1Quadratic, INTERVAL_SERIES, SHOCKED } from '../../src/calibrate/intervals.js';
import { calibratedModelFiles } from '../../src/calibrate/model-file.js';
import { exitTrend } from '../../src/calibrate/trend.js';
import { readPublishedSeries } from '../../src/io/published.js';
import { loadModel } from '../../src/model/load.js';
import { monteCarlo } from '../../src/uncertainty/montecarlo.js';

const FILE = join(import.meta.dirname, '../../data/published/la_timeseries_2013_2022.csv');

describe('year shocks fitted to intervals', () => {
  it('AR(1) quadratic form: Var(x_1 + x_2) with persistence ρ is 1 + (1 + ρ²) + 2ρ', () => {
    // x_1 = z_1, x_2 = ρ z_1 + z_2: Var x_1 = 1, Var x_2 = 1 + ρ², Cov = ρ.
    expect(ar1Quadratic([1, 1], 0.5)).toBeCloseTo(1 + 1.25 + 1, 12);
    expect(ar1Quadratic([0, 1], 0)).toBe(1);
    expect(ar1Quadratic([2, 0, 0], 0.9)).toBe(4);
  });

  it('give draws whose 80% intervals are within ±20% of the targets at 1-3 years (Gloucestershire, 2000 draws)', async () => {
    const councils = readPublishedSeries(FILE);
    const council = councils.get('E10000013')!;
    const cal = await calibrate(council, 2018, 2022);
    const trend = exitTrend(councils.values(), 2022);
    // Widths of the 80% interval of log(actual / forecast), the order of the backtest's for a
    // county (README, 'Published figures'): plans the widest, care the narrowest.
    const targets = { cla: [0.12, 0.2, 0.27], cpp: [0.45, 0.62, 0.72], cin: [0.22, 0.3, 0.36] };
    const shocks = await fitCalibratedShocks(council, cal, trend, targets);
    const dir = mkdtempSync(join(tmpdir(), 'carecast-intervals-test-'));
    try {
      const { yaml, csv } = calibratedModelFiles(council, cal, 'population.csv', trend, 10, { shocks, source: ['test'] });
      writeFileSync(join(dir, 'population.csv'), csv);
      writeFileSync(join(dir, 'model.yaml'), yaml);
      const model = loadModel(join(dir, 'model.yaml'));
      const mc = await monteCarlo(model, [], { draws: 2000, seed: 1 });
      const f = model.states.length + 4;
      const per = mc.periods.length * f;
      for (const series of INTERVAL_SERIES) {
        const states = SHOCKED[series].stock.map((id) => model.states.findIndex((s) => s.id === id));
        for (let h = 1; h <= 3; h++) {
          const xs = Array.from({ length: mc.draws }, (_, d) => states.reduce((a, s) => a + mc.figures[d * per + (h - 1) * f + s], 0)).sort((a, b) => a - b);
          const width = Math.log(quantileSorted(xs, 0.9) / quantileSorted(xs, 0.1));
          expect(width / targets[series][h - 1], `${series} at ${h} years: ${width.toFixed(3)} against ${targets[series][h - 1]}`).toBeGreaterThan(0.8);
          expect(width / targets[series][h - 1], `${series} at ${h} years: ${width.toFixed(3)} against ${targets[series][h - 1]}`).toBeLessThan(1.2);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
