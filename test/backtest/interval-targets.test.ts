/**
 * The intervals `calibrate --intervals` fits a model's year shocks to, specified: the 10/90%
 * quantiles of log(actual / forecast) of the cohort method's own forecasts known by the origin
 * (not the combination's), each over its council's volatility, pooled, times this council's
 * volatility; and nothing after the origin changes them.
 */
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { backtest } from '../../src/backtest/backtest.js';
import { volatilities } from '../../src/backtest/choose.js';
import { FORECAST_WARMUP } from '../../src/backtest/forecast.js';
import { cohortIntervalTargets } from '../../src/backtest/interval-targets.js';
import { readPublishedSeries } from '../../src/io/published.js';

const FILE = 'data/published/la_timeseries_2013_2022.csv';

describe('interval targets for a calibrated model', () => {
  // The first 24 unitary councils (E06…): enough forecasts (30 a horizon, from two or three origins) to pool.
  const all = [...readPublishedSeries(FILE).values()].filter((c) => c.code.startsWith('E06')).sort((x, y) => x.code.localeCompare(y.code)).slice(0, 24);
  const council = all.find((c) => c.code === 'E06000023')!; // Bristol

  it("are the cohort method's pooled error quantiles times the council's volatility, and see nothing after the origin", async () => {
    const altered = all.map((c) => ({ ...c, years: new Map([...c.years].map(([y, row]) => [y, y > 2019 ? { ...row, values: Object.fromEntries(Object.entries(row.values).map(([k, v]) => [k, v * 1.5])) } : row])) }));
    const [a, b, bt] = await Promise.all([
      cohortIntervalTargets(all, council, 2019, { horizon: 2 }),
      cohortIntervalTargets(altered, altered.find((c) => c.code === council.code)!, 2019, { horizon: 2 }),
      backtest(all, { origins: [2019], horizon: 2, warmup: FORECAST_WARMUP, england: all }),
    ]);
    expect(b).toEqual(a);
    // By hand from the backtest's candidates: one-year cohort forecasts made before 2019.
    const z = bt.history
      .filter((c) => c.series === 'cla' && c.origin < 2019 && c.year === c.origin + 1 && c.actual !== null && c.actual > 0)
      .map((c) => Math.log(c.actual! / c.forecasts.cohort!) / c.volatility)
      .sort((x, y) => x - y);
    expect(z.length).toBeGreaterThanOrEqual(30);
    const vol = volatilities(all, 'cla', 2019).get(council.code)!;
    expect(a.cla!.volatility).toBe(vol);
    expect(a.cla!.quantiles[0][0]).toBeCloseTo(quantileSorted(z, 0.1) * vol, 12);
    expect(a.cla!.quantiles[0][3]).toBeCloseTo(quantileSorted(z, 0.9) * vol, 12);
    for (const s of ['cin', 'cpp', 'cla'] as const) for (const q of a[s]!.quantiles) {
      expect(q[0]).toBeLessThan(q[1]);
      expect(q[1]).toBeLessThan(q[2]);
      expect(q[2]).toBeLessThan(q[3]);
    }
  }, 180_000);
});
