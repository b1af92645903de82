/** Writing output files so that a failed run never leaves a half-written one. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Writes `content` to a temporary file beside `file`, then renames it into place. */
export function writeFileAtomic(file: string, content: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Writes several files, each atomically, only after all their contents exist. */
export function writeFilesAtomic(files: { path: string; content: string }[]): void {
  for (const f of files) writeFileAtomic(f.path, f.content);
}
