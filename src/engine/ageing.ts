/** Where children go when they age out of a band: the same state a band up, a leaving state, or past the top of the range an exit. */
import type { AgeBand, Model } from '../model/types.js';

/**
 * `ageTo[b * n + s]`: the state children in state s enter as they age out of band b: s itself
 * (a band up) unless s is left at the next band's first age (`ages.leave`), and in the oldest
 * band the `age_out_to` exit; -1 for absorbing states, which do not age. The kernel puts a child
 * entering an active state into the next band, one entering an exit into the band it left.
 */
export function ageingTargets(model: Model, bands: AgeBand[], index: Map<string, number>): Int32Array {
  const n = model.states.length;
  const nb = bands.length;
  const ageTo = new Int32Array(nb * n).fill(-1);
  if (!model.ages) return ageTo;
  const leaving = model.ages.leaving ?? {};
  model.states.forEach((st, s) => {
    if (st.absorbing) return;
    for (let b = 0; b < nb; b++) {
      const l = leaving[st.id];
      if (b === nb - 1) ageTo[b * n + s] = index.get(model.ages!.ageOutTo[st.id])!;
      else ageTo[b * n + s] = l && bands[b + 1].from === l.age ? index.get(l.to)! : s;
    }
  });
  return ageTo;
}
