/** `carecast compare MODEL SCENARIO…`: the baseline and each scenario, against each other. */
import { COMPARE_FORMATS } from './formats.js';
import { join } from 'node:path';
import { writeFilesAtomic } from '../io/atomic.js';
import { checkOutputTargets, filesIn } from '../io/output-path.js';
import { loadModel } from '../model/load.js';
import { summariseComparison } from '../report/comparison.js';
import { comparisonJson } from '../report/comparison-json.js';
import { comparisonTables } from '../report/comparison-tables.js';
import { comparisonCsv } from '../report/comparison-tidy.js';
import { renderMarkdown } from '../report/tables.js';
import { renderTerminal } from '../report/terminal.js';
import { comparisonWorkbook } from '../report/workbook.js';
import { loadScenariosFor } from '../scenario/collect.js';
import { compareScenarios } from '../scenario/project.js';
import type { MonteCarloResult } from '../uncertainty/montecarlo.js';
import type { CliIo } from './io.js';
import { parseFormat, parseYears } from './options.js';
import { parseDraws, type DrawFlags } from './draws.js';
import { drawsFiles, runDrawsCommand } from './run-draws.js';

/** Options of `carecast compare`. */
export interface CompareOptions extends DrawFlags {
  years?: string;
  format: string;
  out?: string;
  quiet?: boolean;
}

/** The files `--out` gets (with --draws: `drawsFiles('comparison')` and the workbook). */
const WORKBOOK = 'comparison.xlsx';
const COMPARE_FILES = ['comparison.csv', 'comparison.json', 'comparison.md', WORKBOOK];

/** Runs the comparison; returns the exit code. Every input is checked before anything is written. */
export async function compareCommand(modelFile: string, scenarioFiles: string[], opts: CompareOptions, io: CliIo, version: string): Promise<number> {
  const format = parseFormat(opts.format, COMPARE_FORMATS);
  const years = parseYears(opts.years);
  const draws = parseDraws(opts);
  // With draws, --out writes the files it writes without them too, and the draws' files beside them.
  if (opts.out) checkOutputTargets(filesIn('--out', opts.out, draws ? [...COMPARE_FILES, ...drawsFiles('comparison')] : COMPARE_FILES));
  const model = loadModel(modelFile);
  // Each file is loaded and checked against the model; the problems of all of them are listed at once.
  const scenarios = loadScenariosFor(model, scenarioFiles);
  const summary = summariseComparison(await compareScenarios(model, scenarios, { years }));
  const title = `${model.name}: scenarios compared, from ${model.time.start}`;
  const labels = scenarios.map((s) => s.shortLabel ?? s.name);
  const tables = comparisonTables(summary);
  const warnings = [...summary.baseline.warnings, ...summary.scenarios.flatMap((s) => s.warnings.map((w) => `${s.name}: ${w}`))];
  const json = () => JSON.stringify(comparisonJson(summary, version), null, 2) + '\n';
  const files = async () =>
    [
      comparisonCsv(summary),
      json(),
      renderMarkdown(title, tables, warnings),
      await comparisonWorkbook(summary, { title, version, labels }),
    ].map((content, i) => ({ path: join(opts.out!, COMPARE_FILES[i]), content }));
  if (draws) {
    // With --out: the files written without draws, but the workbook also carries the draws' intervals.
    const plain = opts.out ? (await files()).filter((f) => !f.path.endsWith(WORKBOOK)) : [];
    const workbook = async (mc: MonteCarloResult) => [{ name: WORKBOOK, content: await comparisonWorkbook(summary, { title, version, labels }, mc) }];
    return runDrawsCommand(model, scenarios, { ...opts, years }, draws, io, `${title}, with uncertainty`, 'comparison', plain, workbook);
  }
  if (opts.out) {
    const written = await files();
    writeFilesAtomic(written);
    if (!opts.quiet) io.err(`Wrote ${written.map((f) => f.path).join(', ')}\n`);
  }
  if (!opts.quiet || !opts.out) {
    switch (format) {
      case 'md': io.out(renderMarkdown(title, tables, warnings)); break;
      case 'json': io.out(json()); break;
      case 'csv': io.out(comparisonCsv(summary)); break;
      default: io.out(renderTerminal(title, tables, warnings));
    }
  }
  for (const w of warnings) io.err(`Warning: ${w}\n`);
  return 0;
}

