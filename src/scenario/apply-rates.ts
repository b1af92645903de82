/**
 * Applies rate changes to a compiled plan: the engine knows nothing of scenarios, it only sees a
 * plan whose steps use different matrix sets. Steps with the same weights share a set.
 */
import type { Plan } from '../engine/plan.js';
import { applyToRow, type RateChange, type RowProblem } from './rates.js';
import { effectWeight, type Timing } from './phase.js';

/** A rate change resolved to state and band indices. */
export interface PlannedChange {
  from: number;
  /** Moves changed; empty means every move out of `from`. */
  to: number[];
  /** Age bands changed; empty means all. */
  bands: number[];
  change: RateChange;
  timing: Timing;
  clip: boolean;
  /** Where the change was written, for messages. */
  label: string;
  /** The column taking up the change, where it is not `from` itself (a sub-state of an exact duration band: the next one). */
  stay?: number;
}

/** A change that could not be applied at some step. */
export interface ChangeProblem extends RowProblem {
  /** Index of the change in the list given. */
  change: number;
  label: string;
  step: number;
  band: number;
}

/** Which matrix set each step uses under a list of changes: the distinct (base set, weights). */
export interface SetLayout {
  /** For each new set: the base set it starts from and each change's weight. */
  sets: { base: number; weights: number[]; firstStep: number }[];
  stepSet: Int32Array;
}

// The layout depends only on the base plan's steps and the changes' timing, not on their values,
// so Monte Carlo draws (new values, same timing) reuse it.
const layouts = new WeakMap<Int32Array, Map<string, SetLayout>>();

/** The matrix sets of `plan` under `changes` (cached: it depends on the changes' timing only). */
export function setLayout(plan: Plan, changes: PlannedChange[], monthsPerStep: number): SetLayout {
  const key = JSON.stringify([monthsPerStep, changes.map((c) => c.timing)]);
  let byTiming = layouts.get(plan.stepSet);
  if (!byTiming) layouts.set(plan.stepSet, (byTiming = new Map()));
  const cached = byTiming.get(key);
  if (cached) return cached;
  const index = new Map<string, number>();
  const layout: SetLayout = { sets: [], stepSet: new Int32Array(plan.nSteps) };
  for (let k = 0; k < plan.nSteps; k++) {
    const base = plan.stepSet[k];
    const weights = changes.map((c) => effectWeight(c.timing, k * monthsPerStep));
    const id = `${base}|${weights.join(',')}`;
    let set = index.get(id);
    if (set === undefined) {
      set = layout.sets.length;
      layout.sets.push({ base, weights, firstStep: k });
      index.set(id, set);
    }
    layout.stepSet[k] = set;
  }
  byTiming.set(key, layout);
  return layout;
}

/**
 * A new plan with the changes applied step by step (the base plan is not modified). Returns the
 * problems instead if any change would push a probability outside [0, 1] where clipping was not
 * asked for. Steps with the same weights share a matrix set.
 */
export function applyRateChanges(plan: Plan, changes: PlannedChange[], monthsPerStep: number): { plan: Plan; problems: ChangeProblem[] } {
  const { nStates: n, nBands: nb } = plan;
  const block = nb * n * n;
  if (changes.length === 0) return { plan, problems: [] };
  const problems: ChangeProblem[] = [];
  const layout = setLayout(plan, changes, monthsPerStep);
  const P = new Float64Array(layout.sets.length * block);
  const allBands = Array.from({ length: nb }, (_, b) => b);
  layout.sets.forEach(({ base, weights, firstStep }, set) => {
    const m = P.subarray(set * block, (set + 1) * block);
    m.set(plan.P.subarray(base * block, (base + 1) * block));
    changes.forEach((c, ci) => {
      const w = weights[ci];
      if (w === 0) return;
      const stay = c.stay ?? c.from;
      const targets = c.to.length ? c.to : Array.from({ length: n }, (_, j) => j).filter((j) => j !== c.from && j !== stay);
      for (const b of c.bands.length ? c.bands : allBands) {
        const row = m.subarray(b * n * n + c.from * n, b * n * n + c.from * n + n);
        const problem = applyToRow(row, stay, targets, c.change, w, c.clip);
        if (problem) problems.push({ ...problem, change: ci, label: c.label, step: firstStep, band: b });
      }
    });
  });
  return { plan: { ...plan, P, nSets: layout.sets.length, stepSet: layout.stepSet }, problems };
}
