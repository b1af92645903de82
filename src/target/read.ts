/**
 * A target's result read from what compare computes for one projection: net saving, payback and
 * cost are compare's own figures (`summariseComparison`), never worked out again here. The same
 * read from a draw is in read-draw.ts (kept apart: this side needs no Monte Carlo code).
 */
import type { Projection } from '../engine/project.js';
import type { ScenarioComparison } from '../report/comparison.js';
import { per10k, populationTotal } from '../report/summary.js';
import type { Target } from './targets.js';

/**
 * The target's measure for a scenario against the baseline. `comparison` must be summarised with
 * the span `[target.years]` among its spans (so its totals hold the N-year net saving).
 *
 * Payback by a year reads as the lowest cumulative net saving from that year to the horizon: at
 * least 0 exactly when compare's payback year is that year or earlier.
 */
export function targetResult(target: Target, comparison: ScenarioComparison, projection: Projection): number {
  const m = target.measure;
  const year = comparison.years[target.period];
  switch (m.kind) {
    case 'net_saving': {
      const total = comparison.totals.find((t) => t.years === target.years);
      if (!total) throw new RangeError(`targetResult: the comparison has no ${target.years}-year total`);
      return m.discounted ? total.netSavingDiscounted : total.netSaving;
    }
    case 'payback':
      return Math.min(...comparison.years.slice(target.period).map((y) => (m.discounted ? y.cumulativeNetSavingDiscounted : y.cumulativeNetSaving)));
    case 'cost':
      return m.discounted ? year.grossCostDiscounted + year.programmeCostDiscounted : year.grossCost + year.programmeCost;
    case 'children': {
      const children = m.states.reduce((t, s) => t + year.stock[s], 0);
      return m.rate ? per10k(children, populationTotal(projection, target.period)) : children;
    }
  }
}
