/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** The process's standard output and error. */
export const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

let guarded = false;

/**
 * When the reader of stdout or stderr goes away (`carecast run … | head -1`), ends the process at
 * once with exit 0 and no message, as Unix tools do: the reader had all it wanted. Any other
 * write error is left to fail loudly.
 */
export function endQuietlyWhenOutputCloses(): void {
  if (guarded) return;
  guarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      process.exit(0);
    });
  }
}
