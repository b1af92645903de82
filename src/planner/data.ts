/**
 * What the CLI puts in the planner's page, gathered in Node: the model encoded, and the scenario
 * files (those given and those they extend) by page path, relative to the folder holding them
 * all, so `extends` resolves in the page as on disk.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { Model } from '../model/types.js';
import type { Scenario } from '../scenario/types.js';
import { encodeModel } from './model-json.js';
import type { PlannerData } from './state.js';

/** How the page was made. */
export interface PlannerDataOptions {
  version: string;
  /** The date the page is made (YYYY-MM-DD). */
  made: string;
  years?: number;
  modelFile: string;
}

/**
 * The page's data for a loaded model and its scenarios (loaded from files).
 *
 * @example
 * plannerData(model, scenarios, { version: '0.1.0', made: '2026-12-02', modelFile: 'models/example.yaml' });
 */
export function plannerData(model: Model, scenarios: Scenario[], o: PlannerDataOptions): PlannerData {
  const all = [...new Set(scenarios.flatMap((s) => s.files.map((f) => resolve(f))))];
  const root = all.map(dirname).reduce(commonFolder, all.length ? dirname(all[0]) : resolve('.'));
  const keyOf = (file: string) => '/' + relative(root, resolve(file)).split(sep).join('/');
  const files: Record<string, string> = {};
  const sources: Record<string, string> = {};
  for (const s of scenarios) {
    for (const f of s.files) {
      files[keyOf(f)] = readFileSync(f, 'utf8');
      sources[keyOf(f)] = relative('.', f).split(sep).join('/');
    }
  }
  return {
    title: `${model.name}: the planner's page`,
    version: o.version,
    made: o.made,
    years: o.years ?? null,
    modelFile: o.modelFile,
    model: encodeModel(model),
    files,
    scenarios: scenarios.map((s) => keyOf(s.file)),
    sources,
  };
}

/** The deepest folder holding both. */
function commonFolder(a: string, b: string): string {
  while (a !== b && !b.startsWith(a.endsWith(sep) ? a : a + sep)) a = dirname(a);
  return a;
}
