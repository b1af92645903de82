/** `carecast run MODEL`: project a model and print or write its tables. */
import { RUN_FORMATS } from './formats.js';
import { join } from 'node:path';
import { project } from '../engine/project.js';
import { writeFilesAtomic } from '../io/atomic.js';
import { checkOutputTargets, filesIn } from '../io/output-path.js';
import { loadModel } from '../model/load.js';
import { asWritten } from '../model/durations.js';
import { projectionJson } from '../report/json.js';
import { projectionTables, renderMarkdown } from '../report/tables.js';
import { renderTerminal } from '../report/terminal.js';
import { tidyCsv } from '../report/tidy.js';
import { unitCostTable } from '../report/unit-costs.js';
import { initialStock } from '../report/comparison.js';
import type { CliIo } from './io.js';
import { parseFormat, parseYears } from './options.js';
import { parseDraws, type DrawFlags } from './draws.js';

/** Options of `carecast run`. */
export interface RunOptions extends DrawFlags {
  years?: string;
  format: string;
  out?: string;
  quiet?: boolean;
}

/** The files `--out` gets (with --draws: `drawsFiles('projection')`). */
const RUN_FILES = ['projection.csv', 'projection.json', 'projection.md'];

/** Runs the projection; returns the exit code. */
export async function runCommand(modelFile: string, opts: RunOptions, io: CliIo, version: string): Promise<number> {
  parseFormat(opts.format, RUN_FORMATS);
  const years = parseYears(opts.years);
  const draws = parseDraws(opts);
  // Monte Carlo (and its packages) loads only for a run with draws.
  const withDraws = draws ? await import('./run-draws.js') : undefined;
  if (opts.out) checkOutputTargets(filesIn('--out', opts.out, withDraws ? withDraws.drawsFiles('projection') : RUN_FILES));
  const model = loadModel(modelFile);
  if (withDraws && draws) return withDraws.runDrawsCommand(model, [], { ...opts, years }, draws, io, `${model.name}: projection from ${model.time.start}, with uncertainty`, 'projection');
  const projection = await project(model, { years });
  const title = `${model.name}: projection from ${model.time.start}`;
  // The unit costs behind the cost table, so a reader can check it adds up.
  const tables = [...projectionTables(projection), unitCostTable(asWritten(model), initialStock(projection))];
  const render = () => {
    switch (opts.format) {
      case 'md': return renderMarkdown(title, tables, projection.warnings);
      case 'json': return JSON.stringify(projectionJson(projection, version), null, 2) + '\n';
      case 'csv': return tidyCsv(projection);
      default: return renderTerminal(title, tables, projection.warnings);
    }
  };
  if (opts.out) {
    const files = [
      tidyCsv(projection),
      JSON.stringify(projectionJson(projection, version), null, 2) + '\n',
      renderMarkdown(title, tables, projection.warnings),
    ].map((content, i) => ({ path: join(opts.out!, RUN_FILES[i]), content }));
    writeFilesAtomic(files);
    if (!opts.quiet) io.err(`Wrote ${files.map((f) => f.path).join(', ')}\n`);
  }
  if (!opts.quiet || !opts.out) io.out(render());
  for (const w of projection.warnings) io.err(`Warning: ${w}\n`);
  return 0;
}

