/**
 * A target's result read from what compare computes: from a summarised comparison (one
 * projection) or from the figures of one draw. Net saving, payback and cost are compare's own
 * figures (`summariseComparison`, `drawNetSaving`), never worked out again here.
 */
import type { Projection } from '../engine/project.js';
import type { ScenarioComparison } from '../report/comparison.js';
import { per10k, populationTotal } from '../report/summary.js';
import { EXTRA_FIGURES } from '../uncertainty/montecarlo.js';
import { drawNetSaving, type DrawFigures } from '../uncertainty/summary.js';
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

/**
 * The same measure in draw `d` of `mc`, for arm `arm` (a scenario) against arm 0 (the baseline).
 * A rate's population is the draw's children in every active state, as the projection counts it.
 */
export function drawTargetResult(target: Target, mc: DrawFigures, d: number, arm: number): number {
  const m = target.measure;
  const n = mc.states.length;
  const f = n + EXTRA_FIGURES.length;
  const np = mc.periods.length;
  const row = (k: number) => d * mc.arms.length * np * f + (arm * np + k) * f;
  switch (m.kind) {
    case 'net_saving': {
      let total = 0;
      let counted = 0;
      for (let k = 0; k < np && counted < target.years; k++) {
        if (mc.periods[k].partial) continue;
        total += drawNetSaving(mc, d, arm, k, m.discounted);
        counted++;
      }
      return total;
    }
    case 'payback': {
      let cumulative = 0;
      let lowest = Infinity;
      for (let k = 0; k < np; k++) {
        cumulative += drawNetSaving(mc, d, arm, k, m.discounted);
        if (k >= target.period) lowest = Math.min(lowest, cumulative);
      }
      return lowest;
    }
    case 'cost': {
      const r = row(target.period) + n + (m.discounted ? 1 : 0);
      return mc.figures[r] + mc.figures[r + 2];
    }
    case 'children': {
      const r = row(target.period);
      const children = m.states.reduce((t, s) => t + mc.figures[r + s], 0);
      if (!m.rate) return children;
      let population = 0;
      for (let s = 0; s < n; s++) if (!mc.states[s].absorbing) population += mc.figures[r + s];
      return per10k(children, population);
    }
  }
}
