/**
 * Results of a model with duration bands, read back by its own states: the kernel ran on the
 * sub-states (`model/durations.ts`); here stocks, costs and measures are summed over them, and a
 * move from one band to the next is neither an entry to nor an exit from the state. Per band:
 * children at the end of each period, children reaching the band, and leavers from it.
 */
import type { DurationLayout } from '../model/durations.js';
import type { StateId } from '../model/types.js';
import type { Plan, RawResult } from './plan.js';

/** One state's results by duration band, summed over ages. */
export interface DurationResult {
  state: StateId;
  label: string;
  bands: { key: string; id: string; label: string; from: number; to: number | null }[];
  /** Children in each band: at the start date `[band]`, and at the end of each period `[period * nBands + band]`. */
  startStock: Float64Array;
  stock: Float64Array;
  /** Children reaching the band in each period (band 0: children starting in the state). */
  starts: Float64Array;
  /** Children leaving the state from the band in each period (moving on to the next band is not leaving). */
  leavers: Float64Array;
  /** Months in the state at the start of each sub-state, and their width in months (Infinity: the open band). */
  monthsAt: number[];
  widthMonths: number[];
  /** Per sub-state: one step of an exact band (true), or a whole band in one sub-state (false). */
  exactAt: boolean[];
  /** Leavers by sub-state, `[period * monthsAt.length + position]`: months in the state at exit. */
  leaversAt: Float64Array;
}

/** A kernel result over the sub-states, summed back to the model's own states. */
export interface CollapsedResult {
  result: RawResult;
  initial: Float64Array;
  durations: DurationResult[];
}

/** Sums `result` (over the expanded states of `plan`) back to the states before expansion. */
export function collapseDurations(layout: DurationLayout, plan: Plan, result: RawResult): CollapsedResult {
  const n2 = plan.nStates;
  const n = layout.states.length;
  const nb = plan.nBands;
  const np = plan.nPeriods;
  const { parentOf } = layout;
  // Sums blocks of `n2` cells (a band's states) into blocks of `n`.
  const sum = (a: Float64Array): Float64Array => {
    const blocks = a.length / n2;
    const out = new Float64Array(blocks * n);
    for (let k = 0; k < blocks; k++) for (let s = 0; s < n2; s++) out[k * n + parentOf[s]] += a[k * n2 + s];
    return out;
  };
  const entries = new Float64Array(np * nb * n);
  const exits = sum(result.exits);
  for (let k = 0; k < np * nb; k++) {
    for (let s = 0; s < n2; s++) entries[k * n + parentOf[s]] += result.entries[k * n2 + s];
    // Moves on to the next sub-state are entries to it and exits from the one before: neither counts for the state.
    for (const cl of layout.clocks) {
      for (let t = 1; t < cl.count; t++) {
        const advanced = result.entries[k * n2 + cl.first + t];
        entries[k * n + cl.parent] -= advanced;
        exits[k * n + cl.parent] -= advanced;
      }
    }
  }
  const collapsed: RawResult = {
    ...result,
    stock: sum(result.stock),
    entries,
    exits,
    cost: sum(result.cost),
    costDiscounted: sum(result.costDiscounted),
    measures: sum(result.measures),
    measuresDiscounted: sum(result.measuresDiscounted),
  };
  const durations = layout.clocks.map((cl): DurationResult => {
    const nk = cl.bands.length;
    const bandOf = new Int32Array(cl.count);
    cl.bands.forEach((b, k) => bandOf.fill(k, b.first - cl.first, b.first - cl.first + b.count));
    const startStock = new Float64Array(nk);
    const stock = new Float64Array(np * nk);
    const starts = new Float64Array(np * nk);
    const leavers = new Float64Array(np * nk);
    const leaversAt = new Float64Array(np * cl.count);
    for (let b = 0; b < nb; b++) for (let t = 0; t < cl.count; t++) startStock[bandOf[t]] += plan.x0[b * n2 + cl.first + t];
    for (let p = 0; p < np; p++) {
      for (let b = 0; b < nb; b++) {
        const at = (p * nb + b) * n2 + cl.first;
        for (let t = 0; t < cl.count; t++) {
          const k = bandOf[t];
          stock[p * nk + k] += result.stock[at + t];
          if (t === 0 || bandOf[t - 1] !== k) starts[p * nk + k] += result.entries[at + t];
          const left = result.exits[at + t] - (t + 1 < cl.count ? result.entries[at + t + 1] : 0);
          leavers[p * nk + k] += left;
          leaversAt[p * cl.count + t] += left;
        }
      }
    }
    const widthMonths = cl.monthsAt.map((m, t) => {
      const band = cl.bands[bandOf[t]];
      return band.to === null ? Infinity : band.count > 1 ? layout.stepMonths : band.to - band.from;
    });
    return {
      state: cl.state,
      label: cl.label,
      bands: cl.bands.map(({ key, id, label, from, to }) => ({ key, id, label, from, to })),
      startStock,
      stock,
      starts,
      leavers,
      monthsAt: cl.monthsAt,
      widthMonths,
      exactAt: cl.monthsAt.map((_, t) => cl.exact || cl.bands[bandOf[t]].count > 1),
      leaversAt,
    };
  });
  return { result: collapsed, initial: sum(plan.x0), durations };
}
