/**
 * Reading a scenario file from disk: the file checked, then parsed (parse.ts) with the files its
 * `extends` chain names read from disk too.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ScenarioInvalidError } from '../errors.js';
import { checkFile, MAX_YAML_BYTES, sizeProblem } from '../io/files.js';
import { parseScenarioWith, type ScenarioFiles } from './parse.js';
import type { Scenario } from './types.js';

/** Scenario files on disk. */
export const nodeScenarioFiles: ScenarioFiles = {
  dirname,
  resolve,
  read(target) {
    if (!existsSync(target)) return { problem: `no such file: ${target}` };
    const stats = statSync(target);
    if (stats.isDirectory()) return { problem: `${target} is a folder` };
    const tooLarge = sizeProblem(target, stats, MAX_YAML_BYTES, 'a scenario file');
    return tooLarge ? { issue: tooLarge } : { text: readFileSync(target, 'utf8') };
  },
};

/**
 * Loads a scenario file and the files it extends. Throws `ScenarioInvalidError` listing every
 * problem with file, line, column and field.
 *
 * @example
 * const scenario = loadScenario('scenarios/early-help.yaml');
 */
export function loadScenario(file: string): Scenario {
  const stats = checkFile(file, 'a scenario file (YAML)');
  const tooLarge = sizeProblem(file, stats, MAX_YAML_BYTES, 'a scenario file');
  if (tooLarge) throw new ScenarioInvalidError(file, [tooLarge]);
  return parseScenario(readFileSync(file, 'utf8'), file);
}

/** Validates scenario text as if read from `file` (`extends` and paths resolve from its folder). */
export function parseScenario(text: string, file: string, seen: string[] = []): Scenario {
  return parseScenarioWith(text, file, nodeScenarioFiles, seen);
}
