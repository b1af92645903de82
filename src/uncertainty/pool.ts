/** Runs chunks of draws on worker threads (piscina). Under tests the worker is TypeScript, loaded with tsx. */
import { Piscina } from 'piscina';
import { CarecastError } from '../errors.js';
import type { RunSpec, TaskResult } from './worker.js';

/** Hands out tasks one at a time to whoever is free: the workers and the calling thread. */
export type TaskQueue = () => [number, number] | undefined;

/**
 * Runs tasks from `next` on `workers` worker threads until it is empty, calling `onResult` as
 * each chunk completes (in any order). Once a worker's first chunk is done it holds a second in
 * its own queue, so it never waits for the calling thread (busy with draws) to hand it work; the
 * first chunk alone goes to a worker still starting, leaving the rest to the calling thread.
 * A carecast error in a worker (a model file changed since it was read, say) is thrown here with
 * its class's code, message, hint and issues.
 */
export async function runInWorkers(spec: RunSpec, next: TaskQueue, workers: number, onResult: (from: number, to: number, result: Float64Array) => void): Promise<void> {
  const typescript = import.meta.url.endsWith('.ts');
  const pool = new Piscina({
    filename: new URL(typescript ? './worker.ts' : './worker.js', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    concurrentTasksPerWorker: 2,
    ...(typescript && { execArgv: ['--import', 'tsx'] }),
  });
  const run = async (task: [number, number]) => {
    const [from, to] = task;
    const result: TaskResult = await pool.run({ ...spec, from, to });
    if ('error' in result) throw new CarecastError(result.error.code, result.error.message, result.error.hint, result.error.issues);
    onResult(from, to, result.figures);
  };
  const lane = async () => {
    for (let task = next(); task; task = next()) await run(task);
  };
  const worker = async () => {
    const first = next();
    if (!first) return;
    await run(first);
    await Promise.all([lane(), lane()]);
  };
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    await pool.destroy();
  }
}
