/** Writing output files so that a failed run never leaves a half-written or unchecked one. */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { OutputPathError } from '../errors.js';
import { makeFolders } from './output-path.js';

/** Text or bytes (e.g. an XLSX workbook) to write. */
export type FileContent = string | Uint8Array;

/** The temporary file beside `file` that is written first and renamed over it. */
export function tempPath(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
}

/** `text` with every temporary file name (`tempPath`) of this process put back to the file it stands for. */
export function withoutTempNames(text: string): string {
  return text.replace(new RegExp(`\\.([^/\\\\]+)\\.${process.pid}\\.tmp`, 'g'), '$1');
}

/** Writes `content` to a temporary file beside `file`, then renames it into place. */
export function writeFileAtomic(file: string, content: FileContent): void {
  writeFilesAtomic([{ path: file, content }]);
}

/**
 * Writes several files: every one to a temporary file first (`tempPath`), then `check` (if given)
 * may read the temporary files, and only when all are written and checked are they renamed into
 * place, so a failure leaves none of them half-written, unchecked or out of step.
 */
export function writeFilesAtomic(files: { path: string; content: FileContent }[], check?: () => void): void {
  const written: string[] = [];
  const renamed: string[] = [];
  let current = '';
  try {
    for (const f of files) {
      current = f.path;
      makeFolders(dirname(f.path));
      const tmp = tempPath(f.path);
      written.push(tmp);
      writeFileSync(tmp, f.content);
    }
    current = '';
    check?.();
    for (const f of files) {
      current = f.path;
      renameSync(tempPath(f.path), f.path);
      renamed.push(f.path);
    }
  } catch (err) {
    for (const tmp of written) rmSync(tmp, { force: true });
    // Name the file the user asked for, not the temporary one.
    const code = (err as NodeJS.ErrnoException).code;
    if (current && code) throw new OutputPathError(`cannot write ${current} (${code})`, renamed);
    throw err;
  }
}
