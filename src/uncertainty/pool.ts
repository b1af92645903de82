/** Runs chunks of draws on worker threads (piscina). Under tests the worker is TypeScript, loaded with tsx. */
import { Piscina } from 'piscina';
import type { RunSpec } from './worker.js';

/** Runs every task on `threads` workers, calling `onResult` as each chunk completes (in any order). */
export async function runInWorkers(spec: RunSpec, tasks: [number, number][], threads: number, onResult: (from: number, to: number, result: Float64Array) => void): Promise<void> {
  const typescript = import.meta.url.endsWith('.ts');
  const pool = new Piscina({
    filename: new URL(typescript ? './worker.ts' : './worker.js', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    ...(typescript && { execArgv: ['--import', 'tsx'] }),
  });
  try {
    await Promise.all(
      tasks.map(async ([from, to]) => {
        const result: Float64Array = await pool.run({ ...spec, from, to });
        onResult(from, to, result);
      }),
    );
  } finally {
    await pool.destroy();
  }
}
