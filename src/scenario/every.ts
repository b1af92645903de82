/** Checking several scenarios and reporting the problems of all of them at once (no file access). */
import { ScenarioInvalidError } from '../errors.js';

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
