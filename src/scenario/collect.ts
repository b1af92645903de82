/** Loading scenario files and checking them against a model, the problems of all of them at once. */
import type { Model } from '../model/types.js';
import { forEveryScenario } from './every.js';
import { loadScenario } from './load.js';
import { resolveScenario } from './resolve.js';
import type { Scenario } from './types.js';

export { forEveryScenario };

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
