/**
 * `carecast planner MODEL [SCENARIO…] --out planner.html`: one self-contained HTML page in which
 * a planner moves each scenario's levers and the real engine, bundled into the page, projects again.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { checkOutputTargets } from '../io/output-path.js';
import { loadModel } from '../model/load.js';
import { summariseComparison } from '../report/comparison.js';
import { loadScenariosFor } from '../scenario/collect.js';
import { leversOf } from '../scenario/levers.js';
import { compareScenarios } from '../scenario/project.js';
import { plannerScript } from '../planner/bundle.js';
import { plannerData } from '../planner/data.js';
import { plannerHtml } from '../planner/page.js';
import type { CliIo } from './io.js';
import { parseYears } from './options.js';

/** Options of `carecast planner`. */
export interface PlannerOptions {
  out?: string;
  years?: string;
  quiet?: boolean;
}

/** Writes the page; returns the exit code. Every input is checked before anything is written. */
export async function plannerCommand(modelFile: string, scenarioFiles: string[], opts: PlannerOptions, io: CliIo, version: string): Promise<number> {
  if (!opts.out) throw new UsageError('--out is required: the file to write the page to', 'Add --out planner.html.');
  const years = parseYears(opts.years);
  checkOutputTargets([{ path: opts.out, flag: '--out', value: opts.out }]);
  const model = loadModel(modelFile);
  const scenarios = loadScenariosFor(model, scenarioFiles);
  // The stated comparison runs here first, so a setting the engine refuses fails now, not in the page.
  const stated = summariseComparison(await compareScenarios(model, scenarios, { years }));
  const data = plannerData(model, scenarios, { version, made: new Date().toISOString().slice(0, 10), years, modelFile });
  const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
  const sourceFiles = [{ role: 'model' as const, path: modelFile, sha256: sha(modelFile) }, ...scenarios.flatMap((s) => s.files.map((f) => ({ role: 'scenario' as const, path: f, sha256: sha(f) })))];
  const html = plannerHtml({ data, script: await plannerScript(), model, stated, files: sourceFiles });
  writeFileAtomic(opts.out, html);
  const controls = scenarios.reduce((n, s) => n + leversOf(s).length, 0);
  if (!opts.quiet) io.err(`Wrote ${opts.out} (${Math.round(Buffer.byteLength(html) / 1024).toLocaleString('en-GB')} kB; ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}, ${controls} control${controls === 1 ? '' : 's'})\n`);
  return 0;
}
