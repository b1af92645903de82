/**
 * Monte Carlo figures of a model with duration bands, read back by its own states: the kernel ran
 * on the sub-states, whose children are summed here into their state's (as `engine/durations.ts`
 * does for a single projection).
 */
import type { Model } from '../model/types.js';
import type { MonteCarloResult } from './montecarlo.js';

/** `mc` with figures by the states before expansion into duration bands (unchanged without bands). */
export function drawsByState(model: Model, mc: MonteCarloResult): MonteCarloResult {
  const layout = model.durations;
  if (!layout) return mc;
  const n2 = model.states.length;
  const n = layout.states.length;
  const extra = (mc.point.length / (mc.arms.length * mc.periods.length)) - n2;
  const sum = (a: Float64Array): Float64Array => {
    const blocks = a.length / (n2 + extra);
    const out = new Float64Array(blocks * (n + extra));
    for (let k = 0; k < blocks; k++) {
      const from = k * (n2 + extra);
      const to = k * (n + extra);
      for (let s = 0; s < n2; s++) out[to + layout.parentOf[s]] += a[from + s];
      for (let e = 0; e < extra; e++) out[to + n + e] = a[from + n2 + e];
    }
    return out;
  };
  const index = new Map(layout.states.map((s, i) => [s.id, i]));
  return {
    ...mc,
    states: layout.states,
    groups: layout.groups.map((g) => ({ id: g.id, label: g.label, states: g.states.map((id) => index.get(id)!) })),
    figures: sum(mc.figures),
    point: sum(mc.point),
  };
}
