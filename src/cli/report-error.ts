/** Turns any thrown error into a message on stderr and an exit code. */
import { CarecastError, formatIssue } from '../errors.js';
import type { CliIo } from './io.js';

/** Prints the error, every issue it carries and what to do; returns the exit code. */
export function reportError(err: unknown, io: CliIo): number {
  if (err instanceof CarecastError) {
    const lines = [`error[${err.code}]: ${err.message}`];
    for (const issue of err.issues) lines.push(`  ${formatIssue(issue)}`);
    lines.push(`What to do: ${err.hint}`);
    io.err(lines.join('\n') + '\n');
    return err.exitCode;
  }
  const e = err as Error;
  io.err(`error[RUNTIME]: ${e?.message ?? String(err)}\n${process.env.CARECAST_DEBUG ? `${e?.stack}\n` : ''}What to do: this is a fault in carecast, not in your input; run again with CARECAST_DEBUG=1 and report the output.\n`);
  return 1;
}
