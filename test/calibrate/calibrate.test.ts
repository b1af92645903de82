/**
 * Calibration to published figures: the reader on the real DfE/ONS file, the probability
 * transform, recovery of known rates from figures the model itself produced, and the fit to a
 * real council.
 */
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrate, seriesOf } from '../../src/calibrate/fit.js';
import { councilModel, MOVES, NATIONAL, parametersOf, probabilities } from '../../src/calibrate/structure.js';
import { compileModel } from '../../src/engine/compile.js';
import { runPlan } from '../../src/engine/kernel.js';
import { InputParseError } from '../../src/errors.js';
import { readPublishedSeries, type Council } from '../../src/io/published.js';

const FILE = 'data/published/la_timeseries_2013_2022.csv';

describe('published series', () => {
  it('reads the real file: 131 councils, Gloucestershire as domain.md quotes it', () => {
    const councils = readPublishedSeries(FILE);
    expect(councils.size).toBe(131);
    const glos = councils.get('E10000013')!;
    expect(glos.name).toBe('Gloucestershire');
    // domain.md: CPP 453 in March 2017; CiC 613 (Mar 2017) — the DfE figure at 31 March 2017 is 611
    expect(glos.years.get(2017)!.values.cpp).toBe(453);
    expect(glos.years.get(2017)!.values.cla).toBe(611);
    expect(glos.years.get(2013)!.values.cla).toBeUndefined(); // CLA published from 2015
  });

  it('refuses a bad number and a missing column, naming the line and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-series-'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'la_code,year,population_0_17,cin\nE1,2019,1000,12\nE1,2020,1000,twelve\n');
    try {
      readPublishedSeries(bad);
      expect.fail('should refuse');
    } catch (e) {
      expect(e).toBeInstanceOf(InputParseError);
      expect((e as InputParseError).issues[0]).toMatchObject({ location: { file: bad, line: 3 }, path: 'cin', message: "'twelve' is not a count" });
    }
    const missing = join(dir, 'missing.csv');
    writeFileSync(missing, 'la_code,year,cin\nE1,2019,12\n');
    expect(() => readPublishedSeries(missing)).toThrow(InputParseError);
  });
});

describe('the probability scale', () => {
  it('maps any parameters to rows that are probabilities summing to at most 1, and back (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -12, max: 3, noNaN: true }), { minLength: MOVES.length, maxLength: MOVES.length }), (theta) => {
        const p = probabilities(theta);
        for (let from = 0; from < 4; from++) {
          const out = MOVES.reduce((a, m, i) => (m[0] === from ? a + p[i] : a), 0);
          expect(out).toBeLessThan(1);
        }
        parametersOf(p).forEach((t, i) => expect(Math.abs(t - theta[i])).toBeLessThan(1e-9));
      }),
      { numRuns: 200 },
    );
  });
});

describe('recovering known rates', () => {
  it('figures produced by the model with known rates are fitted within 1%, and what they identify is recovered within 10%', async () => {
    // A synthetic council: population 100,000 flat; stocks at 31 March 2015 near England's rates;
    // later years are what the model produces with rates `truth` (not England's), so the truth is known.
    const truth = NATIONAL.map((p, i) => p * [1.3, 0.8, 1.2, 0.9, 1.1, 0.7, 1.2, 0.9, 1.3, 0.8, 1.1][i]);
    const council: Council = { code: 'X1', name: 'Synthetic', years: new Map() };
    for (let y = 2014; y <= 2020; y++) council.years.set(y, { year: y, population: 100_000, values: y === 2015 ? { cin: 3300, cpp: 450, cla: 700 } : {} });
    const { plan } = await compileModel(councilModel(council, 2015, 5, truth));
    const s = seriesOf(plan, runPlan(plan));
    for (let k = 0; k < 5; k++) {
      council.years.get(2016 + k)!.values = { cin: s.cin[k], cpp: s.cpp[k], cla: s.cla[k], cin_starts: s.cin_starts[k], cpp_starts: s.cpp_starts[k], cla_starts: s.cla_starts[k], cla_ceased: s.cla_ceased[k] };
    }
    const cal = await calibrate(council, 2015, 2020);
    for (const pt of cal.points) expect(Math.abs(pt.fitted - pt.observed) / pt.observed, `${pt.series} ${pt.year}`).toBeLessThan(0.01);
    // Published figures identify entry rates and each state's total rate of leaving, not every
    // route out (a plan ending to universal or to CIN look alike in them): check those.
    const close = (a: number, b: number, what: string) => expect(Math.abs(a - b) / b, what).toBeLessThan(0.1);
    const out = (p: number[], from: number) => MOVES.reduce((t, m, i) => (m[0] === from ? t + p[i] : t), 0);
    close(cal.p[0], truth[0], 'universal to CIN');
    close(cal.p[4], truth[4], 'CIN to a plan');
    for (const [state, name] of [[1, 'CIN'], [2, 'plan'], [3, 'care']] as const) close(out(cal.p, state), out(truth, state), `leaving ${name}`);
  });
});

describe('a real council', () => {
  it('Gloucestershire 2016-2022: children in care fitted within 5% on average, plans within 15%', async () => {
    const glos = readPublishedSeries(FILE).get('E10000013')!;
    const cal = await calibrate(glos, 2016, 2022);
    const mape = (s: string) => {
      const pts = cal.points.filter((p) => p.series === s);
      return pts.reduce((a, p) => a + Math.abs(p.fitted - p.observed) / p.observed, 0) / pts.length;
    };
    expect(mape('cla')).toBeLessThan(0.05);
    expect(mape('cpp')).toBeLessThan(0.15);
    expect(cal.referralsPerCinStart).toBeGreaterThan(1);
  });
});
