/** `run --draws` and `compare --draws`: a seeded Monte Carlo run, printed and written like the deterministic outputs. */
import { join } from 'node:path';
import { writeFilesAtomic } from '../io/atomic.js';
import type { Model } from '../model/types.js';
import { renderMarkdown } from '../report/tables.js';
import { renderTerminal } from '../report/terminal.js';
import { uncertaintyCsv, uncertaintyTables } from '../report/uncertainty-tables.js';
import type { Scenario } from '../scenario/types.js';
import { monteCarlo, type MonteCarloResult } from '../uncertainty/montecarlo.js';
import { compareDraws, summariseDraws } from '../uncertainty/summary.js';
import { progressBar } from './draws.js';
import type { CliIo } from './io.js';

/** The files `--out` gets from a run with draws. */
export function drawsFiles(stem: string): string[] {
  return [`${stem}-draws.csv`, `${stem}-draws.md`];
}

/**
 * Runs the draws; prints tables (or CSV) and with `--out` writes `<stem>-draws.csv` and `.md`,
 * together with `alsoWrite` (the files the command writes without draws), all or none.
 */
export async function runDrawsCommand(
  model: Model,
  scenarios: Scenario[],
  opts: { years?: number; format: string; out?: string; quiet?: boolean },
  draws: { draws: number; seed: string; threads: number },
  io: CliIo,
  title: string,
  stem: string,
  alsoWrite: { path: string; content: string | Uint8Array }[] = [],
  /** More files for `--out`, made from the draws (compare's workbook), written with the others. */
  extra?: (mc: MonteCarloResult) => Promise<{ name: string; content: string | Uint8Array }[]>,
): Promise<number> {
  const progress = progressBar(opts.quiet);
  let mc;
  try {
    mc = await monteCarlo(model, scenarios, { ...draws, years: opts.years, onProgress: progress.onProgress });
  } finally {
    progress.stop();
  }
  const tables = uncertaintyTables(mc);
  if (opts.out) {
    const names = drawsFiles(stem);
    const files = [...alsoWrite, ...[uncertaintyCsv(mc), renderMarkdown(title, tables)].map((content, i) => ({ path: join(opts.out!, names[i]), content }))];
    for (const f of (await extra?.(mc)) ?? []) files.push({ path: join(opts.out, f.name), content: f.content });
    writeFilesAtomic(files);
    if (!opts.quiet) io.err(`Wrote ${files.map((f) => f.path).join(', ')}\n`);
  }
  if (!opts.quiet || !opts.out) {
    if (opts.format === 'csv') io.out(uncertaintyCsv(mc));
    else if (opts.format === 'json') io.out(JSON.stringify({ draws: mc.draws, seed: mc.seed, arms: mc.arms, figures: summariseDraws(mc), comparisons: compareDraws(mc) }, null, 2) + '\n');
    else if (opts.format === 'md') io.out(renderMarkdown(title, tables));
    else io.out(renderTerminal(title, tables));
  }
  return 0;
}
