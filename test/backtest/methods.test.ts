/** The statistical forecasts beside the cohort model: reversion to a council's mean and the pooled panel model, by hand. */
import { describe, expect, it } from 'vitest';
import { fitPanel, panelForecast, rateOf, reversionForecast, reversionRate } from '../../src/backtest/methods.js';
import type { Council } from '../../src/io/published.js';

/** A council with plans `cpp` in 2014 on, population 10,000. */
function council(code: string, cpp: number[], population = 10_000): Council {
  const c: Council = { code, name: code, years: new Map() };
  cpp.forEach((v, i) => c.years.set(2014 + i, { year: 2014 + i, population, values: { cpp: v } }));
  return c;
}

describe('reversion to the council\'s own mean', () => {
  it('the gap from the mean log rate shrinks by rho a year', () => {
    // Rates 0.004 and 0.009: mean log rate log 0.006; at the origin 0.009 is log 1.5 above it.
    // h = 1: 0.006 × 1.5^0.5 = 0.0073485 → 73.485 plans; h = 2: 0.006 × 1.5^0.25 = 0.0066402 → 66.402.
    const f = reversionForecast(council('A', [40, 90]), 'cpp', 2015, 2, 0.5)!;
    expect(f[0]).toBeCloseTo(60 * Math.sqrt(1.5), 9);
    expect(f[1]).toBeCloseTo(60 * 1.5 ** 0.25, 9);
    expect(reversionForecast(council('A', [90]), 'cpp', 2014, 2, 0.5)).toBeNull(); // one year: no mean
  });

  it('rho pooled across councils: a council whose gap halves each year gives 0.5', () => {
    // log rate gaps from the mean as known each year; built so each year's gap is half the last.
    // Rates r0, r1 with mean m1 = (l0 + l1) / 2 known in year 1; year 2 rate l2 with l2 − m1 = (l1 − m1) / 2.
    const l0 = Math.log(0.004);
    const l1 = Math.log(0.008);
    const m1 = (l0 + l1) / 2;
    const l2 = m1 + (l1 - m1) / 2;
    const c = council('A', [Math.exp(l0) * 1e4, Math.exp(l1) * 1e4, Math.exp(l2) * 1e4]);
    expect(reversionRate([c], 'cpp', 2016)).toBeCloseTo(0.5, 9);
    expect(reversionRate([c], 'cpp', 2014)).toBe(1); // no pairs yet: no reversion
  });
});

describe('the panel model', () => {
  it('recovers coefficients from figures made by a known model, and steps its forecast year by year', () => {
    // 30 councils whose next change in log rate is exactly 0.02 − 0.3 × (gap from England):
    // the least-squares fit must find [0.02, 0, −0.3, 0] (with England the councils' own rate).
    const councils: Council[] = [];
    for (let k = 0; k < 30; k++) {
      const logs = [Math.log(0.004 + 0.0002 * k), Math.log(0.004 + 0.00025 * k)];
      councils.push(council(`C${k}`, logs.map((l) => Math.exp(l) * 1e4)));
    }
    const england = (year: number) => {
      const sum = councils.reduce((a, c) => a + c.years.get(year)!.values.cpp!, 0);
      return Math.log(sum / (councils.length * 10_000));
    };
    for (let year = 2016; year <= 2019; year++) {
      const e = england(year - 1);
      for (const c of councils) {
        const last = Math.log(rateOf(c, 'cpp', year - 1)!);
        c.years.set(year, { year, population: 10_000, values: { cpp: Math.exp(last + 0.02 - 0.3 * (last - e)) * 1e4 } });
      }
    }
    const model = fitPanel(councils, 'cpp', 2019)!;
    [0.02, 0, -0.3, 0].forEach((b, i) => expect(model.beta[i]).toBeCloseTo(b, 6));
    // A council at England's rate with no change: each year +0.02 in log rate, less 0.3 × the gap it opens.
    const c = councils[0];
    const f = panelForecast(model, c, 2)!;
    let log = Math.log(rateOf(c, 'cpp', 2019)!);
    const e = model.england;
    const expected = [0, 1].map(() => (log += 0.02 - 0.3 * (log - e)));
    expect(f[0]).toBeCloseTo(Math.exp(expected[0]) * 1e4, 6);
    expect(f[1]).toBeCloseTo(Math.exp(expected[1]) * 1e4, 6);
  });

  it('is not fitted on fewer than 20 council-years', () => {
    expect(fitPanel([council('A', [40, 50, 60, 70])], 'cpp', 2017)).toBeNull();
  });
});
