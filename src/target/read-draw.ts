/**
 * A target's result read from the figures of one Monte Carlo draw, as read.ts reads it from a
 * projection: net saving from `drawNetSaving` (what compare --draws uses), payback and cost
 * from the same figures.
 */
import { per10k } from '../report/summary.js';
import { EXTRA_FIGURES } from '../uncertainty/montecarlo.js';
import { drawNetSaving, type DrawFigures } from '../uncertainty/summary.js';
import type { Target } from './targets.js';

/**
 * The same measure in draw `d` of `mc`, for arm `arm` (a scenario) against arm 0 (the baseline).
 * A rate's population is the draw's children in every active state not reported apart, as the
 * projection counts it.
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
      // Care leavers (states reported apart) are past the ages the population counts.
      let population = 0;
      for (let s = 0; s < n; s++) if (!mc.states[s].absorbing && !mc.apart?.includes(s)) population += mc.figures[r + s];
      return per10k(children, population);
    }
  }
}
