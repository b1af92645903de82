/** `carecast forecast`: forecasts from the latest published year by the backtested method, with calibrated intervals. */
import { describe, expect, it } from 'vitest';
import { latestForecast } from '../../src/backtest/forecast.js';
import { readPublishedSeries } from '../../src/io/published.js';
import { runCli } from '../helpers.js';

const FILE = 'data/published/la_timeseries_2013_2022.csv';

describe('the latest forecast', () => {
  it('starts from the last published year, gives each year ahead with ordered intervals, and sums England and each region', async () => {
    // 20 councils stand in for all (the pooled fits need at least 20 council-years, the intervals 30 errors).
    const everyone = [...readPublishedSeries(FILE).values()].filter((c) => /^E0600000[1-9]$|^E060000[1-2][0-9]$/.test(c.code));
    // Hartlepool and Middlesbrough (North East), Kingston upon Hull (Yorkshire and The Humber)
    const three = everyone.filter((c) => ['E06000001', 'E06000002', 'E06000010'].includes(c.code));
    const f = await latestForecast(everyone, three, 5);
    expect(f.origin).toBe(2022);
    expect(f.rows).toHaveLength(3 * 5 * 3);
    for (const r of f.rows) {
      expect(r.actual).toBeNull();
      expect(r.lower80!).toBeLessThanOrEqual(r.lower50!);
      expect(r.lower50!).toBeLessThanOrEqual(r.upper50!);
      expect(r.upper50!).toBeLessThanOrEqual(r.upper80!);
    }
    // 80% intervals widen with the horizon.
    const cla = f.rows.filter((r) => r.la_code === 'E06000001' && r.series === 'cla');
    expect(cla[4].upper80! - cla[4].lower80!).toBeGreaterThan(cla[0].upper80! - cla[0].lower80!);
    const sumOf = (codes: string[]) => f.rows.filter((r) => r.year === 2025 && r.series === 'cla' && codes.includes(r.la_code)).reduce((a, r) => a + r.forecast, 0);
    const area = (code: string) => f.areas.find((x) => x.code === code && x.year === 2025 && x.series === 'cla')!;
    expect(area('E92000001')).toMatchObject({ name: 'England', councils: 3 });
    expect(area('E92000001').forecast).toBe(sumOf(['E06000001', 'E06000002', 'E06000010']));
    expect(area('E12000001')).toMatchObject({ name: 'North East', councils: 2 });
    expect(area('E12000001').forecast).toBe(sumOf(['E06000001', 'E06000002']));
    expect(area('E12000003')).toMatchObject({ name: 'Yorkshire and The Humber', councils: 1 });
    expect(area('E12000003').forecast).toBe(sumOf(['E06000010']));
    // only the regions of the councils forecast
    expect(new Set(f.areas.map((x) => x.code))).toEqual(new Set(['E92000001', 'E12000001', 'E12000003']));
  });
});

describe('carecast forecast', () => {
  it('refuses a bad horizon and an unknown council before any work', async () => {
    const h = await runCli('forecast', '--series', FILE, '--la', 'E10000013', '--horizon', '11');
    expect(h.code).toBe(2);
    expect(h.stderr).toContain('--horizon must be a whole number of years from 1 to 10');
    const la = await runCli('forecast', '--series', FILE, '--la', 'E1000013');
    expect(la.code).toBe(2);
    expect(la.stderr).toContain("did you mean 'E10000013'?");
  });
});
