/** Writing output files so that a failed run never leaves a half-written one. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Text or bytes (e.g. an XLSX workbook) to write. */
export type FileContent = string | Uint8Array;

function tempPath(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
}

/** Writes `content` to a temporary file beside `file`, then renames it into place. */
export function writeFileAtomic(file: string, content: FileContent): void {
  writeFilesAtomic([{ path: file, content }]);
}

/**
 * Writes several files: every one to a temporary file first, and only when all are written are
 * they renamed into place, so a failure leaves none of them half-written or out of step.
 */
export function writeFilesAtomic(files: { path: string; content: FileContent }[]): void {
  const written: string[] = [];
  try {
    for (const f of files) {
      mkdirSync(dirname(f.path), { recursive: true });
      const tmp = tempPath(f.path);
      written.push(tmp);
      writeFileSync(tmp, f.content);
    }
    files.forEach((f) => renameSync(tempPath(f.path), f.path));
  } catch (err) {
    for (const tmp of written) rmSync(tmp, { force: true });
    throw err;
  }
}
