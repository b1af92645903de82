/** `carecast backtest-ehcp`: the SEND backtest on DfE's published EHCP series (src/backtest/ehcp.ts). */
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { EHCP_WINDOW, ehcpBacktest, ehcpSummaryMarkdown, FIRST_YEAR, scoreEhcp, type EhcpForecastRow } from '../backtest/ehcp.js';
import { UsageError } from '../errors.js';
import { writeFilesAtomic } from '../io/atomic.js';
import { readEhcpSeries } from '../io/ehcp-series.js';
import { checkOutputTargets, filesIn } from '../io/output-path.js';
import { parseOrigins } from './calibrate.js';
import type { CliIo } from './io.js';
import { parseWholeNumber } from './options.js';

/** The command's flags as commander gives them. */
export interface BacktestEhcpOptions {
  series: string;
  origin: string;
  horizon: string;
  window?: string;
  out?: string;
  quiet?: boolean;
}

const FILES = ['summary.md', 'forecasts.csv'];

/** Forecasts every council's EHCPs from each origin and scores them against the published figures and the naive forecasts. */
export async function backtestEhcpCommand(opts: BacktestEhcpOptions, io: CliIo): Promise<number> {
  const origins = parseOrigins(opts.origin);
  const horizon = parseWholeNumber('--horizon', opts.horizon, 1, 10, 'a whole number of years');
  const window = opts.window === undefined ? EHCP_WINDOW : parseWholeNumber('--window', opts.window, 1, 9, 'a whole number of years');
  if (origins[0] <= FIRST_YEAR) throw new UsageError(`--origin ${opts.origin}: an origin needs a year of the consistent series before it, which starts in ${FIRST_YEAR}`, `Choose origins from ${FIRST_YEAR + 1}, e.g. --origin 2022..2024.`);
  if (opts.out) checkOutputTargets(filesIn('--out', opts.out, FILES));
  const councils = [...readEhcpSeries(opts.series).values()];
  const rows = ehcpBacktest(councils, origins, horizon, window);
  const about = `\n${councils.length} councils from ${opts.series}; each method fits on up to ${window} years to the origin, from ${FIRST_YEAR}. carecast: plans × (1 − the share ending a year) + new plans on their own trend; last value; least-squares line through the plans. Forecasts see nothing after the origin.\n`;
  const md = ehcpSummaryMarkdown(scoreEhcp(rows), origins) + about;
  if (opts.out) {
    writeFilesAtomic([
      { path: join(opts.out, FILES[0]), content: md },
      { path: join(opts.out, FILES[1]), content: forecastsCsv(rows) },
    ]);
    if (!opts.quiet) io.err(`Wrote ${FILES.join(', ')} to ${opts.out}\n`);
  }
  if (!opts.quiet || !opts.out) io.out(md);
  return 0;
}

/** One row per council, origin and year: the published figure and each method's forecast. */
function forecastsCsv(rows: EhcpForecastRow[]): string {
  return stringify(rows.map((r) => [r.council, r.name, r.origin, r.year, r.actual ?? '', r.cohort, r.naive_last, r.naive_trend]), { header: true, columns: ['dfe_la_number', 'la_name', 'origin', 'year', 'actual', 'carecast', 'naive_last', 'naive_trend'] });
}
