/** `carecast forecast`: each council's forecast from the latest published year, by the backtested method, with its intervals. */
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { latestForecast, type LatestForecast } from '../backtest/forecast.js';
import { writeFilesAtomic } from '../io/atomic.js';
import { checkOutputTargets, filesIn } from '../io/output-path.js';
import { readPublishedSeries } from '../io/published.js';
import { csvNumber } from '../report/tidy.js';
import { renderMarkdown, type Table } from '../report/tables.js';
import { renderTerminal } from '../report/terminal.js';
import { councilsNamed } from './calibrate.js';
import { progressBar } from './draws.js';
import { FORECAST_FORMATS } from './formats.js';
import type { CliIo } from './io.js';
import { parseFormat, parseWholeNumber } from './options.js';

/** Options of `carecast forecast`. */
export interface ForecastOptions {
  series: string;
  la: string;
  horizon: string;
  format: string;
  out?: string;
  quiet?: boolean;
}

const FILES = ['forecast.csv', 'forecast.md'];
const COLUMNS = ['la_code', 'name', 'origin', 'year', 'series', 'method', 'forecast', 'lower50', 'upper50', 'lower80', 'upper80'];

/** The tidy CSV: one row per council, year and series, then England's and each region's sums (no intervals). */
function tidy(f: LatestForecast, names: Map<string, string>): string {
  const n = (v: number | null) => (v === null ? '' : csvNumber(v, 1));
  const rows = f.rows.map((r) => [r.la_code, names.get(r.la_code) ?? '', f.origin, r.year, r.series, r.method ?? '', n(r.forecast), n(r.lower50), n(r.upper50), n(r.lower80), n(r.upper80)]);
  const sums = f.areas.map((e) => [e.code, `${e.name} (sum of ${e.councils} councils)`, f.origin, e.year, e.series, 'sum', n(e.forecast), '', '', '', '']);
  return stringify([COLUMNS, ...rows, ...sums]);
}

const whole = (x: number | null) => (x === null ? '–' : Math.round(x).toLocaleString('en-GB'));

/** A table per council (by year: each series with its 80% interval), after England's and the regions' sums. */
function tables(f: LatestForecast, names: Map<string, string>): Table[] {
  const fy = (year: number) => `31 March ${year}`;
  const byCouncil = new Map<string, typeof f.rows>();
  for (const r of f.rows) byCouncil.set(r.la_code, [...(byCouncil.get(r.la_code) ?? []), r]);
  const cell = (r: (typeof f.rows)[number] | undefined) => (r ? `${whole(r.forecast)} (${whole(r.lower80)}-${whole(r.upper80)})` : '–');
  const out: Table[] = [...byCouncil].map(([code, rows]) => ({
    title: `${names.get(code)} (${code})`,
    columns: ['Year', 'CIN (80% interval)', 'Plans (80% interval)', 'Children looked after (80% interval)'],
    rows: [...new Set(rows.map((r) => r.year))].map((y) => [fy(y), ...(['cin', 'cpp', 'cla'] as const).map((s) => cell(rows.find((r) => r.year === y && r.series === s)))]),
    totalRows: [],
  }));
  if (byCouncil.size > 1) {
    const last = Math.max(...f.areas.map((e) => e.year));
    const at = (code: string, y: number, s: string) => f.areas.find((e) => e.code === code && e.year === y && e.series === s)!;
    const codes = [...new Set(f.areas.map((e) => e.code))];
    const regions: Table = {
      title: `Regions at ${fy(last)}: the sums of their councils' forecasts`,
      columns: ['Region', 'CIN', 'Plans', 'Children looked after', 'Councils'],
      rows: codes.slice(1).map((code) => [at(code, last, 'cla').name, whole(at(code, last, 'cin').forecast), whole(at(code, last, 'cpp').forecast), whole(at(code, last, 'cla').forecast), String(at(code, last, 'cla').councils)]),
      totalRows: [['England', whole(at(codes[0], last, 'cin').forecast), whole(at(codes[0], last, 'cpp').forecast), whole(at(codes[0], last, 'cla').forecast), String(at(codes[0], last, 'cla').councils)]],
      note: 'Sums of point forecasts (no interval: the councils\' errors are not independent). Every year of each region is in forecast.csv.',
    };
    const england: Table = {
      title: `England: the sum of the councils forecast`,
      columns: ['Year', 'CIN', 'Plans', 'Children looked after', 'Councils'],
      rows: [...new Set(f.areas.map((e) => e.year))].map((y) => [fy(y), whole(at(codes[0], y, 'cin').forecast), whole(at(codes[0], y, 'cpp').forecast), whole(at(codes[0], y, 'cla').forecast), String(at(codes[0], y, 'cla').councils)]),
      totalRows: [],
      note: 'Sums of point forecasts (no interval: the councils\' errors are not independent).',
    };
    out.unshift(england, ...(codes.length > 1 ? [regions] : []));
  }
  return out;
}

/** Forecasts one council or all from the latest published year; prints tables (or CSV) and with `--out` writes forecast.csv and forecast.md. */
export async function forecastCommand(opts: ForecastOptions, io: CliIo): Promise<number> {
  const horizon = parseWholeNumber('--horizon', opts.horizon, 1, 10, 'a whole number of years');
  const format = parseFormat(opts.format, FORECAST_FORMATS);
  if (opts.out) checkOutputTargets(filesIn('--out', opts.out, FILES));
  const all = readPublishedSeries(opts.series);
  const councils = opts.la === 'all' ? [...all.values()] : councilsNamed(all, [opts.la], opts.series);
  const names = new Map([...all.values()].map((c) => [c.code, c.name]));
  const progress = progressBar(opts.quiet);
  let f: LatestForecast;
  try {
    f = await latestForecast([...all.values()], councils, horizon, progress.onProgress);
  } finally {
    progress.stop();
  }
  const methods = f.chosen.map((c) => `${c.series}: ${c.method}`).join(', ');
  const title = `Forecast from 31 March ${f.origin}, ${horizon} years`;
  const about = `Methods (chosen on the backtest's earlier origins): ${methods}. Intervals from the backtest's out-of-sample errors (widened by √(h ÷ h′) beyond the longest horizon with errors). The population is held at ${f.origin}'s.${f.skipped.length ? ` Not forecast: ${f.skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}.` : ''}`;
  const t = tables(f, names);
  if (t.length) t[t.length - 1].note = [t[t.length - 1].note, about].filter(Boolean).join(' ');
  const md = renderMarkdown(title, t);
  const csv = tidy(f, names);
  if (opts.out) {
    const out = opts.out;
    writeFilesAtomic([{ path: join(out, FILES[0]), content: csv }, { path: join(out, FILES[1]), content: md }]);
    if (!opts.quiet) io.err(`Wrote forecast.csv and forecast.md to ${out}\n`);
  }
  if (!opts.quiet || !opts.out) io.out(format === 'csv' ? csv : format === 'md' ? md : renderTerminal(title, t));
  return 0;
}
