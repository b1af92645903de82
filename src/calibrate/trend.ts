/**
 * The trend in the hazard of leaving care. England's rise in children looked after came from
 * longer stays: the share of children leaving care each year fell while starts stayed flat, so
 * rates held at a window's average settle too low. The trend in the log of the exit hazard,
 * estimated on years up to the origin only and damped, carries that on without running away.
 */
import { linearRegression } from 'simple-statistics';
import type { Council } from '../io/published.js';

/** Damping of the exit-hazard trend a year (φ): the trend's k-th year counts φ + … + φ^k years. */
export const EXIT_DAMPING = 0.7;

/** Years of hazards (at most) the trend is estimated on. */
export const TREND_YEARS = 5;

/** A damped trend in the log of a probability from financial year `from` (as `transitions.by_year` takes it). */
export interface HazardTrend {
  change: number;
  damping: number;
  from: number;
}

/** Exits, and children at risk (in care at the start plus half the year's starts), of one council-year, or null. */
function atRisk(c: Council, year: number): { exits: number; risk: number } | null {
  const y = c.years.get(year)?.values;
  const before = c.years.get(year - 1)?.values.cla;
  if (!y || before === undefined || y.cla_ceased === undefined || y.cla_starts === undefined) return null;
  const risk = before + y.cla_starts / 2;
  return risk > 0 ? { exits: y.cla_ceased, risk } : null;
}

/** The exit hazard of `councils` together (England, for every council) by year, for years up to `to`. */
export function exitHazards(councils: Iterable<Council>, to: number): Map<number, number> {
  const sums = new Map<number, { exits: number; risk: number }>();
  for (const c of councils) {
    for (const year of c.years.keys()) {
      if (year > to) continue;
      const r = atRisk(c, year);
      if (!r) continue;
      const s = sums.get(year) ?? { exits: 0, risk: 0 };
      s.exits += r.exits;
      s.risk += r.risk;
      sums.set(year, s);
    }
  }
  return new Map([...sums].filter(([, s]) => s.exits > 0).sort((a, b) => a[0] - b[0]).map(([y, s]) => [y, s.exits / s.risk]));
}

/**
 * The yearly change in the log of England's exit hazard over the last `TREND_YEARS` years up to
 * `origin` (a least-squares line), as a damped trend from the financial year starting at the
 * origin; null with fewer than two years of hazards.
 */
export function exitTrend(councils: Iterable<Council>, origin: number, damping = EXIT_DAMPING): HazardTrend | null {
  const points = [...exitHazards(councils, origin)].filter(([y]) => y > origin - TREND_YEARS).map(([y, h]) => [y, Math.log(h)]);
  if (points.length < 2) return null;
  return { change: linearRegression(points).m, damping, from: origin };
}
