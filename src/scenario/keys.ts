/** Short, unique keys for scenarios in outputs and random streams. */
import { basename, extname } from 'node:path';

/**
 * One key per scenario file: the file's name without its extension; `baseline` is kept for the
 * model as it is, and a repeated name gets `-2`, `-3`, ….
 *
 * @example
 * scenarioKeys(['scenarios/early-help.yaml', 'other/early-help.yaml']); // ['early-help', 'early-help-2']
 */
export function scenarioKeys(files: string[]): string[] {
  const used = new Set(['baseline']);
  return files.map((file) => {
    const stem = basename(file, extname(file));
    let key = stem;
    for (let k = 2; used.has(key); k++) key = `${stem}-${k}`;
    used.add(key);
    return key;
  });
}
