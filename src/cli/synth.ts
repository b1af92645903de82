/** `carecast synth`: synthetic council records with a known truth (a model's matrix). */
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { synthesise } from '../estimate/synth.js';
import { writeFilesAtomic } from '../io/atomic.js';
import { loadModel } from '../model/load.js';
import type { CliIo } from './io.js';

/** Options of `carecast synth`. */
export interface SynthOptions {
  model: string;
  children: string;
  years: string;
  seed: string;
  out: string;
  quiet?: boolean;
}

/** Simulates and writes the files; returns the exit code. */
export async function synthCommand(opts: SynthOptions, io: CliIo): Promise<number> {
  const children = Number(opts.children);
  const years = Number(opts.years);
  if (!Number.isInteger(children) || children < 1 || children > 5_000_000) throw new UsageError(`--children must be a whole number from 1 to 5,000,000, not '${opts.children}'`);
  if (!Number.isInteger(years) || years < 1 || years > 30) throw new UsageError(`--years must be a whole number from 1 to 30, not '${opts.years}'`);
  const model = loadModel(opts.model);
  const { files, rows } = await synthesise(model, { children, years, seed: opts.seed });
  writeFilesAtomic([...files].map(([path, content]) => ({ path: join(opts.out, path), content })));
  if (!opts.quiet) io.err(`Wrote ${files.size} files to ${opts.out}: ${rows.episodes} SSDA903 episode rows, ${rows.cin} CIN census rows, ${rows.early_help} early-help rows, population.csv\n`);
  return 0;
}
