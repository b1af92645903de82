/**
 * Day numbers in integer arithmetic: the same days as JavaScript's Date gives, for every date a
 * return can hold (years 1800-9999, with a day past a month's end rolling over as Date.UTC rolls
 * it), and ages as the Date-based count gave them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, civilOfDay, dayNumber, daysFromCivil } from '../../src/estimate/dates.js';

const DAY_MS = 86_400_000;
const day = fc.integer({ min: Date.UTC(1800, 0, 1) / DAY_MS, max: Date.UTC(9999, 11, 31) / DAY_MS });

describe('day numbers without Date', () => {
  it('daysFromCivil is Date.UTC in days, rolling a day past the month end over (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1800, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        expect(daysFromCivil(y, m, d)).toBe(Date.UTC(y, m - 1, d) / DAY_MS);
      }),
      { numRuns: 5000 },
    );
    expect(daysFromCivil(2023, 2, 29)).toBe(daysFromCivil(2023, 3, 1)); // a leap-day birthday in a common year
  });

  it('civilOfDay is what a UTC Date reads, also for a part of a day (property)', () => {
    fc.assert(
      fc.property(day, fc.double({ min: 0, max: 0.999, noNaN: true }), (n, part) => {
        const date = new Date((n + part) * DAY_MS);
        expect(civilOfDay(n + part)).toEqual({ y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() });
      }),
      { numRuns: 5000 },
    );
  });

  it('ageOn counts whole years as the Date-based count did (property)', () => {
    const dateAge = (birth: number, on: number) => {
      const b = new Date(birth * DAY_MS);
      const d = new Date(on * DAY_MS);
      let age = d.getUTCFullYear() - b.getUTCFullYear();
      if (d.getUTCMonth() < b.getUTCMonth() || (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate())) age--;
      return age;
    };
    fc.assert(
      fc.property(day, day, (birth, on) => {
        expect(ageOn(birth, on)).toBe(dateAge(birth, on));
      }),
      { numRuns: 5000 },
    );
  });

  it('dayNumber reads every form as before', () => {
    expect(dayNumber('29/02/2020')).toBe(Date.UTC(2020, 1, 29) / DAY_MS);
    expect(dayNumber('29/02/2021')).toBeNull();
    expect(dayNumber('1/4/2017')).toBe(dayNumber('2017-04-01'));
    expect(dayNumber('2017-04-01T00:00:00')).toBe(dayNumber('01/04/2017'));
    expect(dayNumber('01/01/1799')).toBeNull();
  });
});
