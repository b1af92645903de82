/** `carecast synth`: synthetic council records with a known truth (a model's matrix). */
import { writtenIds } from '../model/durations.js';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { synthesise } from '../estimate/synth.js';
import { writeFilesAtomic } from '../io/atomic.js';
import { checkOutputTargets, filesIn } from '../io/output-path.js';
import { loadModel } from '../model/load.js';
import { withSuggestion } from '../model/suggest.js';
import type { Model } from '../model/types.js';
import { parseSeed, parseWholeNumber } from './options.js';
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

/** The active states synth writes records for; a child in any other active state would vanish from the records. */
const SYNTH_STATES = ['universal', 'early_help', 'cin', 'cpp', 'cic'];

/** Why synth cannot simulate `model`, or null. */
function synthProblem(model: Model): string | null {
  if (model.time.step !== 'month') return `synth simulates monthly models; this one steps by ${model.time.step} (time.step)`;
  // Sub-states of duration bands and history copies are written as the state they belong to.
  const written = writtenIds(model);
  const other = written.find((id, i) => !model.states[i].absorbing && !SYNTH_STATES.includes(id));
  if (!other) return null;
  return withSuggestion(`state '${other}' has no records synth can write (it writes ${SYNTH_STATES.join(', ')})`, other, SYNTH_STATES);
}

/** Simulates and writes the files; returns the exit code. */
export async function synthCommand(opts: SynthOptions, io: CliIo): Promise<number> {
  const children = parseWholeNumber('--children', opts.children, 1, 5_000_000);
  const years = parseWholeNumber('--years', opts.years, 1, 30, 'a whole number of years');
  const seed = parseSeed(opts.seed);
  // The folder is checked through the files always written in it (the 903/<year> folders depend on the run).
  checkOutputTargets(filesIn('--out', opts.out, ['cin.csv', 'early-help.csv', 'population.csv', '903/header.csv']));
  const model = loadModel(opts.model);
  const problem = synthProblem(model);
  if (problem) throw new UsageError(`${opts.model}: ${problem}`, 'Give a monthly model whose states are among universal, early_help, cin, cpp and cic (absorbing states may have any id).');
  const { files, rows } = await synthesise(model, { children, years, seed });
  writeFilesAtomic([...files].map(([path, content]) => ({ path: join(opts.out, path), content })));
  if (!opts.quiet) io.err(`Wrote ${files.size} files to ${opts.out}: ${rows.episodes} SSDA903 episode rows, ${rows.cin} CIN census rows, ${rows.early_help} early-help rows, population.csv\n`);
  return 0;
}
