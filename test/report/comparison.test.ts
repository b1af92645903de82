/**
 * Net saving, payback and return on investment, on constructed cases worked out by hand. The
 * scenario model: 1,000 children in care, £1,000 per child-year on the stock at the start of each
 * year, no inflation or discounting unless stated.
 */
import { describe, expect, it } from 'vitest';
import { paybackPeriod, returnOnInvestment, summariseComparison } from '../../src/report/comparison.js';
import { parseScenario } from '../../src/scenario/load.js';
import { compareScenarios } from '../../src/scenario/project.js';
import { expectClose, yamlModel } from '../helpers.js';

describe('payback period', () => {
  const labels = ['y1', 'y2', 'y3', 'y4', 'y5'];

  it('is the first year the cumulative net saving reaches 0', () => {
    // cumulative: -100, -150, -70, +50
    expect(paybackPeriod([-100, -50, 80, 120], labels)).toEqual({ status: 'paid_back', period: 3, label: 'y4' });
    // cumulative exactly 0 in year 2 counts as paid back
    expect(paybackPeriod([-100, 100, 10], labels)).toEqual({ status: 'paid_back', period: 1, label: 'y2' });
  });

  it('is not within the horizon when the cumulative net saving ends below 0', () => {
    expect(paybackPeriod([-100, 20, 20, 20], labels)).toEqual({ status: 'not_within_horizon' });
  });

  it('must hold to the horizon: a dip below 0 again moves it later', () => {
    // cumulative: -100, +20, -30, +40
    expect(paybackPeriod([-100, 120, -50, 70], labels)).toEqual({ status: 'paid_back', period: 3, label: 'y4' });
  });

  it('skips years before the scenario makes any difference', () => {
    // nothing happens in years 1-2; a saving from year 3 pays back in year 3, not year 1
    expect(paybackPeriod([0, 0, 40, 50], labels)).toEqual({ status: 'paid_back', period: 2, label: 'y3' });
    expect(paybackPeriod([0, 0, 0], labels)).toEqual({ status: 'no_difference' });
  });
});

describe('return on investment', () => {
  it('is net saving per £ of programme cost, and undefined without programme cost', () => {
    expect(returnOnInvestment(150_000, 100_000)).toBe(1.5);
    expect(returnOnInvestment(-16_500, 750_000)).toBeCloseTo(-0.022, 12);
    expect(returnOnInvestment(1_000, 0)).toBeNull();
  });
});

describe('a constructed case: faster exits from care for £150,000 a year', () => {
  // hand calculation. Baseline: 10% leave care each year, so the stock at the start of year t is
  // 1,000 × 0.9^(t-1) and the year costs £1,000 × that: 1,000,000; 900,000; 810,000; 729,000;
  // 656,100; 590,490 (years 1-6).
  // Scenario: 20% leave, for £150,000 a year: 1,000,000; 800,000; 640,000; 512,000; 409,600; 327,680.
  // Gross saving: 0; 100,000; 170,000; 217,000; 246,500; 262,810.
  // Net saving (less £150,000): -150,000; -50,000; +20,000; +67,000; +96,500; +112,810.
  // Cumulative: -150,000; -200,000; -180,000; -113,000; -16,500; +96,310: payback in year 6,
  // 2030/31. Five-year totals: net saving -16,500, programme cost 750,000, ROI -0.022.
  const model = (years: number, values = '') =>
    yamlModel(`
      carecast: 1
      name: constructed
      time: { start: 2025-04-01, step: year, horizon_years: ${years} }
      states: [{ id: care }, { id: home, absorbing: true }]
      transitions: { per: step, matrices: [{ rows: { care: { home: 0.1 } } }] }
      initial: { care: 1000 }
      values: { count: start, costs: { care: { per_year: 1000 } } ${values} }
    `);
  const scenario = parseScenario(
    'carecast: 1\nscenario: faster exits\nchanges: [{ from: care, to: home, set: 0.2 }]\nprogrammes: [{ id: team, fixed_per_year: 150000 }]\n',
    '/tmp/faster.yaml',
  );

  it('net saving per year, cumulative, 5-year totals, ROI and payback year', async () => {
    const sum = summariseComparison(await compareScenarios(model(6), [scenario]));
    const s = sum.scenarios[0];
    [-150_000, -50_000, 20_000, 67_000, 96_500, 112_810].forEach((v, t) => expectClose(s.years[t].netSaving, v, 1e-9, `net saving, year ${t + 1}`));
    [-150_000, -200_000, -180_000, -113_000, -16_500, 96_310].forEach((v, t) => expectClose(s.years[t].cumulativeNetSaving, v, 1e-9, `cumulative, year ${t + 1}`));
    const five = s.totals.find((t) => t.years === 5)!;
    expectClose(five.netSaving, -16_500);
    expectClose(five.programmeCost, 750_000);
    expectClose(five.roi!, -0.022);
    expect(s.payback).toEqual({ status: 'paid_back', period: 5, label: '2030/31' });
    expect(s.totals.map((t) => t.years)).toEqual([5]); // 6 years: no 10-year total
  });

  it('with five years only, it does not pay back within the horizon', async () => {
    const s = summariseComparison(await compareScenarios(model(5), [scenario])).scenarios[0];
    expect(s.payback).toEqual({ status: 'not_within_horizon' });
  });

  it('discounted at 3.5% from year 2: each year\'s net saving, the cumulative, payback and ROI', async () => {
    // calculated apart (Python): year t's net saving / 1.035^(t-1):
    //   -150,000; -48,309.18; +18,670.21; +60,430.16; +84,094.17; +94,982.99
    //   cumulative: -150,000; -198,309.18; -179,638.96; -119,208.80; -35,114.63; +59,868.36
    // so still year 6; the discounted ROI over 5 years: -35,114.63 / (150,000 × (1 + 1/1.035 +
    // 1/1.035^2 + 1/1.035^3 + 1/1.035^4) = 700,961.88) = -0.050095.
    const s = summariseComparison(await compareScenarios(model(6, ', discount_rate: 0.035'), [scenario])).scenarios[0];
    expectClose(s.years[1].netSavingDiscounted, -48_309.18, 1e-7);
    expectClose(s.years[4].cumulativeNetSavingDiscounted, -35_114.63, 1e-7);
    expectClose(s.years[5].cumulativeNetSavingDiscounted, 59_868.36, 1e-7);
    expect(s.paybackDiscounted).toMatchObject({ status: 'paid_back', label: '2030/31' });
    expectClose(s.totals[0].roiDiscounted!, -0.050095, 1e-4);
  });
});
