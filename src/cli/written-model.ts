/** The check a model file carecast writes must pass before it is renamed into place. */
import { CarecastError, formatIssue } from '../errors.js';
import { withoutTempNames } from '../io/atomic.js';

/**
 * Runs `load` (which loads the written model from its temporary file); a failure is carecast's
 * fault, reported against `out` (not the temporary name) with nothing left on disk.
 */
export function checkWrittenModel(out: string, load: () => unknown): void {
  try {
    load();
  } catch (err) {
    const detail = withoutTempNames(err instanceof CarecastError && err.issues.length ? formatIssue(err.issues[0]) : (err as Error).message);
    throw new Error(`the model written for ${out} failed its own check, so it was not kept (${detail})`);
  }
}
