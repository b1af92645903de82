/** Backtesting: naive forecasts and scores on constructed cases, and a run on real councils. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORECAST_COLUMNS, naiveForecasts, type ForecastRow } from '../../src/backtest/backtest.js';
import { ape, score } from '../../src/backtest/score.js';
import type { Council } from '../../src/io/published.js';
import { runCli } from '../helpers.js';

const FILE = 'data/published/la_timeseries_2013_2022.csv';

describe('naive forecasts', () => {
  it('last value and a straight line through the last five years', () => {
    // cla 2015-2019: 10, 12, 14, 16, 18 → last 18; the line rises 2 a year: 2021 → 22.
    const c: Council = { code: 'X', name: 'X', years: new Map() };
    [10, 12, 14, 16, 18].forEach((v, i) => c.years.set(2015 + i, { year: 2015 + i, population: 1000, values: { cla: v } }));
    const f = naiveForecasts(c, 'cla', 2019, 2021)!;
    expect(f.last).toBe(18);
    expect(f.trend).toBeCloseTo(22, 10);
  });
});

describe('scores', () => {
  const row = (la: string, forecast: number, last: number, trend: number, actual: number): ForecastRow => ({
    la_code: la, origin: 2019, year: 2020, series: 'cla', actual, forecast, lower50: null, upper50: null, lower80: null, upper80: null, naive_last: last, naive_trend: trend,
  });

  it('APE, MAPE, bias and councils won, worked by hand', () => {
    // council A: carecast 110 vs actual 100 → 10%; last 95 → 5%; trend 130 → 30%
    // council B: carecast 90 vs actual 100 → 10%; last 80 → 20%; trend 100 → 0%
    expect(ape(110, 100)).toBeCloseTo(10, 12);
    const [s] = score([row('A', 110, 95, 130, 100), row('B', 90, 80, 100, 100)]);
    expect(s.mape).toEqual({ forecast: 10, naive_last: 12.5, naive_trend: 15 });
    expect(s.bias.forecast).toBeCloseTo(0, 12); // +10% and −10%
    expect(s.beats).toEqual({ naive_last: 1, naive_trend: 1 }); // A loses to last, B loses to trend
    expect(s.coverage50).toBeNull();
  });
});

describe('carecast backtest on real councils', () => {
  it('writes summary.md, summary.csv and forecasts.csv with the published columns; actual blank beyond the data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-bt-'));
    const r = await runCli('backtest', '--series', FILE, '--origin', '2020..2021', '--horizon', '2', '--la', 'E10000013', 'E06000023', '--draws', '50', '--out', dir, '-q');
    expect(r.code).toBe(0);
    const lines = readFileSync(join(dir, 'forecasts.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe(FORECAST_COLUMNS.join(','));
    // 2 councils × 2 origins × 2 years × 3 series
    expect(lines).toHaveLength(1 + 24);
    const cells = (l: string) => l.split(',');
    const beyond = lines.filter((l) => cells(l)[2] === '2023');
    expect(beyond.length).toBe(6);
    for (const l of beyond) expect(cells(l)[4]).toBe('');
    const glos2021 = lines.find((l) => l.startsWith('E10000013,2020,2021,cpp,'))!;
    expect(cells(glos2021)[4]).toBe('702'); // the published figure
    expect(Number(cells(glos2021)[6])).toBeLessThan(Number(cells(glos2021)[7])); // lower50 < upper50
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('| cla | 1 |');
    expect(summary).toContain('## Skipped (0)');
    const councils = readFileSync(join(dir, 'councils.csv'), 'utf8').trim().split('\n');
    expect(councils[0]).toBe('la_code,series,horizon,origins,ape_forecast,ape_naive_last,ape_naive_trend');
    expect(councils.some((l) => l.startsWith('E10000013,cla,1,2,'))).toBe(true);
  });

  it('skips a council that lacks the figures, with the reason, and exits 2 on a bad origin', async () => {
    const r = await runCli('backtest', '--series', FILE, '--origin', '2017', '--horizon', '1', '--la', 'E09000001');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## Skipped (1)');
    expect(r.stdout).toContain('| E09000001 City of London | 2017 | 2017: no cpp');
    expect((await runCli('backtest', '--series', FILE, '--origin', '2019..2017')).code).toBe(2);
  });

  it('calibrate refuses a window whose last year lacks the stocks (Hackney 2021-22 after a cyber attack), writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-cal-'));
    const out = join(dir, 'hackney.yaml');
    const r = await runCli('calibrate', '--series', FILE, '--la', 'E09000012', '--from', '2016', '--to', '2022', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('2022: no cin');
    expect(existsSync(out)).toBe(false);
  });

  it('calibrate writes a model that runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-cal-'));
    const out = join(dir, 'glos.yaml');
    const r = await runCli('calibrate', '--series', FILE, '--la', 'E10000013', '--from', '2016', '--to', '2022', '--out', out, '-q');
    expect(r.code).toBe(0);
    const run = await runCli('run', out, '--years', '3', '-f', 'csv');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2022/23,2022-04-01,2023-04-01,cic,all,children_end');
  });
});
