/** Runs chunks of draws on worker threads (piscina). Under tests the worker is TypeScript, loaded with tsx. */
import { Piscina } from 'piscina';
import type { RunSpec } from './worker.js';

/** Hands out tasks one at a time to whoever is free: the workers and the calling thread. */
export type TaskQueue = () => [number, number] | undefined;

/**
 * Runs tasks from `next` on `workers` worker threads until it is empty, calling `onResult` as
 * each chunk completes (in any order). Each worker holds a second task in its own queue, so it
 * never waits for the calling thread to hand it work while that thread is busy with draws.
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
  const lane = async () => {
    for (let task = next(); task; task = next()) {
      const [from, to] = task;
      const result: Float64Array = await pool.run({ ...spec, from, to });
      onResult(from, to, result);
    }
  };
  try {
    await Promise.all(Array.from({ length: 2 * workers }, lane));
  } finally {
    await pool.destroy();
  }
}
