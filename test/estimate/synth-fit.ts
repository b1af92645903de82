/** Records simulated from a model (`carecast synth`) and fitted back (`carecast fit`), for the recovery tests. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../helpers.js';

/** Simulates 20,000 children for 3 years from `truthFile`, fits them with `fitArgs`, and returns the fitted model's path and text. */
export async function synthAndFit(truthFile: string, seed: string, fitArgs: string[]): Promise<{ file: string; text: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'carecast-synth-fit-'));
  expect((await runCli('synth', '--model', truthFile, '--children', '20000', '--years', '3', '--seed', seed, '--out', dir, '-q')).code).toBe(0);
  const file = join(dir, 'fitted.yaml');
  const r = await runCli('fit', '--ssda903', join(dir, '903'), '--cin', join(dir, 'cin.csv'), '--early-help', join(dir, 'early-help.csv'), '--population', join(dir, 'population.csv'), '--from', '2022-04-01', '--to', '2025-03-31', ...fitArgs, '--out', file, '-q');
  expect(r.code, r.stderr).toBe(0);
  return { file, text: readFileSync(file, 'utf8') };
}
