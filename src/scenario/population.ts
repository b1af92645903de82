/** Population variants: another projection file (a model-level change) or extra yearly growth. */
import { ScenarioInvalidError, type Issue } from '../errors.js';
import type { Plan } from '../engine/plan.js';
import { projectionCoverageProblem, readPopulationProjection } from '../model/population.js';
import type { PendingIssue } from '../model/build.js';
import { modelWithProjection } from '../model/variant.js';
import { populationBandsOf } from '../model/age-range.js';
import { locate, pathToString } from '../model/positions.js';
import { parseIsoDate } from '../model/time.js';
import type { Model } from '../model/types.js';
import type { Scenario } from './types.js';

/**
 * The model with its population projection replaced by the scenario's variant file; the initial
 * stock of the entry state is derived again from the variant where the model derived it.
 * Returns the model itself when the scenario has no variant file.
 */
export function modelWithPopulationVariant(model: Model, scenario: Scenario, years: number): Model {
  const variant = scenario.population;
  if (!variant?.file || model.population?.kind !== 'projection') return model;
  const o = variant.origin;
  const pending: PendingIssue[] = [];
  const bands = populationBandsOf(model);
  const projection = readPopulationProjection(variant.file, variant.area, bands, o.file, pending, ['population']);
  const start = parseIsoDate(model.time.start)!;
  if (projection) {
    const problem = projectionCoverageProblem(projection, start, years);
    if (problem) pending.push({ path: ['population', 'file'], message: problem.message, expected: problem.expected });
  }
  const issues: Issue[] = pending.map(
    (p) => p.located ?? { location: { file: o.file, ...locate(o.located, p.path) }, path: pathToString(p.path), message: p.message, expected: p.expected },
  );
  if (issues.length || !projection) throw new ScenarioInvalidError(scenario.file, issues);

  return modelWithProjection(model, projection);
}

/**
 * The plan's population targets (or births) grown by `growth` a year more, from the start;
 * written into `into`'s arrays when given.
 */
export function planWithGrowth(plan: Plan, growth: number, into?: { popTarget: Float64Array | null; births: Float64Array | null }): Pick<Plan, 'popTarget' | 'births'> {
  const nb = plan.nBands;
  const perStep = (1 + growth) ** plan.stepYears;
  let popTarget: Float64Array | null = null;
  if (plan.popTarget) {
    popTarget = into?.popTarget ?? new Float64Array(plan.popTarget.length);
    // Targets are at each step's end: grown by (1 + growth)^(years since the start).
    for (let k = 0, f = perStep; k < plan.nSteps; k++, f *= perStep) for (let b = 0; b < nb; b++) popTarget[k * nb + b] = plan.popTarget[k * nb + b] * f;
  }
  // Births arrive through the step: grown to its middle.
  let births: Float64Array | null = null;
  if (plan.births) {
    births = into?.births ?? new Float64Array(plan.births.length);
    for (let k = 0; k < births.length; k++) births[k] = plan.births[k] * (1 + growth) ** ((k + 0.5) * plan.stepYears);
  }
  return { popTarget, births };
}
