/**
 * Checks on input paths before they are read, so that a missing file, a folder given for a file
 * (or a file for a folder) and an oversized file are refused with the path and what was
 * expected, never as a Node stack trace.
 */
import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { InputKindError, InputNotFoundError, InputParseError, type Issue } from '../errors.js';

/**
 * Largest model or scenario file read: 2 MB. Real ones are under 100 kB (a fitted model with
 * placements and four bands is about 50 kB); the YAML parser takes about 1.5 s a megabyte of
 * short lines, so a larger file is refused at once rather than read for half a minute.
 */
export const MAX_YAML_BYTES = 2 * 1024 * 1024;

function stat(path: string, referencedFrom?: string): Stats {
  try {
    return statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputNotFoundError(path, referencedFrom);
    throw unreadable(path, code);
  }
}

function unreadable(path: string, code: string | undefined): InputParseError {
  return new InputParseError([{ location: { file: path }, path: '', message: `cannot be read (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code})`, expected: 'a file carecast may read' }]);
}

/** Throws unless `path` exists and is not a folder; `what` names the expected file. */
export function checkFile(path: string, what: string, referencedFrom?: string): Stats {
  const s = stat(path, referencedFrom);
  if (s.isDirectory()) throw new InputKindError(path, 'file', what, referencedFrom);
  try {
    accessSync(path, constants.R_OK);
  } catch (err) {
    throw unreadable(path, (err as NodeJS.ErrnoException).code);
  }
  return s;
}

/** Throws unless `path` exists and is a folder; `what` names the expected folder. */
export function checkFolder(path: string, what: string): void {
  if (!stat(path).isDirectory()) throw new InputKindError(path, 'folder', what);
}

/** An issue when the file at `path` (already checked) is larger than `maxBytes`, else null. */
export function sizeProblem(path: string, stats: Stats, maxBytes: number, what: string): Issue | null {
  if (stats.size <= maxBytes) return null;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return { location: { file: path }, path: '', message: `the file is ${mb(stats.size)}, larger than the ${mb(maxBytes)} ${what} may be`, expected: `${what} under ${mb(maxBytes)} (a real one is under 100 kB)` };
}
