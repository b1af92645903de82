/**
 * Seeded Monte Carlo over the declared parameter uncertainty: each draw runs the baseline and
 * every scenario with the same model parameters (common random numbers). Draw d always uses the
 * generator seeded `seed/d`, so results do not depend on how draws are split over threads.
 */
import { drawsByState } from './durations.js';
import { statesApart } from '../model/age-range.js';
import { existsSync } from 'node:fs';
import { compileModel } from '../engine/compile.js';
import type { Period, Plan } from '../engine/plan.js';
import { UsageError } from '../errors.js';
import { projectionCoverageProblem } from '../model/population.js';
import { parseIsoDate } from '../model/time.js';
import { modelWithProjection } from '../model/variant.js';
import type { Model, State } from '../model/types.js';
import { modelWithPopulationVariant } from '../scenario/population.js';
import { scenarioKeys } from '../scenario/keys.js';
import { resolveScenario, type ResolvedScenario } from '../scenario/resolve.js';
import type { Scenario } from '../scenario/types.js';
import { prepareDrawPlans, type DrawPlans } from './draw-plans.js';
import { drawModelValues, drawScenarioValues, pointModelValues, pointScenarioValues, type ModelValues, type ScenarioValues } from './parameters.js';
import { drawGenerator } from './random.js';

/** Figures kept per arm and period: children by state, then these four. */
export const EXTRA_FIGURES = ['cost', 'cost_discounted', 'programme_cost', 'programme_cost_discounted'] as const;

/** One arm of a run: the baseline (no scenario) or a scenario. */
export interface Arm {
  name: string;
  /** Unique key: `baseline`, or the scenario file's name (see `scenarioKeys`). */
  key: string;
  scenario: ResolvedScenario | null;
  /** The arm's model and plan for each population variant (one entry without variants). */
  models: Model[];
  plans: Plan[];
}

/** Everything a draw needs, prepared once. */
export interface Setup {
  model: Model;
  arms: Arm[];
  periods: Period[];
  /** The arms as the specialised kernel runs them (made on first use). */
  draws?: DrawPlans;
}

/** Compiles the model (and any population variant) and resolves the scenarios, once. */
export async function prepare(model: Model, scenarios: Scenario[], years?: number): Promise<Setup> {
  const horizon = years ?? model.time.horizonYears;
  const start = parseIsoDate(model.time.start)!;
  for (const v of model.uncertainty.variants) {
    const problem = v.projection && projectionCoverageProblem(v.projection, start, horizon);
    if (problem) throw new UsageError(`${horizon} years is longer than population variant '${v.label}' covers: ${problem.message}`, 'Project fewer years (--years), or extend the variant\'s projection file.');
  }
  // One model per population variant; a variant without a file is the model's own projection.
  const variantModels = (m: Model) => (model.uncertainty.variants.length ? model.uncertainty.variants.map((v) => (v.projection ? modelWithProjection(m, v.projection) : m)) : [m]);
  const compiled = new Map<Model, Plan>();
  // Care leavers' cost is reported apart from the cost of services (report/summary.ts), so the
  // draws' cost leaves it out too.
  // A state split into duration bands or history copies is a group of the states the plan runs.
  const apart = statesApart(model).flatMap((id) => {
    const i = model.states.findIndex((s) => s.id === id);
    return i >= 0 ? [i] : (model.groups.find((g) => g.id === id)?.states ?? []).map((sid) => model.states.findIndex((s) => s.id === sid));
  });
  const planOf = async (m: Model) => {
    let plan = compiled.get(m);
    if (!plan) compiled.set(m, (plan = withoutCosts((await compileModel(m, { years })).plan, apart)));
    return plan;
  };
  const arms: Arm[] = [];
  const models = variantModels(model);
  arms.push({ name: 'baseline', key: 'baseline', scenario: null, models, plans: await Promise.all(models.map(planOf)) });
  const keys = scenarioKeys(scenarios.map((s) => s.file));
  for (const [i, s] of scenarios.entries()) {
    const resolved = resolveScenario(s, model);
    const variant = modelWithPopulationVariant(model, s, horizon);
    // A scenario's own projection file wins over the model's variants.
    const ms = variant === model ? models : models.map(() => variant);
    arms.push({ name: s.name, key: keys[i], scenario: resolved, models: ms, plans: await Promise.all(ms.map(planOf)) });
  }
  return { model, arms, periods: arms[0].plans[0].periods };
}

/** `plan` with no cost on `states` (the plan itself when there are none). */
function withoutCosts(plan: Plan, states: number[]): Plan {
  if (!states.length) return plan;
  const costPerStep = plan.costPerStep.slice();
  for (let k = 0; k < plan.nSteps; k++) for (const s of states) costPerStep[k * plan.nStates + s] = 0;
  return { ...plan, costPerStep };
}

/** Numbers per draw: arms × periods × (states + 4). */
export function figuresPerDraw(setup: Setup): number {
  return setup.arms.length * setup.periods.length * (setup.model.states.length + EXTRA_FIGURES.length);
}

/**
 * Runs every arm with the given parameter values, writing its figures into `out` at `offset`
 * (on the specialised kernel; the arms are prepared for it on first use).
 */
export function runArms(setup: Setup, modelValues: ModelValues, scenarioValues: (ScenarioValues | null)[], out: Float64Array, offset: number): void {
  setup.draws ??= prepareDrawPlans(setup);
  setup.draws.run(modelValues, scenarioValues, out, offset, setup.model.states.length + EXTRA_FIGURES.length);
}

/** Figures of draws `from` to `to` (exclusive), one after another. */
export function runDraws(setup: Setup, seed: number | string, from: number, to: number): Float64Array {
  const size = figuresPerDraw(setup);
  const out = new Float64Array((to - from) * size);
  let mv: ModelValues | undefined;
  for (let d = from; d < to; d++) {
    mv = drawModelValues(setup.model, drawGenerator(seed, d), mv, setup.periods.length);
    const sv = setup.arms.map((a) => (a.scenario ? drawScenarioValues(a.scenario, drawGenerator(seed, d, `scenario:${a.key}`)) : null));
    runArms(setup, mv, sv, out, (d - from) * size);
  }
  return out;
}

/** The figures of one run at the stated values (the deterministic projection). */
export function runPoint(setup: Setup): Float64Array {
  const out = new Float64Array(figuresPerDraw(setup));
  runArms(setup, pointModelValues(setup.model), setup.arms.map((a) => (a.scenario ? pointScenarioValues(a.scenario) : null)), out, 0);
  return out;
}

/** Options of a Monte Carlo run. */
export interface MonteCarloOptions {
  draws: number;
  seed: number | string;
  years?: number;
  /** Worker threads (1: in this thread). Workers load the model and scenario files by path. */
  threads?: number;
  /** Draws per task; the split does not change the results. */
  chunk?: number;
  onProgress?: (done: number, total: number) => void;
}

/** The figures of every draw, with what is needed to read them. */
export interface MonteCarloResult {
  draws: number;
  seed: number | string;
  states: State[];
  /** Arms' names (for people) and unique keys (for lookups and files), baseline first. */
  arms: string[];
  keys: string[];
  periods: Period[];
  /** Groups of states (e.g. all children in care), summarised as the sum of their states. */
  groups: { id: string; label: string; states: number[] }[];
  /** `[draw][arm][period][figure]`, figure = each state's children at the period's end, then `EXTRA_FIGURES`. */
  figures: Float64Array;
  /** The same figures at the stated values. */
  point: Float64Array;
  /** States reported apart from the children the population counts (care leavers past 17), as indices of `states`. */
  apart?: number[];
}

/**
 * Runs `draws` draws of the baseline and each scenario.
 *
 * @example
 * const mc = await monteCarlo(loadModel('models/example.yaml'), [], { draws: 1000, seed: 42 });
 */
export async function monteCarlo(model: Model, scenarios: Scenario[], opts: MonteCarloOptions): Promise<MonteCarloResult> {
  const setup = await prepare(model, scenarios, opts.years);
  const size = figuresPerDraw(setup);
  const figures = new Float64Array(opts.draws * size);
  const chunk = opts.chunk ?? 100;
  let done = 0;
  const threads = Math.max(1, Math.min(opts.threads ?? 1, Math.ceil(opts.draws / chunk)));
  const record = (from: number, to: number, result: Float64Array) => {
    figures.set(result, from * size);
    done += to - from;
    opts.onProgress?.(done, opts.draws);
  };
  // After any failure no more tasks are handed out, so the run stops at once.
  let failed = false;
  let handed = 0;
  // Chunks of at most `most` draws, smaller towards the end (a share of what is left, at least a tenth
  // of a chunk) so no thread is left running a long last chunk while the others wait.
  const next = (most = chunk): [number, number] | undefined => {
    if (failed || handed >= opts.draws) return undefined;
    const left = opts.draws - handed;
    const n = threads === 1 ? most : Math.min(most, Math.max(Math.ceil(chunk / 10), Math.ceil(left / (2 * threads))));
    const task: [number, number] = [handed, Math.min(opts.draws, handed + n)];
    handed = task[1];
    return task;
  };
  const stopOnError = async (work: Promise<void>) => {
    try {
      await work;
    } catch (err) {
      failed = true;
      throw err;
    }
  };
  // The calling thread has the model loaded and compiled already: it draws too, beside
  // threads - 1 workers, so only they pay a thread's start-up. It hands the workers their next
  // chunks only between its own, so beside workers it takes a tenth of a chunk at a time: a
  // worker that finishes a chunk (running the second it holds) gets another within that time,
  // where with whole chunks here it sat idle for up to one of them (a third of a 2-thread run).
  const mine = threads === 1 ? chunk : Math.ceil(chunk / 10);
  const here = async () => {
    for (let task = next(mine); task; task = next(mine)) {
      record(task[0], task[1], runDraws(setup, opts.seed, task[0], task[1]));
      await new Promise((r) => setImmediate(r)); // let workers' results and a progress bar through
    }
  };
  if (threads === 1) await here();
  else {
    const files = [model.file, ...scenarios.map((s) => s.file)];
    const missing = files.find((f) => !existsSync(f));
    if (missing) throw new UsageError(`worker threads load the model and scenarios from their files, and ${missing} does not exist`, 'Run with one thread, or load the model and scenarios from files.');
    const { runInWorkers } = await import('./pool.js');
    const spec = { modelFile: model.file, scenarioFiles: scenarios.map((s) => s.file), years: opts.years, seed: opts.seed };
    await Promise.all([stopOnError(runInWorkers(spec, next, threads - 1, record)), stopOnError(here())]);
  }
  const groups = model.groups.map((g) => ({ id: g.id, label: g.label, states: g.states.map((id) => model.states.findIndex((x) => x.id === id)) }));
  // With duration bands, figures are read by the model's own states (sub-states summed).
  const byState = drawsByState(model, { draws: opts.draws, seed: opts.seed, states: model.states, groups, arms: setup.arms.map((a) => a.name), keys: setup.arms.map((a) => a.key), periods: setup.periods, figures, point: runPoint(setup) });
  const apartIds = statesApart(model);
  return apartIds.length ? { ...byState, apart: apartIds.map((id) => byState.states.findIndex((s) => s.id === id)).filter((i) => i >= 0) } : byState;
}
