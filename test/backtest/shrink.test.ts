/**
 * The cohort model's forecast with its council's own part shrunk by the slope that part earned on
 * forecasts already known at the origin. Worked by hand on two councils.
 */
import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../src/backtest/choose.js';
import { addShrunkCohort, shrinkageWeight } from '../../src/backtest/shrink.js';

/** Children looked after in council `la`, forecast from `origin` for `year`: last value 100. */
const cand = (la: string, origin: number, year: number, cohort: number, actual: number | null): Candidate => ({ la_code: la, origin, year, series: 'cla', actual, forecasts: { cohort, naive_last: 100 }, volatility: 0.1 });

// From 2016, A's cohort model said 110 and B's 100; A went to 104 and B stayed at 100.
// Departures from the two councils' means: cohort ±ln(1.1)/2, outcome ±ln(1.04)/2, so the
// slope through the origin is ln(1.04) / ln(1.1) = 0.41151…
const known = [cand('A', 2016, 2017, 110, 104), cand('B', 2016, 2017, 100, 100)];
const SLOPE = Math.log(1.04) / Math.log(1.1);

describe('the shrinkage weight', () => {
  it('is the slope of the outcome on the cohort model, each as a departure from every council’s mean, over forecasts known at the origin', () => {
    expect(shrinkageWeight(known, 'cla', 2017)).toBeCloseTo(SLOPE, 14);
  });

  it('sees nothing after the origin: a forecast from 2016 for 2018 does not count in 2017', () => {
    const later = [...known, cand('A', 2016, 2018, 150, 80), cand('B', 2016, 2018, 100, 120)];
    expect(shrinkageWeight(later, 'cla', 2017)).toBeCloseTo(SLOPE, 14);
    expect(shrinkageWeight(later, 'cla', 2018)).not.toBeCloseTo(SLOPE, 3);
  });

  it('is 0 with nothing known, and stays within 0 and 1', () => {
    expect(shrinkageWeight(known, 'cla', 2016)).toBe(0);
    // A's cohort model said up, and A went down: a negative slope is taken as 0.
    expect(shrinkageWeight([cand('A', 2016, 2017, 110, 96), cand('B', 2016, 2017, 100, 100)], 'cla', 2017)).toBe(0);
    // Outcomes twice the cohort's departures: a slope of 2 is taken as 1.
    expect(shrinkageWeight([cand('A', 2016, 2017, 110, 121), cand('B', 2016, 2017, 100, 100)], 'cla', 2017)).toBe(1);
  });
});

describe('the shrunk cohort forecast', () => {
  it('keeps every council’s mean change and the earned share of its own', () => {
    const now = [cand('A', 2017, 2018, 120, null), cand('B', 2017, 2018, 100, null)];
    const history = [...known, ...now];
    const weights = addShrunkCohort(history);
    expect(weights.get('cla|2017')).toBeCloseTo(SLOPE, 14);
    // From 2017 the mean change is ln(1.2)/2; A departs from it by +ln(1.2)/2, B by −ln(1.2)/2.
    const mean = Math.log(1.2) / 2;
    expect(now[0].forecasts.cohort_shrunk).toBeCloseTo(100 * Math.exp(mean * (1 + SLOPE)), 10);
    expect(now[1].forecasts.cohort_shrunk).toBeCloseTo(100 * Math.exp(mean * (1 - SLOPE)), 10);
    // In 2016 nothing was known: both councils get the mean change, 100 × √1.1.
    expect(known[0].forecasts.cohort_shrunk).toBeCloseTo(100 * Math.sqrt(1.1), 10);
    expect(known[1].forecasts.cohort_shrunk).toBeCloseTo(100 * Math.sqrt(1.1), 10);
  });
});
