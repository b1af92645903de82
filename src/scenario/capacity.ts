/** A scenario's capacity changes as the plan's places, and their costs as programme lines. */
import { unitsByStep } from '../engine/capacity.js';
import type { Plan } from '../engine/plan.js';
import type { Model } from '../model/types.js';
import { effectWeight } from './phase.js';
import type { ResolvedCapacityChange } from './resolve.js';

/** Places by step with the changes, and each change's cost by step (£ at the price base). */
export interface CapacityPlan {
  capPlaces: Float64Array;
  /** `[change * nSteps + step]`: recruitment, support of the extra carers, set-up and fixed costs. */
  costByStep: Float64Array;
}

/**
 * Recruits are added each step at the change's weight (phase-in, end) and then leave at their
 * attrition, so a campaign's carers outlast it; opened places count while the change is in effect.
 * Places never fall below 0.
 *
 * @example
 * // 20 households a year from the start, 12% attrition, 1.4 places each, yearly steps:
 * // extra households 20, 37.6, 53.088 → places + 28, + 52.64, + 74.32
 */
export function capacityPlan(model: Model, plan: Plan, changes: ResolvedCapacityChange[], monthsPerStep: number): CapacityPlan {
  const { nSteps, stepYears } = plan;
  const capPlaces = plan.capPlaces.slice();
  const costByStep = new Float64Array(changes.length * nSteps);
  changes.forEach((x, i) => {
    const cap = model.capacities[x.capacity];
    const w = Float64Array.from({ length: nSteps }, (_, k) => effectWeight(x.timing, k * monthsPerStep));
    const recruited = w.map((wk) => wk * x.recruitPerYear * stepYears);
    const extra = unitsByStep(0, x.attritionPerYear, stepYears, recruited);
    const first = w.findIndex((wk) => wk > 0);
    for (let k = 0; k < nSteps; k++) {
      const at = x.capacity * nSteps + k;
      capPlaces[at] += extra[k] * cap.placesPerUnit + w[k] * x.places;
      // Support on the recruits held through the step (its end, as places count).
      costByStep[i * nSteps + k] = recruited[k] * x.costPerRecruit + extra[k] * x.supportPerYear * stepYears + w[k] * x.fixedPerYear * stepYears + (k === first ? x.setupCost : 0);
    }
  });
  // Clamped once all changes are in, so opening and closing places do not depend on their order.
  for (let i = 0; i < capPlaces.length; i++) capPlaces[i] = Math.max(0, capPlaces[i]);
  return { capPlaces, costByStep };
}
