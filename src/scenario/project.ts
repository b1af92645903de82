/** Running scenarios: a baseline and each scenario on the same model, ready to compare. */
import { compileModel, type CompileOptions, type Compiled } from '../engine/compile.js';
import { runPlan } from '../engine/kernel.js';
import { projectionOf, type Projection } from '../engine/project.js';
import type { Model } from '../model/types.js';
import { forEveryScenario } from './every.js';
import { scenarioPlan } from './plan.js';
import { modelWithPopulationVariant } from './population.js';
import { resolveScenario } from './resolve.js';
import { scenarioWorkforce } from './workforce.js';
import { MONTHS_PER_STEP } from '../model/time.js';
import type { Scenario } from './types.js';

/** A scenario and its projection. */
export interface ScenarioRun {
  scenario: Scenario;
  projection: Projection;
}

/** A baseline and scenarios projected on the same model and horizon. */
export interface Comparison {
  baseline: Projection;
  runs: ScenarioRun[];
}

/**
 * Projects a model under a scenario. `base` (the model compiled with the same options) is reused
 * when the scenario does not replace the population projection.
 *
 * @example
 * const p = await projectScenario(loadModel('models/example.yaml'), loadScenario('scenarios/early-help.yaml'));
 */
export async function projectScenario(model: Model, scenario: Scenario, options: CompileOptions = {}, base?: Compiled): Promise<Projection> {
  const { resolved, variant, compiled, plan } = await planScenario(model, scenario, options, base);
  const labels = [...resolved.programmes, ...resolved.capacityChanges].map((p) => ({ id: p.id, label: p.label }));
  const wf = scenarioWorkforce(variant, plan, runPlan(plan), resolved.workforce, MONTHS_PER_STEP[model.time.step]);
  const projection = projectionOf(variant, plan, wf.result, [...compiled.warnings], labels, wf.adjust);
  if (resolved.inflation !== null) projection.values = { ...projection.values, inflation: resolved.inflation };
  return projection;
}

/**
 * Everything a scenario's projection needs short of running it: the scenario checked against the
 * model, the model with its population variant, compiled, and the plan with the changes in place.
 * Throws `ScenarioInvalidError` for a scenario that does not fit the model.
 */
export async function planScenario(model: Model, scenario: Scenario, options: CompileOptions = {}, base?: Compiled) {
  const resolved = resolveScenario(scenario, model);
  const years = options.years ?? model.time.horizonYears;
  const variant = modelWithPopulationVariant(model, scenario, years);
  const compiled = base && variant === model ? base : await compileModel(variant, options);
  return { resolved, variant, compiled, plan: scenarioPlan(variant, compiled.plan, resolved) };
}

/** The baseline's projection from the model compiled once (`base`), shared by every scenario run on it. */
export function projectBaseline(model: Model, base: Compiled): Projection {
  return projectionOf(model, base.plan, runPlan(base.plan), [...base.warnings]);
}

/**
 * Projects the baseline (the model as it is) and each scenario. Every scenario is checked
 * against the model before anything runs, so a bad file fails fast.
 */
export async function compareScenarios(model: Model, scenarios: Scenario[], options: CompileOptions = {}): Promise<Comparison> {
  forEveryScenario(scenarios, (s) => resolveScenario(s, model));
  const base = await compileModel(model, options);
  const baseline = projectBaseline(model, base);
  const runs: ScenarioRun[] = [];
  for (const scenario of scenarios) runs.push({ scenario, projection: await projectScenario(model, scenario, options, base) });
  return { baseline, runs };
}
