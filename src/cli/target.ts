/** `carecast target MODEL SCENARIO --vary LEVER --target T`: goal-seek over one lever of a scenario. */
import { join } from 'node:path';
import { TargetNotReachableError, UsageError } from '../errors.js';
import { writeFilesAtomic } from '../io/atomic.js';
import { checkOutputTargets, filesIn } from '../io/output-path.js';
import { loadModel } from '../model/load.js';
import { renderMarkdown } from '../report/tables.js';
import { targetJson, targetTable } from '../target/board-table.js';
import { targetSentence } from '../target/words.js';
import { renderTerminal } from '../report/terminal.js';
import { loadScenariosFor } from '../scenario/collect.js';
import { chanceOfTarget, type ChanceResult } from '../target/chance.js';
import { parseRange, prepareSeek, seekPrepared, type SeekResult } from '../target/seek.js';
import type { Model } from '../model/types.js';
import { parseDraws } from './draws.js';
import { TARGET_FORMATS } from './formats.js';
import type { CliIo } from './io.js';
import { parseFormat, parseYears } from './options.js';

/** Options of `carecast target`. */
export interface TargetOptions {
  vary?: string;
  target?: string;
  range?: string;
  years?: string;
  format: string;
  out?: string;
  quiet?: boolean;
  draws?: string;
  seed?: string;
  chance?: string;
}

const TARGET_FILES = ['target.json', 'target.md'];

/** `--chance`: a share strictly between 0 and 1 (0.8), or a percentage (80%). */
export function parseChance(value: string | undefined): number {
  if (value === undefined) return 0.8;
  const m = /^(0?\.[0-9]+|[0-9]{1,2}(?:\.[0-9]+)?%)$/.exec(value.trim());
  const c = m ? (value.endsWith('%') ? Number(value.slice(0, -1)) / 100 : Number(value)) : NaN;
  if (!(c > 0 && c < 1)) throw new UsageError(`--chance must be a share between 0 and 1 (e.g. 0.8) or a percentage (80%), not '${value}'`);
  return c;
}

/** The goal-seek and, with draws, its chances: shared by `target` and `report --target`. */
export async function runTarget(model: Model, scenarioFile: string, opts: TargetOptions, years: number | undefined): Promise<{ seek: SeekResult; chance: ChanceResult | null }> {
  if (!opts.vary) throw new UsageError('--vary is required with --target: the lever to vary (an id of the scenario)', 'Add --vary LEVER, e.g. --vary fewer_step_ups (the error for an unknown lever lists them).');
  if (!opts.target) throw new UsageError('--target is required with --vary: what to reach, e.g. net_saving@5y=2000000');
  const draws = parseDraws({ draws: opts.draws, seed: opts.seed });
  if (opts.chance !== undefined && !draws) throw new UsageError('--chance goes with --draws', 'Add --draws N (e.g. --draws 2000 --seed 1).');
  const chanceWanted = parseChance(opts.chance);
  const range = opts.range === undefined ? undefined : parseRange(opts.range);
  const [scenario] = loadScenariosFor(model, [scenarioFile]);
  const setup = await prepareSeek(model, scenario, opts.vary, opts.target, { years, range });
  const seek = await seekPrepared(setup);
  if (seek.status === 'not_reachable') throw new TargetNotReachableError(`${scenario.file}: ${targetSentence(seek, model)}`);
  const chance = draws ? await chanceOfTarget(model, seek, { draws: draws.draws, seed: draws.seed, chance: chanceWanted, years }) : null;
  return { seek, chance };
}

/** Runs goal-seek; returns the exit code. Every input is checked before anything is written. */
export async function targetCommand(modelFile: string, scenarioFile: string, opts: TargetOptions, io: CliIo, version: string): Promise<number> {
  const format = parseFormat(opts.format, TARGET_FORMATS);
  const years = parseYears(opts.years);
  if (opts.out) checkOutputTargets(filesIn('--out', opts.out, TARGET_FILES));
  const model = loadModel(modelFile);
  const { seek, chance } = await runTarget(model, scenarioFile, opts, years);
  const title = `${model.name}: goal-seek, from ${model.time.start}`;
  const tables = [targetTable(seek, model, chance)];
  const json = () => JSON.stringify(targetJson(seek, model, chance, version), null, 2) + '\n';
  if (opts.out) {
    const files = [json(), renderMarkdown(title, tables)].map((content, i) => ({ path: join(opts.out!, TARGET_FILES[i]), content }));
    writeFilesAtomic(files);
    if (!opts.quiet) io.err(`Wrote ${files.map((f) => f.path).join(', ')}\n`);
  }
  if (!opts.quiet || !opts.out) {
    if (format === 'json') io.out(json());
    else if (format === 'md') io.out(renderMarkdown(title, tables));
    else io.out(renderTerminal(title, tables));
  }
  return 0;
}
