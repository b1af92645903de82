/**
 * `carecast planner MODEL [SCENARIO…] --out planner.html`: one self-contained HTML page in which
 * a planner moves each scenario's levers and the real engine, bundled into the page, projects again.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { checkOutputTargets } from '../io/output-path.js';
import { loadModel } from '../model/load.js';
import { summariseComparison } from '../report/comparison.js';
import { loadScenariosFor } from '../scenario/collect.js';
import { leversOf } from '../scenario/levers.js';
import { compareScenarios } from '../scenario/project.js';
import type { Scenario } from '../scenario/types.js';
import { plannerScript } from '../planner/bundle.js';
import { encodeModel } from '../planner/model-json.js';
import { plannerHtml } from '../planner/page.js';
import type { PlannerData } from '../planner/state.js';
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
  const { files, keyOf, sources } = pageFiles(scenarios);
  const data: PlannerData = {
    title: `${model.name}: the planner's page`,
    version,
    made: new Date().toISOString().slice(0, 10),
    years: years ?? null,
    modelFile,
    model: encodeModel(model),
    files,
    scenarios: scenarios.map((s) => keyOf(s.file)),
    sources,
  };
  const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
  const sourceFiles = [{ role: 'model' as const, path: modelFile, sha256: sha(modelFile) }, ...scenarios.flatMap((s) => s.files.map((f) => ({ role: 'scenario' as const, path: f, sha256: sha(f) })))];
  const html = plannerHtml({ data, script: await plannerScript(), model, stated, files: sourceFiles });
  writeFileAtomic(opts.out, html);
  const controls = scenarios.reduce((n, s) => n + leversOf(s).length, 0);
  if (!opts.quiet) io.err(`Wrote ${opts.out} (${Math.round(Buffer.byteLength(html) / 1024).toLocaleString('en-GB')} kB; ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}, ${controls} control${controls === 1 ? '' : 's'})\n`);
  return 0;
}

/**
 * The scenario files (those given and those they extend) by page path: relative to the folder
 * that holds them all, with `/` between folders, so `extends` resolves in the page as on disk.
 */
function pageFiles(scenarios: Scenario[]): { files: Record<string, string>; keyOf: (file: string) => string; sources: Record<string, string> } {
  const all = [...new Set(scenarios.flatMap((s) => s.files.map((f) => resolve(f))))];
  const root = all.map(dirname).reduce((a, b) => {
    while (a !== b && !(b + sep).startsWith(a.endsWith(sep) ? a : a + sep)) a = dirname(a);
    return a;
  }, all.length ? dirname(all[0]) : '.');
  const keyOf = (file: string) => '/' + relative(root, resolve(file)).split(sep).join('/');
  const files: Record<string, string> = {};
  const sources: Record<string, string> = {};
  for (const s of scenarios) s.files.forEach((f) => {
    files[keyOf(f)] = readFileSync(f, 'utf8');
    sources[keyOf(f)] = relative('.', f).split(sep).join('/');
  });
  return { files, keyOf, sources };
}
