/**
 * The reference Monte Carlo arms: every draw's plans built densely (`planWithValues`,
 * `scenarioPlan`) and run by `runPlan`, then summed as the summaries read them. The specialised
 * path in `src/uncertainty/draw-plans.ts` is checked against it.
 */
import { allocateResult, runPlan } from '../../src/engine/kernel.js';
import type { Plan, RawResult } from '../../src/engine/plan.js';
import { scenarioPlan } from '../../src/scenario/plan.js';
import { EXTRA_FIGURES, type Setup } from '../../src/uncertainty/montecarlo.js';
import { planWithValues, scenarioWithValues, type ModelValues, type ScenarioValues } from '../../src/uncertainty/parameters.js';

/** Every arm's figures with the given values, into `out` at `offset` (which must be zeros). */
export function referenceArms(setup: Setup, modelValues: ModelValues, scenarioValues: (ScenarioValues | null)[], out: Float64Array, offset: number): void {
  const f = setup.model.states.length + EXTRA_FIGURES.length;
  setup.arms.forEach((arm, a) => {
    const v = modelValues.variant;
    let plan = planWithValues(arm.models[v], arm.plans[v], modelValues);
    if (arm.scenario) plan = scenarioPlan(arm.models[v], plan, scenarioWithValues(arm.scenario, scenarioValues[a]!));
    plan = { ...plan, lean: true }; // only stocks and costs are kept
    referenceFigures(plan, runPlan(plan, allocateResult(plan)), out, offset + a * plan.nPeriods * f);
  });
}

/**
 * `runPlan`'s result as Monte Carlo reads it, into `out` at `offset` (zeros): per period, children
 * by state summed over ages, then cost (occupancy and costed moves), cost discounted, programme
 * cost and programme cost discounted.
 */
export function referenceFigures(plan: Plan, r: RawResult, out: Float64Array, offset = 0): Float64Array {
  const { nStates: n, nBands: nb, nPeriods: np, nFlows: nf, nProgrammes: ng } = plan;
  const f = n + EXTRA_FIGURES.length;
  for (let k = 0; k < np; k++) {
    const at = offset + k * f;
    let cost = 0;
    let disc = 0;
    for (let c = 0; c < nb * n; c++) {
      out[at + (c % n)] += r.stock[k * nb * n + c];
      cost += r.cost[k * nb * n + c];
      disc += r.costDiscounted[k * nb * n + c];
    }
    for (let i = 0; i < nf; i++) {
      cost += r.flowCost[k * nf + i];
      disc += r.flowCostDiscounted[k * nf + i];
    }
    let prog = 0;
    let progDisc = 0;
    for (let g = 0; g < ng; g++) {
      prog += r.programmeCost[k * ng + g];
      progDisc += r.programmeCostDiscounted[k * ng + g];
    }
    out.set([cost, disc, prog, progDisc], at + n);
  }
  return out;
}
