/** The Monte Carlo options `run` and `compare` share: parsing, and a progress bar on stderr. */
import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import { UsageError } from '../errors.js';
import { parseSeed, parseWholeNumber } from './options.js';

/** `--draws`, `--seed`, `--threads` as given. */
export interface DrawFlags {
  draws?: string;
  seed?: string;
  threads?: string;
}

/** Parsed draw options, or null when no draws were asked for. */
export function parseDraws(flags: DrawFlags): { draws: number; seed: string; threads: number } | null {
  if (flags.draws === undefined) {
    if (flags.seed !== undefined || flags.threads !== undefined) throw new UsageError('--seed and --threads go with --draws', 'Add --draws N (e.g. --draws 10000 --seed 42).');
    return null;
  }
  // Every draw's figures are kept for exact percentiles: 100,000 draws of the example take about 300 MB.
  const draws = parseWholeNumber('--draws', flags.draws, 1, 100_000);
  const seed = parseSeed(flags.seed ?? '1');
  // Workers cost a start-up each: below 1,000 draws one thread is faster.
  const threads = flags.threads === undefined ? (draws >= 1000 ? availableParallelism() : 1) : parseWholeNumber('--threads', flags.threads, 1, 64);
  return { draws, seed, threads };
}

/** A progress callback drawing a bar on stderr, only when stderr is a terminal (and not quiet). */
export function progressBar(quiet: boolean | undefined): { onProgress?: (done: number, total: number) => void; stop: () => void } {
  if (quiet || !process.stderr.isTTY) return { stop: () => {} };
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'draws {bar} {value}/{total} ({percentage}%) {eta}s left', hideCursor: true }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    onProgress: (done, total) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
}
