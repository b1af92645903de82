/** A worker thread's task: load the model and scenarios (once per thread) and run a chunk of draws. */
import { CarecastError } from '../errors.js';
import { loadModel } from '../model/load.js';
import { loadScenario } from '../scenario/load.js';
import { prepare, runDraws, type Setup } from './montecarlo.js';

/** What every task of one run shares. */
export interface RunSpec {
  modelFile: string;
  scenarioFiles: string[];
  years?: number;
  seed: number | string;
}

const setups = new Map<string, Promise<Setup>>();

/** A chunk's figures, or the carecast error that stopped it (as plain data: classes do not cross threads). */
export type TaskResult = { figures: Float64Array } | { error: Pick<CarecastError, 'code' | 'message' | 'hint' | 'issues'> };

/** Runs draws `from` to `to` of the run `spec`; the setup is cached per thread. */
export default async function runTask(task: RunSpec & { from: number; to: number }): Promise<TaskResult> {
  const key = JSON.stringify([task.modelFile, task.scenarioFiles, task.years]);
  let setup = setups.get(key);
  if (!setup) {
    setup = (async () => prepare(loadModel(task.modelFile), task.scenarioFiles.map((f) => loadScenario(f)), task.years))();
    setups.set(key, setup);
  }
  try {
    return { figures: runDraws(await setup, task.seed, task.from, task.to) };
  } catch (err) {
    if (err instanceof CarecastError) return { error: { code: err.code, message: err.message, hint: err.hint, issues: err.issues } };
    throw err;
  }
}
