/**
 * Choosing the method and calibrating intervals on the backtest's own errors: only forecasts
 * known at the origin count (made earlier, for a year up to the origin), so nothing is chosen on
 * the years it is scored on.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtest } from '../../src/backtest/backtest.js';
import { chooseMethod, combine, errorQuantiles, MIN_ERRORS, volatilities, type Candidate, type Method } from '../../src/backtest/choose.js';
import { readPublishedSeries, type Council } from '../../src/io/published.js';
import { runCli } from '../helpers.js';

const FILE = 'data/published/la_timeseries_2013_2022.csv';

/** A forecast of cpp from `origin` for `year`, with each method's value. */
const cand = (origin: number, year: number, actual: number | null, f: Partial<Record<Method, number>>, volatility = 0.1): Candidate => ({ la_code: 'A', origin, year, series: 'cpp', actual, forecasts: { combination: 100, ...f }, volatility });

describe('the combination', () => {
  it('averages the cohort model, the last value and the panel (and reversion, except for children in care)', () => {
    expect(combine('cla', { cohort: 90, naive_last: 100, panel: 110, reversion: 500 })).toBe(100);
    expect(combine('cpp', { cohort: 90, naive_last: 100, panel: 110, reversion: 140 })).toBe(110);
    expect(combine('cpp', { cohort: 90, naive_last: 110 })).toBe(100); // what applies
    // The cohort model with its council's own part shrunk takes the cohort model's place where it is known.
    expect(combine('cla', { cohort: 70, cohort_shrunk: 90, naive_last: 100, panel: 110 })).toBe(100);
  });
});

describe('choosing the method', () => {
  it('keeps the combination until another method beats it at every one of two earlier origins', () => {
    // naive_last is exact at 2016 → 2017 (combination 100 against 120 is 16.7% off).
    const one = [cand(2016, 2017, 120, { naive_last: 120 })];
    expect(chooseMethod(one, 'cpp', 2018)).toBe('combination'); // one origin is not enough
    const two = [...one, cand(2017, 2018, 120, { naive_last: 121 })];
    expect(chooseMethod(two, 'cpp', 2019)).toBe('naive_last');
    const lost = [...one, cand(2017, 2018, 100, { naive_last: 121 })];
    expect(chooseMethod(lost, 'cpp', 2019)).toBe('combination'); // lost at 2017
  });

  it('never looks at a year after the origin (a later year that would change the choice is not seen)', () => {
    const history = [cand(2016, 2017, 120, { naive_last: 120 }), cand(2017, 2018, 120, { naive_last: 121 })];
    // 2020 is not known at the origin 2019: naive_last's bad forecast of it must not count.
    const withFuture = [...history, cand(2017, 2020, 100, { naive_last: 500 }), cand(2018, 2020, 100, { naive_last: 500 })];
    expect(chooseMethod(withFuture, 'cpp', 2019)).toBe('naive_last');
    expect(chooseMethod(withFuture, 'cpp', 2020)).toBe('combination');
  });
});

describe('intervals from errors', () => {
  it('quantiles of log(actual ÷ forecast) over volatility; a longer horizon without errors widens a shorter one by √(h ÷ h′)', () => {
    // 40 one-year errors z = −0.195 … +0.195 in steps of 0.01 (log actual/forecast = z × 0.1).
    const history = Array.from({ length: 40 }, (_, i) => cand(2016, 2017, 100 * Math.exp((i - 19.5) * 0.001), {}));
    const q = errorQuantiles(history, 'cpp', 'combination', 2017, 1)!;
    // z sorted: −0.195 … 0.195; the 10% quantile interpolates at (40 − 1) × 0.1 = 3.9: −0.165 + 0.9 × 0.01 = −0.156
    expect(q[0]).toBeCloseTo(-0.156, 9);
    expect(q[3]).toBeCloseTo(0.156, 9);
    const q3 = errorQuantiles(history, 'cpp', 'combination', 2017, 3)!;
    q3.forEach((z, i) => expect(z).toBeCloseTo(q[i] * Math.sqrt(3), 9));
    expect(errorQuantiles(history.slice(0, MIN_ERRORS - 1), 'cpp', 'combination', 2017, 1)).toBeNull();
    expect(errorQuantiles(history, 'cpp', 'combination', 2016, 1)).toBeNull(); // not yet known in 2016
  });

  it("each council's volatility: its root mean square yearly change in log figures, shrunk towards the pooled value", () => {
    // A: plans 100, 110, 121 (two changes of log 1.1); B: 100, 100, 100 (two of 0).
    const c = (code: string, v: number[]): Council => ({ code, name: code, years: new Map(v.map((x, i) => [2015 + i, { year: 2015 + i, population: 1e4, values: { cpp: x } }])) });
    const vol = volatilities([c('A', [100, 110, 121]), c('B', [100, 100, 100])], 'cpp', 2017);
    const l = Math.log(1.1);
    const pooled = (2 * l * l) / 4;
    expect(vol.get('A')).toBeCloseTo(Math.sqrt((2 * l * l + 4 * pooled) / 6), 12);
    expect(vol.get('B')).toBeCloseTo(Math.sqrt((4 * pooled) / 6), 12);
  });
});

describe('no look-ahead in the backtest', () => {
  it('forecasts, methods and intervals from 2019 do not change when every figure after 2019 does', async () => {
    const all = [...readPublishedSeries(FILE).values()].filter((c) => /^E0600000[1-9]$/.test(c.code) || /^E0600001[0-9]$/.test(c.code));
    const altered = all.map((c) => ({ ...c, years: new Map([...c.years].map(([y, row]) => [y, y > 2019 ? { ...row, values: Object.fromEntries(Object.entries(row.values).map(([k, v]) => [k, v * 1.5])) } : row])) }));
    const opts = { origins: [2019], horizon: 2, warmup: 3 };
    const [a, b] = await Promise.all([backtest(all, opts), backtest(altered, opts)]);
    expect(a.rows.length).toBeGreaterThan(0);
    const strip = (rows: typeof a.rows) => rows.map(({ actual: _, ...r }) => r);
    expect(strip(b.rows)).toEqual(strip(a.rows));
    expect(b.chosen).toEqual(a.chosen);
  });
});

describe('carecast backtest files', () => {
  it('writes origins.csv (scores per origin) and components.csv (each method) beside the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-bt-'));
    const r = await runCli('backtest', '--series', FILE, '--origin', '2019', '--horizon', '1', '--la', 'E10000013', '--window', '3', '--trend', 'none', '--out', dir, '-q');
    expect(r.code).toBe(0);
    const components = readFileSync(join(dir, 'components.csv'), 'utf8').trim().split('\n');
    expect(components[0]).toBe('la_code,origin,year,series,actual,method,forecast,combination,cohort,naive_last,reversion,panel,cohort_shrunk');
    expect(components).toHaveLength(1 + 3);
    expect(readFileSync(join(dir, 'origins.csv'), 'utf8').split('\n')[1]).toMatch(/^cin,1,1,.*,2019$/);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('## By origin');
    expect((await runCli('backtest', '--series', FILE, '--origin', '2019', '--window', '0')).code).toBe(2);
  });
});
