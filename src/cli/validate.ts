/**
 * `carecast validate MODEL [SCENARIO…]`: every check a run makes of its inputs (the files, the
 * CSVs they name, the model compiled, each scenario's changes applied to it), without running a
 * projection; every problem of every file at once.
 */
import { isAbsolute, relative } from 'node:path';
import { compileModel, type Compiled } from '../engine/compile.js';
import { CarecastError } from '../errors.js';
import { loadModel } from '../model/load.js';
import type { Model } from '../model/types.js';
import { loadScenario } from '../scenario/load.js';
import { planScenario } from '../scenario/project.js';
import type { Scenario } from '../scenario/types.js';
import type { CliIo } from './io.js';
import { reportError } from './report-error.js';

/** A path as the user would write it: relative to the working folder when inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** One line on what a valid model holds. */
function modelSummary(model: Model): string {
  const active = model.states.filter((s) => !s.absorbing).length;
  const parts = [
    `${plural(model.states.length, 'state')} (${active} active)`,
    model.ages ? plural(model.ages.bands.length, 'age band') : 'no age bands',
    `${model.time.step}ly steps from ${model.time.start} for ${plural(model.time.horizonYears, 'year')}`,
  ];
  if (model.population?.kind === 'projection') parts.push(`population from ${shown(model.population.projection.source)}`);
  if (model.population?.kind === 'births') parts.push('births by financial year');
  if (model.history) parts.push(`${plural(model.history.flags.length, 'history flag')} (${model.history.flags.map((f) => f.state).join(', ')})`);
  // States with duration bands are counted as written; the kernel steps their sub-states.
  if (model.durations) parts.push(`duration bands on ${model.durations.clocks.map((c) => c.state).join(', ')} (${plural(model.durations.states.length, 'state')} before expansion)`);
  return `${model.name}: ${parts.join(', ')}`;
}

/** One line on what a valid scenario changes. */
function scenarioSummary(s: Scenario): string {
  const counts: [number, string][] = [[s.changes.length, 'rate change'], [s.costs.length, 'cost change'], [s.mixShifts.length, 'placement shift'], [s.programmes.length, 'programme'], [s.capacity.length, 'capacity change'], [s.workforce.length, 'workforce change']];
  const parts = counts.filter(([n]) => n > 0).map(([n, what]) => plural(n, what));
  if (s.population) parts.push('a population variant');
  if (s.inflation) parts.push('inflation');
  if (s.directEntries) parts.push('direct entries scaled');
  return `${s.name}: ${parts.length ? parts.join(', ') : 'no changes'}${s.files.length > 1 ? ` (extends ${s.files.slice(1).map(shown).join(', ')})` : ''}`;
}

/** Checks the files; prints a line per valid file and every problem; returns 0 when all are valid, else 2. */
export async function validateCommand(modelFile: string, scenarioFiles: string[], io: CliIo): Promise<number> {
  const lines: string[] = [];
  const failed: CarecastError[] = [];
  const attempt = async <T>(f: () => Promise<T> | T): Promise<T | null> => {
    try {
      return await f();
    } catch (err) {
      if (!(err instanceof CarecastError)) throw err;
      failed.push(err);
      return null;
    }
  };
  const model = await attempt(() => loadModel(modelFile));
  let compiled: Compiled | null = null;
  if (model) compiled = await attempt(() => compileModel(model));
  if (model && compiled) lines.push(`${modelFile}: valid (${modelSummary(model)})`);
  for (const file of scenarioFiles) {
    const scenario = await attempt(() => loadScenario(file));
    if (!scenario) continue;
    // Without a valid model a scenario can only be checked on its own.
    if (!model || !compiled) lines.push(`${file}: valid on its own (${scenarioSummary(scenario)}); not checked against the model, which has problems`);
    else if (await attempt(() => planScenario(model, scenario, {}, compiled!))) lines.push(`${file}: valid (${scenarioSummary(scenario)})`);
  }
  if (lines.length) io.out(lines.join('\n') + '\n');
  if (!failed.length) {
    io.out('valid\n');
    return 0;
  }
  for (const err of failed) reportError(err, io);
  io.err(`${plural(failed.length, 'file')} with problems\n`);
  return Math.max(...failed.map((e) => e.exitCode));
}
