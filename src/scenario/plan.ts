/** A scenario applied to a compiled plan: the engine runs the result without knowing why it differs. */
import { ScenarioInvalidError, type Issue } from '../errors.js';
import type { Plan } from '../engine/plan.js';
import { locate, pathToString } from '../model/positions.js';
import { addMonths, isoDate, MONTHS_PER_STEP, parseIsoDate } from '../model/time.js';
import type { Model } from '../model/types.js';
import { applyRateChanges } from './apply-rates.js';
import { capacityPlan } from './capacity.js';
import { costsWithChanges } from './costs.js';
import { planWithGrowth } from './population.js';
import { programmeArrays, withFixedProgrammes } from './programmes.js';
import type { ResolvedScenario } from './resolve.js';

/**
 * The plan of `model` with the scenario's changes: transition rates by step, unit costs and
 * placement mix by step, inflation, population growth, direct entries and programmes. Throws
 * `ScenarioInvalidError` when a rate change would push a probability outside [0, 1] and clipping
 * was not asked for.
 */
export function scenarioPlan(model: Model, plan: Plan, r: ResolvedScenario): Plan {
  const months = MONTHS_PER_STEP[model.time.step];
  const { plan: rated, problems } = applyRateChanges(plan, r.rateChanges, months);
  if (problems.length) {
    const start = parseIsoDate(model.time.start)!;
    const seen = new Set<string>();
    const issues: Issue[] = [];
    for (const p of problems) {
      const key = `${p.change}|${p.band}`;
      if (seen.has(key)) continue; // the first step it happens is enough
      seen.add(key);
      const c = r.rateChanges[p.change];
      const to = model.states[p.to].id;
      const ages = model.ages ? `ages ${model.ages.bands[p.band].label}, ` : '';
      issues.push({
        location: { file: c.origin.file, ...locate(c.origin.located, c.origin.path) },
        path: pathToString(c.origin.path),
        message: `${ages}${model.states[c.from].id} to ${to} from ${isoDate(addMonths(start, p.step * months))}: ${p.message}`,
        expected: 'a smaller change, or clip: true to keep the probability within 0 and what the stay probability leaves',
      });
    }
    throw new ScenarioInvalidError(r.scenario.file, issues);
  }
  const v = model.values;
  const price = r.inflation === null ? rated.price : Float64Array.from(rated.periodOfStep, (p) => (1 + r.inflation!) ** (rated.periods[p].fy - v.priceBaseYear));
  return {
    ...rated,
    costPerStep: costsWithChanges(model, rated, r.costChanges, r.mixShifts, months),
    price,
    ...(r.growth !== null && planWithGrowth(rated, r.growth)),
    direct: r.directFactor === null || rated.direct === null ? rated.direct : rated.direct.map((d) => d * r.directFactor!),
    ...capacityFields(model, rated, r, months),
  };
}

/** Programme arrays for the scenario's programmes, then one fixed line per capacity change. */
function capacityFields(model: Model, plan: Plan, r: ResolvedScenario, months: number): Partial<Plan> {
  const programmes = programmeArrays(plan, r.programmes, months);
  if (r.capacityChanges.length === 0) return programmes;
  const { capPlaces, costByStep } = capacityPlan(model, plan, r.capacityChanges, months);
  return { capPlaces, ...withFixedProgrammes(plan, programmes, costByStep, r.capacityChanges.length) };
}
