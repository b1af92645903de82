/**
 * Output paths checked before any work (so a bad `--out` fails at once, not after a long run),
 * and folders made one at a time on checked paths: Node's recursive mkdir can loop forever on
 * some special file systems.
 */
import { accessSync, constants, mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { OutputPathError } from '../errors.js';

/** A file a command will write: its path, and the flag and value it comes from (for the message). */
export interface OutputTarget {
  path: string;
  flag: string;
  value: string;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new OutputPathError(`cannot look at ${path}: ${(err as Error).message}`);
  }
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why `file` cannot be written (to a temporary file beside it, then renamed over it), or null. */
export function outputFileProblem(file: string): string | null {
  const own = statOrNull(file);
  if (own?.isDirectory()) return `${file} is a folder; a file is written here`;
  if (own && !own.isFile()) return `${file} exists and is not a regular file`;
  // The nearest folder that exists must be a folder we may write in; every missing one is made.
  let dir = dirname(resolve(file));
  for (;;) {
    const s = statOrNull(dir);
    if (s && !s.isDirectory()) return `${dir} is a file, not a folder`;
    if (s) return writable(dir) ? null : `the folder ${dir} is not writable (permission denied)`;
    const up = dirname(dir);
    if (up === dir) return `no folder on the way to ${file} exists`;
    dir = up;
  }
}

/** Throws `OutputPathError` for the first target that cannot be written, or when two targets are one file. */
export function checkOutputTargets(targets: OutputTarget[]): void {
  const seen = new Map<string, OutputTarget>();
  for (const t of targets) {
    const problem = outputFileProblem(t.path);
    if (problem) throw new OutputPathError(`${t.flag} ${t.value}: ${problem}`);
    const key = resolve(t.path);
    const other = seen.get(key);
    if (other) throw new OutputPathError(`${t.flag} ${t.value} and ${other.flag} ${other.value} name the same file, ${t.path}`);
    seen.set(key, t);
  }
}

/** Makes `dir` and each missing folder above it, one at a time, from the top down. */
export function makeFolders(dir: string): void {
  const missing: string[] = [];
  let d = resolve(dir);
  while (!statOrNull(d)) {
    missing.unshift(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const m of missing) {
    try {
      mkdirSync(m);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(m).isDirectory()) throw err;
    }
  }
}

/** The targets of files `names` written inside the folder given as `flag value`. */
export function filesIn(flag: string, dir: string, names: readonly string[]): OutputTarget[] {
  return names.map((n) => ({ path: join(dir, n), flag, value: dir }));
}
