/** Checking several scenarios and reporting the problems of all of them at once. */
import { ScenarioInvalidError } from '../errors.js';
import type { Model } from '../model/types.js';
import { loadScenario } from './load.js';
import { resolveScenario } from './resolve.js';
import type { Scenario } from './types.js';

/**
 * `f` applied to each item; if it throws `ScenarioInvalidError` for any, one error carrying every
 * item's problems is thrown (the error itself when only one item failed).
 */
export function forEveryScenario<T, R>(items: T[], f: (item: T) => R): R[] {
  const results: R[] = [];
  const failed: ScenarioInvalidError[] = [];
  for (const item of items) {
    try {
      results.push(f(item));
    } catch (err) {
      if (!(err instanceof ScenarioInvalidError)) throw err;
      failed.push(err);
    }
  }
  if (failed.length === 1) throw failed[0];
  if (failed.length > 1) throw new ScenarioInvalidError(`${failed.length} scenario files`, failed.flatMap((e) => e.issues));
  return results;
}

/**
 * Loads scenario files and checks each against `model`, listing the problems of all of them at
 * once (one `ScenarioInvalidError`).
 *
 * @example
 * const scenarios = loadScenariosFor(model, ['scenarios/early-help.yaml', 'scenarios/edge-of-care.yaml']);
 */
export function loadScenariosFor(model: Model, files: string[]): Scenario[] {
  return forEveryScenario(files, (f) => {
    const s = loadScenario(f);
    resolveScenario(s, model);
    return s;
  });
}
