/** The trend in the hazard of leaving care: hazards by hand, England's from the published file, and the model file that carries it. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_DAMPING, exitHazards, exitTrend } from '../../src/calibrate/trend.js';
import { readPublishedSeries, type Council } from '../../src/io/published.js';
import { runCli } from '../helpers.js';

const FILE = 'data/published/la_timeseries_2013_2022.csv';

/** A council with children in care `cla` at 31 March of 2015 on, and starts and exits in each year. */
function council(code: string, cla: number[], starts: number[], ceased: number[]): Council {
  const c: Council = { code, name: code, years: new Map() };
  cla.forEach((v, i) => c.years.set(2015 + i, { year: 2015 + i, population: 10_000, values: { cla: v, ...(i > 0 && { cla_starts: starts[i - 1], cla_ceased: ceased[i - 1] }) } }));
  return c;
}

describe('exit hazards', () => {
  it('exits over children at risk (in care at the start plus half the starts), summed over councils', () => {
    // A, 2016: 40 exits / (100 + 40 / 2) = 1/3; B, 2016: 10 / (50 + 20 / 2) = 1/6; together 50 / 180.
    const a = council('A', [100, 100, 105], [40, 45], [40, 40]);
    const b = council('B', [50, 60, 58], [20, 12], [10, 14]);
    const h = exitHazards([a, b], 2017);
    expect(h.get(2016)).toBeCloseTo(50 / 180, 12);
    // 2017: A 40 / (100 + 22.5), B 14 / (60 + 6): 54 / 188.5
    expect(h.get(2017)).toBeCloseTo(54 / 188.5, 12);
    expect(exitHazards([a, b], 2016).has(2017)).toBe(false); // nothing after the year asked for
  });

  it("the trend is the slope of the log hazard, damped, from the origin's financial year", () => {
    // Hazards 0.4, 0.4 e^-0.1, 0.4 e^-0.2: the log falls 0.1 a year.
    const c: Council = { code: 'X', name: 'X', years: new Map() };
    c.years.set(2015, { year: 2015, population: 1, values: { cla: 1000 } });
    [0.4, 0.4 * Math.exp(-0.1), 0.4 * Math.exp(-0.2)].forEach((h, i) => c.years.set(2016 + i, { year: 2016 + i, population: 1, values: { cla: 1000, cla_starts: 0, cla_ceased: h * 1000 } }));
    const t = exitTrend([c], 2018)!;
    expect(t.change).toBeCloseTo(-0.1, 12);
    expect(t).toMatchObject({ damping: EXIT_DAMPING, from: 2018 });
    expect(exitTrend([c], 2016)).toBeNull(); // one year of hazards
  });

  it("England's hazard of leaving care fell from 0.374 (2016) to 0.302 (2021), as issue 14 found", () => {
    const h = exitHazards(readPublishedSeries(FILE).values(), 2022);
    expect(h.get(2016)!).toBeCloseTo(0.374, 3);
    expect(h.get(2021)!).toBeCloseTo(0.302, 3);
  });
});

describe('the calibrated model file', () => {
  it('carries the trend as transitions.by_year, and runs; --trend none writes constant rates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-trend-'));
    const out = join(dir, 'glos.yaml');
    expect((await runCli('calibrate', '--series', FILE, '--la', 'E10000013', '--from', '2019', '--to', '2022', '--out', out, '-q')).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/by_year:.*\n\s+- \{ from: cic, to: \[universal, cin\], trend: \{ change: -0\.\d+, damping: 0\.7, from: 2022 \} \}/);
    const trended = await runCli('run', out, '--years', '3', '-f', 'csv');
    expect(trended.code).toBe(0);
    const flat = join(dir, 'flat.yaml');
    expect((await runCli('calibrate', '--series', FILE, '--la', 'E10000013', '--from', '2019', '--to', '2022', '--trend', 'none', '--out', flat, '-q')).code).toBe(0);
    expect(readFileSync(flat, 'utf8')).not.toContain('by_year');
    // A falling exit hazard keeps more children in care by the third year.
    const inCare = (csv: string) => Number(csv.split('\n').find((l) => l.startsWith('2024/25,') && l.includes(',cic,all,children_end,'))!.split(',')[6]);
    expect(inCare(trended.stdout)).toBeGreaterThan(inCare((await runCli('run', flat, '--years', '3', '-f', 'csv')).stdout));
    expect((await runCli('calibrate', '--series', FILE, '--la', 'E10000013', '--from', '2019', '--to', '2022', '--trend', 'dampd')).stderr).toContain("did you mean 'damped'");
  });
});
