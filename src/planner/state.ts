/**
 * The planner's page without the page: the model and scenarios it carries, the levers as set, and
 * the projection of each setting by the same calls `carecast compare` makes (`compareScenarios`
 * for the baseline, `projectScenario` on the model compiled once for each scenario, then
 * `summariseComparison`). Pure: the browser entry and the tests both drive it.
 */
import { CarecastError, formatIssue } from '../errors.js';
import { compileModel, type Compiled } from '../engine/compile.js';
import type { Model } from '../model/types.js';
import { summariseComparison, type ComparisonSummary } from '../report/comparison.js';
import { leversOf, type Lever } from '../scenario/levers.js';
import { parseScenarioWith } from '../scenario/parse.js';
import { compareScenarios, projectScenario, type ScenarioRun } from '../scenario/project.js';
import { resolveScenario } from '../scenario/resolve.js';
import type { Scenario } from '../scenario/types.js';
import type { Projection } from '../engine/project.js';
import { pageScenarioFiles } from './files.js';
import { decodeModel } from './model-json.js';
import { scenarioYamlAsSet } from './save.js';

/** What the CLI puts in the page (as JSON): everything the page shows and projects. */
export interface PlannerData {
  title: string;
  /** carecast's version and the date the page was made (YYYY-MM-DD). */
  version: string;
  made: string;
  /** The horizon in years (compare's --years), or null for the model's own. */
  years: number | null;
  modelFile: string;
  /** The model as `encodeModel` wrote it. */
  model: string;
  /** Scenario files by page path (`/early-help.yaml`): those given and those they extend. */
  files: Record<string, string>;
  /** Page paths of the scenarios given, in order. */
  scenarios: string[];
  /** Page path → the path the file was read from, for messages. */
  sources: Record<string, string>;
}

/** A scenario in the page: as its file states it, and its levers as set. */
export interface PlannerScenario {
  scenario: Scenario;
  levers: Lever[];
  /** Each lever's value as set (the stated value until moved). */
  values: Record<string, number | string>;
  /** Why the page cannot project this scenario (it stays out of the figures), or null. */
  unavailable: string | null;
  /** Why the last setting could not be projected (the figures keep the last one that could), or null. */
  error: string | null;
  /** The projection of the last setting that could be projected. */
  projection: Projection | null;
}

/** The page's state. */
export interface Planner {
  model: Model;
  years: number | undefined;
  files: Record<string, string>;
  base: Compiled;
  baseline: Projection;
  scenarios: PlannerScenario[];
}

/** Opens the page's data: the model decoded and compiled, each scenario parsed, checked and projected as stated. */
export async function openPlanner(data: PlannerData): Promise<Planner> {
  const model = decodeModel(data.model);
  const years = data.years ?? undefined;
  const files = { ...data.files };
  const { baseline } = await compareScenarios(model, [], { years });
  const base = await compileModel(model, { years });
  const planner: Planner = { model, years, files, base, baseline, scenarios: [] };
  for (const key of data.scenarios) planner.scenarios.push(plannerScenario(model, parseScenarioWith(files[key], key, pageScenarioFiles(files))));
  await reproject(planner);
  return planner;
}

/**
 * Why the page cannot project a scenario: a population variant read from a file (the page reads
 * no files; the model's own projection is carried, not the variant's). Null when it can.
 */
export function unavailableReason(model: Model, s: Scenario): string | null {
  if (s.population?.file && model.population?.kind === 'projection') {
    return `its population variant is read from a file (${s.population.file}), which this page cannot read: run carecast compare for its figures`;
  }
  return null;
}

function plannerScenario(model: Model, scenario: Scenario): PlannerScenario {
  const levers = leversOf(scenario);
  const unavailable = unavailableReason(model, scenario);
  if (!unavailable) resolveScenario(scenario, model);
  return { scenario, levers, values: Object.fromEntries(levers.map((l) => [l.name, l.stated])), unavailable, error: null, projection: null };
}

/**
 * The scenario with every lever at its value as set: its file as the page would save it, parsed
 * again, so a setting gets every check a file gets (an end before its start, a negative count)
 * and the page projects exactly what `carecast compare` would run from the saved file. Throws
 * `ScenarioInvalidError`, located in the file as saved.
 */
export function scenarioAsSet(planner: Planner, ps: PlannerScenario): Scenario {
  if (ps.levers.every((l) => ps.values[l.name] === l.stated)) return ps.scenario;
  const own = ps.scenario.file;
  const text = scenarioYamlAsSet(planner.files, ps.scenario, ps.values);
  return parseScenarioWith(text, own, pageScenarioFiles({ ...planner.files, [own]: text }));
}

/**
 * Projects the scenarios at `indices` (default: all) as set, keeping each one's last good
 * projection and the reason when a setting cannot be projected (a located error, as the CLI gives).
 */
export async function reproject(planner: Planner, indices: number[] = planner.scenarios.map((_, i) => i)): Promise<void> {
  for (const i of indices) {
    const ps = planner.scenarios[i];
    if (ps.unavailable) continue;
    try {
      ps.projection = await projectScenario(planner.model, scenarioAsSet(planner, ps), { years: planner.years }, planner.base);
      ps.error = null;
    } catch (err) {
      if (!(err instanceof CarecastError)) throw err;
      ps.error = [err.message, ...err.issues.map(formatIssue)].join('\n');
    }
  }
}

/** The comparison of the baseline and every scenario the page can project, as `carecast compare` summarises it. */
export function plannerSummary(planner: Planner): ComparisonSummary {
  // The scenario's name, file and sources are what the summary reads: the same as set or stated.
  const runs: ScenarioRun[] = planner.scenarios.filter((ps) => ps.projection).map((ps) => ({ scenario: ps.scenario, projection: ps.projection! }));
  return summariseComparison({ baseline: planner.baseline, runs });
}

/**
 * Adds a scenario file loaded in the page (`path` a page path such as `/my-scenario.yaml`; its
 * `extends` resolve among the page's files), or replaces the scenario of the same name. Throws
 * the located error `carecast compare` would give for a file that does not parse or fit the model.
 * Returns the index of the scenario.
 */
export async function loadScenarioText(planner: Planner, text: string, path: string): Promise<number> {
  const files = { ...planner.files, [path]: text };
  const ps = plannerScenario(planner.model, parseScenarioWith(text, path, pageScenarioFiles(files)));
  planner.files = files;
  const same = planner.scenarios.findIndex((x) => x.scenario.name === ps.scenario.name);
  const at = same >= 0 ? same : planner.scenarios.length;
  planner.scenarios[at] = ps;
  await reproject(planner, [at]);
  return at;
}
