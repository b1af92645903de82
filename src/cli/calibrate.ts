/** `carecast calibrate` and `carecast backtest`: fitting to published council figures, and scoring forecasts. */
import { basename, dirname, join } from 'node:path';
import { backtest } from '../backtest/backtest.js';
import { councilsCsv, forecastsCsv, score, summaryCsv, summaryMarkdown } from '../backtest/score.js';
import { calibrate, windowProblem } from '../calibrate/fit.js';
import { calibratedModelFiles } from '../calibrate/model-file.js';
import { startProblem } from '../calibrate/structure.js';
import { UsageError } from '../errors.js';
import { writeFilesAtomic } from '../io/atomic.js';
import { readPublishedSeries, type Council } from '../io/published.js';
import { loadModel } from '../model/load.js';
import { renderMarkdown, type Table } from '../report/tables.js';
import { renderTerminal } from '../report/terminal.js';
import { parseDraws, progressBar } from './draws.js';
import type { CliIo } from './io.js';

function year(flag: string, value: string | undefined): number {
  const y = Number(value);
  if (value === undefined || !Number.isInteger(y) || y < 1990 || y > 2100) throw new UsageError(`${flag} must be a year such as 2019, not '${value}'`);
  return y;
}

/** Options of `carecast calibrate`. */
export interface CalibrateOptions {
  series: string;
  la: string;
  from: string;
  to: string;
  out?: string;
  format: string;
  quiet?: boolean;
}

/** Calibrates one council; prints the fit and with `--out` writes the model file and its population CSV. */
export async function calibrateCommand(opts: CalibrateOptions, io: CliIo): Promise<number> {
  const from = year('--from', opts.from);
  const to = year('--to', opts.to);
  const councils = readPublishedSeries(opts.series);
  const council = councils.get(opts.la);
  if (!council) throw new UsageError(`${opts.series} has no council ${opts.la}`, `Use a la_code from the file, e.g. ${[...councils.keys()].slice(0, 3).join(', ')}.`);
  // The model written starts from the stocks at 31 March `to`, so that year must have them too.
  const problem = windowProblem(council, from, to) ?? (startProblem(council.years.get(to)) && `${to}: ${startProblem(council.years.get(to))}`);
  if (problem) throw new UsageError(`${council.name} cannot be calibrated over ${from}-${to}: ${problem}`, 'Choose a window whose first and last years have the population and the cin, cpp and cla figures.');
  const cal = await calibrate(council, from, to);
  const table: Table = {
    title: `${council.name}: published figures and the calibrated model's`,
    columns: ['Series', 'Year', 'Published', 'Model', 'Error'],
    rows: cal.points.map((p) => [p.series, String(p.year), Math.round(p.observed).toLocaleString('en-GB'), Math.round(p.fitted).toLocaleString('en-GB'), `${(((p.fitted - p.observed) / p.observed) * 100).toFixed(1)}%`]),
    totalRows: [],
    note: `Calibrated from 31 March ${from} to ${to}: ${cal.iterations} Levenberg-Marquardt iterations. Monthly probabilities: ${cal.p.map((x) => x.toPrecision(3)).join(', ')}.${cal.referralsPerCinStart ? ` Referrals per CIN start: ${cal.referralsPerCinStart.toFixed(2)}.` : ''}`,
  };
  if (opts.out) {
    const popFile = `${basename(opts.out).replace(/\.ya?ml$/, '')}-population.csv`;
    const { yaml, csv } = calibratedModelFiles(council, cal, popFile);
    writeFilesAtomic([
      { path: opts.out, content: yaml },
      { path: join(dirname(opts.out), popFile), content: csv },
    ]);
    loadModel(opts.out); // the model written must load; a failure here is carecast's fault
    if (!opts.quiet) io.err(`Wrote ${opts.out} and ${join(dirname(opts.out), popFile)}\n`);
  }
  if (!opts.quiet || !opts.out) io.out(opts.format === 'md' ? renderMarkdown(table.title, [table]) : renderTerminal(table.title, [table]));
  return 0;
}

/** Options of `carecast backtest`. */
export interface BacktestCliOptions {
  series: string;
  origin: string;
  horizon: string;
  la?: string[];
  draws?: string;
  seed?: string;
  out?: string;
  quiet?: boolean;
}

/** Parses `2019` or `2017..2019`. */
export function parseOrigins(text: string): number[] {
  const m = /^(\d{4})(?:\.\.(\d{4}))?$/.exec(text);
  if (!m) throw new UsageError(`--origin must be a year or a range such as 2017..2019, not '${text}'`);
  const a = +m[1];
  const b = m[2] ? +m[2] : a;
  if (b < a) throw new UsageError(`--origin ${text}: the range runs backwards`);
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/** Runs the backtest; writes summary.md, summary.csv and forecasts.csv with `--out`. */
export async function backtestCommand(opts: BacktestCliOptions, io: CliIo): Promise<number> {
  const origins = parseOrigins(opts.origin);
  const horizon = Number(opts.horizon);
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 10) throw new UsageError(`--horizon must be a whole number of years from 1 to 10, not '${opts.horizon}'`);
  const draws = parseDraws({ draws: opts.draws, seed: opts.seed });
  const all = readPublishedSeries(opts.series);
  let councils: Council[] = [...all.values()];
  if (opts.la?.length) {
    const unknown = opts.la.filter((c) => !all.has(c));
    if (unknown.length) throw new UsageError(`${opts.series} has no council ${unknown.join(', ')}`);
    councils = opts.la.map((c) => all.get(c)!);
  }
  const progress = progressBar(opts.quiet);
  let result;
  try {
    result = await backtest(councils, { origins, horizon, draws: draws?.draws ?? 0, seed: draws?.seed, onProgress: progress.onProgress });
  } finally {
    progress.stop();
  }
  const scores = score(result.rows);
  const about = `${councils.length} councils from ${opts.series}; origins ${origins.join(', ')}; horizon ${horizon} years; calibration on up to 4 years before each origin; forecasts see nothing after the origin: the population is held at its estimate for the origin year (no projection is used)${draws ? `; intervals from ${draws.draws} draws of the calibrated rates and of year-to-year shocks (seed ${draws.seed})` : ''}.`;
  const md = summaryMarkdown(scores, result.skipped, about);
  if (opts.out) {
    writeFilesAtomic([
      { path: join(opts.out, 'summary.md'), content: md },
      { path: join(opts.out, 'summary.csv'), content: summaryCsv(scores) },
      { path: join(opts.out, 'forecasts.csv'), content: forecastsCsv(result.rows) },
      { path: join(opts.out, 'councils.csv'), content: councilsCsv(result.rows) },
    ]);
    if (!opts.quiet) io.err(`Wrote summary.md, summary.csv, forecasts.csv and councils.csv to ${opts.out}\n`);
  }
  if (!opts.quiet || !opts.out) io.out(md);
  return 0;
}
