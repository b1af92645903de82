/** A scenario applied to a compiled plan: the engine runs the result without knowing why it differs. */
import { ScenarioInvalidError, type Issue } from '../errors.js';
import type { Plan } from '../engine/plan.js';
import { locate, pathToString } from '../model/positions.js';
import { addMonths, isoDate, MONTHS_PER_STEP, parseIsoDate } from '../model/time.js';
import type { Model } from '../model/types.js';
import { applyRateChanges, type ChangeProblem } from './apply-rates.js';
import { capacityPlan } from './capacity.js';
import { costsWithChanges } from './costs.js';
import { planWithGrowth } from './population.js';
import { programmeArrays, programmeLayout, type ProgrammeLayout } from './programmes.js';
import type { ResolvedScenario } from './resolve.js';

/**
 * The plan of `model` with the scenario's changes: transition rates by step, unit costs and
 * placement mix by step, inflation, population growth, direct entries and programmes. Throws
 * `ScenarioInvalidError` when a rate change would push a probability outside [0, 1] and clipping
 * was not asked for.
 */
export function scenarioPlan(model: Model, plan: Plan, r: ResolvedScenario): Plan {
  return scenarioChanges(model, scenarioRates(model, plan, r), r);
}

/** The plan with the scenario's rate changes only (new matrix sets by step); throws as `scenarioPlan`. */
export function scenarioRates(model: Model, plan: Plan, r: ResolvedScenario): Plan {
  const months = MONTHS_PER_STEP[model.time.step];
  const { plan: rated, problems } = applyRateChanges(plan, r.rateChanges, months);
  if (problems.length) throw rateProblems(model, r, problems);
  return rated;
}

/** The error for rate changes that would push probabilities outside [0, 1], each change and band once. */
export function rateProblems(model: Model, r: ResolvedScenario, problems: ChangeProblem[]): ScenarioInvalidError {
  const months = MONTHS_PER_STEP[model.time.step];
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
  return new ScenarioInvalidError(r.scenario.file, issues);
}

/**
 * The scenario's other changes on a plan whose rates are already changed: unit costs and placement
 * mix by step, inflation, population growth, direct entries, programmes and capacity. `layout`
 * (from `scenarioProgrammeLayout`) may be passed to reuse the programmes' cells across draws.
 */
export function scenarioChanges(model: Model, rated: Plan, r: ResolvedScenario, layout?: ProgrammeLayout): Plan {
  const months = MONTHS_PER_STEP[model.time.step];
  const v = model.values;
  const price = r.inflation === null ? rated.price : Float64Array.from(rated.periodOfStep, (p) => (1 + r.inflation!) ** (rated.periods[p].fy - v.priceBaseYear));
  return {
    ...rated,
    costPerStep: costsWithChanges(model, rated, r.costChanges, r.mixShifts, months),
    price,
    ...(r.growth !== null && planWithGrowth(rated, r.growth)),
    direct: r.directFactor === null || rated.direct === null ? rated.direct : rated.direct.map((d) => d * r.directFactor!),
    ...capacityFields(model, rated, r, months, layout ?? scenarioProgrammeLayout(model, rated, r)),
  };
}

/** The cells and weights of the scenario's programmes and its capacity changes' cost lines. */
export function scenarioProgrammeLayout(model: Model, plan: Plan, r: ResolvedScenario): ProgrammeLayout {
  return programmeLayout(plan, r.programmes, MONTHS_PER_STEP[model.time.step], r.capacityChanges.length);
}

/** Programme arrays for the scenario's programmes, then one fixed line per capacity change. */
function capacityFields(model: Model, plan: Plan, r: ResolvedScenario, months: number, layout: ProgrammeLayout): Partial<Plan> {
  if (r.capacityChanges.length === 0) return programmeArrays(plan, r.programmes, months, layout);
  const { capPlaces, costByStep } = capacityPlan(model, plan, r.capacityChanges, months);
  return { capPlaces, ...programmeArrays(plan, r.programmes, months, layout, costByStep) };
}
