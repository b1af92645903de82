/** `carecast sensitivity MODEL [--scenario S]`: the tornado of one-at-a-time low/high runs. */
import { SENSITIVITY_FORMATS } from './formats.js';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { writeFilesAtomic } from '../io/atomic.js';
import { checkOutputTargets, filesIn } from '../io/output-path.js';
import { loadModel } from '../model/load.js';
import { renderMarkdown } from '../report/tables.js';
import { renderTerminal } from '../report/terminal.js';
import { tornadoCsv } from '../report/tornado.js';
import { sensitivityTable } from '../report/sensitivity-tables.js';
import { loadScenario } from '../scenario/load.js';
import { prepare } from '../uncertainty/montecarlo.js';
import { sensitivity } from '../uncertainty/sensitivity.js';
import type { CliIo } from './io.js';
import { parseFormat, parseYears } from './options.js';

/** Options of `carecast sensitivity`. */
export interface SensitivityOptions {
  scenario?: string;
  years?: string;
  format: string;
  out?: string;
  quiet?: boolean;
}

const SENSITIVITY_FILES = ['sensitivity.csv', 'sensitivity.md'];

/** Runs the sensitivity analysis; returns the exit code. */
export async function sensitivityCommand(modelFile: string, opts: SensitivityOptions, io: CliIo): Promise<number> {
  const format = parseFormat(opts.format, SENSITIVITY_FORMATS);
  const years = parseYears(opts.years);
  if (opts.out) checkOutputTargets(filesIn('--out', opts.out, SENSITIVITY_FILES));
  const model = loadModel(modelFile);
  const scenarios = opts.scenario ? [loadScenario(opts.scenario)] : [];
  const setup = await prepare(model, scenarios, years);
  const result = sensitivity(setup);
  if (result.rows.length === 0) {
    throw new UsageError(`${modelFile}${opts.scenario ? ` and ${opts.scenario} declare` : ' declares'} no uncertain parameters${model.uncertainty.yearShocks.length ? ' other than year shocks, which the tornado leaves out (run --draws shows their spread)' : ''}`, 'Add an uncertainty section to the model (models/README.md) or uncertainty to scenario items (scenarios/README.md).');
  }
  const spanYears = setup.periods.filter((p) => !p.partial).length;
  const title = `${model.name}: sensitivity${opts.scenario ? ` of ${scenarios[0].name}` : ''}`;
  const tables = [sensitivityTable(result, spanYears)];
  if (opts.out) {
    const files = [
      tornadoCsv(result),
      renderMarkdown(title, tables),
    ].map((content, i) => ({ path: join(opts.out!, SENSITIVITY_FILES[i]), content }));
    writeFilesAtomic(files);
    if (!opts.quiet) io.err(`Wrote ${files.map((f) => f.path).join(', ')}\n`);
  }
  if (!opts.quiet || !opts.out) {
    if (format === 'csv') io.out(tornadoCsv(result));
    else if (format === 'md') io.out(renderMarkdown(title, tables));
    else io.out(renderTerminal(title, tables));
  }
  return 0;
}

