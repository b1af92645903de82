/**
 * The cohort model's forecast with its council's own part shrunk by the slope that part earned on
 * forecasts already known at the origin. Worked by hand on two kinds of council, 15 of each (the
 * mean change needs at least 20 councils and the slope 30 known forecasts).
 */
import { describe, expect, it } from 'vitest';
import { combine, type Candidate } from '../../src/backtest/choose.js';
import { addShrunkCohort, MIN_COUNCILS, shrinkageWeight, shrinkageWords } from '../../src/backtest/shrink.js';

/** Children looked after in council `la`, forecast from `origin` for `year`: last value 100. */
const cand = (la: string, origin: number, year: number, cohort: number, actual: number | null, series: Candidate['series'] = 'cla'): Candidate => ({ la_code: la, origin, year, series, actual, forecasts: { cohort, naive_last: 100 }, volatility: 0.1 });

/** 15 councils like A and 15 like B. */
const both = (a: (la: string) => Candidate, b: (la: string) => Candidate) => Array.from({ length: 15 }, (_, i) => [a(`A${i}`), b(`B${i}`)]).flat();

// From 2016, A's cohort model said 110 and B's 100; A went to 104 and B stayed at 100.
// Departures from the councils' means: cohort ±ln(1.1)/2, outcome ±ln(1.04)/2, so the slope
// through the origin is ln(1.04) / ln(1.1) = 0.41151…
const knownOf = () => both((la) => cand(la, 2016, 2017, 110, 104), (la) => cand(la, 2016, 2017, 100, 100));
const SLOPE = Math.log(1.04) / Math.log(1.1);

describe('the shrinkage weight', () => {
  it('is the slope of the outcome on the cohort model, each as a departure from every council’s mean, over forecasts known at the origin', () => {
    expect(shrinkageWeight(knownOf(), 'cla', 2017)).toBeCloseTo(SLOPE, 14);
  });

  it('sees nothing after the origin: a forecast from 2016 for 2018 does not count in 2017', () => {
    const later = [...knownOf(), ...both((la) => cand(la, 2016, 2018, 150, 80), (la) => cand(la, 2016, 2018, 100, 120))];
    expect(shrinkageWeight(later, 'cla', 2017)).toBeCloseTo(SLOPE, 14);
    expect(shrinkageWeight(later, 'cla', 2018)).not.toBeCloseTo(SLOPE, 3);
  });

  it('keeps series apart, and leaves out forecasts whose outcome is not known', () => {
    const other = both((la) => cand(la, 2016, 2017, 150, 80, 'cpp'), (la) => cand(la, 2016, 2017, 100, 120, 'cpp'));
    // Councils whose outcome is not known, their forecasts either side of the mean (so it stays put).
    const unknown = both((la) => cand(la, 2016, 2017, 100 * Math.sqrt(1.1) * Math.exp(0.3), null), (la) => cand(la, 2016, 2017, 100 * Math.sqrt(1.1) * Math.exp(-0.3), null));
    expect(shrinkageWeight([...knownOf(), ...other, ...unknown], 'cla', 2017)).toBeCloseTo(SLOPE, 14);
  });

  it('is 0 with fewer than 30 known, and stays within 0 and 1', () => {
    expect(shrinkageWeight(knownOf(), 'cla', 2016)).toBe(0);
    expect(shrinkageWeight(knownOf().slice(0, 28), 'cla', 2017)).toBe(0);
    // A's cohort model said up, and A went down: a negative slope is taken as 0.
    expect(shrinkageWeight(both((la) => cand(la, 2016, 2017, 110, 96), (la) => cand(la, 2016, 2017, 100, 100)), 'cla', 2017)).toBe(0);
    // Outcomes twice the cohort's departures: a slope of 2 is taken as 1.
    expect(shrinkageWeight(both((la) => cand(la, 2016, 2017, 110, 121), (la) => cand(la, 2016, 2017, 100, 100)), 'cla', 2017)).toBe(1);
  });
});

describe('the shrunk cohort forecast', () => {
  it('keeps every council’s mean change and the earned share of its own', () => {
    const known = knownOf();
    const now = both((la) => cand(la, 2017, 2018, 120, null), (la) => cand(la, 2017, 2018, 100, null));
    const weights = addShrunkCohort([...known, ...now]);
    expect(weights.get('cla|2017')).toBeCloseTo(SLOPE, 14);
    // From 2017 the mean change is ln(1.2)/2; A departs from it by +ln(1.2)/2, B by −ln(1.2)/2.
    const mean = Math.log(1.2) / 2;
    expect(now[0].forecasts.cohort_shrunk).toBeCloseTo(100 * Math.exp(mean * (1 + SLOPE)), 10);
    expect(now[1].forecasts.cohort_shrunk).toBeCloseTo(100 * Math.exp(mean * (1 - SLOPE)), 10);
    // In 2016 nothing was known: both kinds of council get the mean change, 100 × √1.1.
    expect(known[0].forecasts.cohort_shrunk).toBeCloseTo(100 * Math.sqrt(1.1), 10);
    expect(known[1].forecasts.cohort_shrunk).toBeCloseTo(100 * Math.sqrt(1.1), 10);
    // The combination takes the shrunk cohort: (shrunk + last value) / 2 where there is no panel.
    expect(combine('cla', now[0].forecasts)).toBeCloseTo((now[0].forecasts.cohort_shrunk! + 100) / 2, 12);
  });

  it('is not made from fewer than 20 councils: the combination takes the cohort model as it is, and the words say so', () => {
    const few = [cand('A', 2016, 2017, 110, 104), cand('B', 2016, 2017, 100, 100)];
    const weights = addShrunkCohort(few);
    expect(few.every((c) => c.forecasts.cohort_shrunk === undefined)).toBe(true);
    expect(combine('cla', few[0].forecasts)).toBe(105);
    expect(weights.get('cla|2016')).toBeNull();
    expect(shrinkageWords(weights, [2016])).toContain(`children looked after not shrunk (fewer than ${MIN_COUNCILS} councils forecast) from 2016`);
    expect(shrinkageWords(new Map([['cla|2017', 0.214]]), [2017])).toBe('children looked after 0.21 from 2017; plans 0.00 from 2017; CIN 0.00 from 2017');
  });

  it('leaves out a council whose cohort forecast is not a finite number, without spoiling the others', () => {
    const history = [...knownOf(), cand('X', 2016, 2017, Infinity, 100), cand('Y', 2016, 2017, 0, 100)];
    addShrunkCohort(history);
    expect(history.at(-2)!.forecasts.cohort_shrunk).toBeUndefined();
    expect(history.at(-1)!.forecasts.cohort_shrunk).toBeUndefined();
    expect(history[0].forecasts.cohort_shrunk).toBeCloseTo(100 * Math.sqrt(1.1), 10);
  });
});
