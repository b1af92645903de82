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
}

/** A change that could not be applied at some step. */
export interface ChangeProblem extends RowProblem {
  /** Index of the change in the list given. */
  change: number;
  label: string;
  step: number;
  band: number;
}

/**
 * A new plan with the changes applied step by step (the base plan is not modified). Returns the
 * problems instead if any change would push a probability outside [0, 1] where clipping was not
 * asked for.
 */
export function applyRateChanges(plan: Plan, changes: PlannedChange[], monthsPerStep: number): { plan: Plan; problems: ChangeProblem[] } {
  const { nStates: n, nBands: nb, nSteps } = plan;
  const block = nb * n * n;
  if (changes.length === 0) return { plan, problems: [] };
  const problems: ChangeProblem[] = [];
  const sets = new Map<string, number>();
  const matrices: Float64Array[] = [];
  const stepSet = new Int32Array(nSteps);
  for (let k = 0; k < nSteps; k++) {
    const base = plan.stepSet[k];
    const weights = changes.map((c) => effectWeight(c.timing, k * monthsPerStep));
    const key = `${base}|${weights.join(',')}`;
    let set = sets.get(key);
    if (set === undefined) {
      const m = plan.P.slice(base * block, (base + 1) * block);
      changes.forEach((c, ci) => {
        const w = weights[ci];
        if (w === 0) return;
        const bands = c.bands.length ? c.bands : Array.from({ length: nb }, (_, b) => b);
        const targets = c.to.length ? c.to : Array.from({ length: n }, (_, j) => j).filter((j) => j !== c.from);
        for (const b of bands) {
          const row = m.subarray(b * n * n + c.from * n, b * n * n + c.from * n + n);
          const problem = applyToRow(row, c.from, targets, c.change, w, c.clip);
          if (problem) problems.push({ ...problem, change: ci, label: c.label, step: k, band: b });
        }
      });
      set = matrices.length;
      matrices.push(m);
      sets.set(key, set);
    }
    stepSet[k] = set;
  }
  const P = new Float64Array(matrices.length * block);
  matrices.forEach((m, i) => P.set(m, i * block));
  return { plan: { ...plan, P, nSets: matrices.length, stepSet }, problems };
}
