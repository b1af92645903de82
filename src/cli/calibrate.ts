/** `carecast calibrate` and `carecast backtest`: fitting to published council figures, and scoring forecasts. */
import { CALIBRATE_FORMATS } from './formats.js';
import { basename, dirname, join } from 'node:path';
import { backtest, DEFAULT_WINDOW } from '../backtest/backtest.js';
import { shrinkageWords } from '../backtest/shrink.js';
import { componentsCsv, councilsCsv, forecastsCsv, score, scoreByOrigin, summaryCsv, summaryMarkdown } from '../backtest/score.js';
import { EXIT_DAMPING, exitTrend } from '../calibrate/trend.js';
import { calibrate, CHECK_ITERATIONS, CONVERGED, windowProblem, type Calibration, type FittedPoint } from '../calibrate/fit.js';
import { calibratedModelFiles } from '../calibrate/model-file.js';
import { MOVES, NATIONAL, startProblem, STATE_LABELS, STATES } from '../calibrate/structure.js';
import { UsageError } from '../errors.js';
import { tempPath, writeFilesAtomic } from '../io/atomic.js';
import { checkOutputTargets, filesIn } from '../io/output-path.js';
import { readPublishedSeries, type Council, type SeriesName } from '../io/published.js';
import { parseModel } from '../model/load.js';
import { withSuggestion } from '../model/suggest.js';
import { renderMarkdown, type Table } from '../report/tables.js';
import { renderTerminal } from '../report/terminal.js';
import { parseDraws, progressBar } from './draws.js';
import type { CliIo } from './io.js';
import { parseChoice, parseFormat, parseWholeNumber, parseYear } from './options.js';

/** What `--trend` takes: England's recent trend in the hazard of leaving care, damped, or none (constant rates). */
export const TRENDS = ['damped', 'none'] as const;
import { checkWrittenModel } from './written-model.js';
import { calibratedIntervals, intervalTable } from './calibrate-intervals.js';


/** The councils of `series` with codes `codes`; an unknown code is a usage error with a "did you mean". */
export function councilsNamed(councils: Map<string, Council>, codes: string[], series: string): Council[] {
  for (const code of codes) {
    if (councils.has(code)) continue;
    throw new UsageError(withSuggestion(`${series} has no council '${code}'`, code, [...councils.keys()]), `Use a la_code from the file's la_code column, e.g. ${[...councils.keys()].slice(0, 3).join(', ')}.`);
  }
  return codes.map((c) => councils.get(c)!);
}

/** What each published series is, for the calibration tables. */
const SERIES_LABELS: Record<SeriesName, string> = {
  cin: 'Children in need at 31 March (DfE: incl. plans and care)',
  cpp: 'Child protection plans at 31 March',
  cla: 'Children looked after at 31 March',
  referrals: 'Referrals in the year',
  cin_starts: 'CIN episodes starting in the year',
  cpp_starts: 'Child protection plans starting in the year',
  cla_starts: 'Children starting to be looked after in the year',
  cla_ceased: 'Children ceasing to be looked after in the year',
};

const count = (x: number) => Math.round(x).toLocaleString('en-GB');
const percent = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

/**
 * The calibration as tables: each series' mean error, the fitted probabilities with the moves they
 * are, and each published figure against the model's; whether the optimiser converged is said.
 */
export function calibrationTables(cal: Calibration): Table[] {
  const relative = (p: FittedPoint) => (p.fitted - p.observed) / p.observed;
  const series = [...new Set(cal.points.map((p) => p.series))];
  const bySeries = series.map((name) => {
    const pts = cal.points.filter((p) => p.series === name);
    const mean = (f: (p: FittedPoint) => number) => pts.reduce((a, p) => a + f(p), 0) / pts.length;
    return [SERIES_LABELS[name], String(pts.length), `${(mean((p) => Math.abs(relative(p))) * 100).toFixed(1)}%`, percent(mean(relative))];
  });
  const converged = cal.converged
    ? `The optimiser (Levenberg-Marquardt, ${cal.iterations} iterations) converged: ${CHECK_ITERATIONS} more improve the squared error by less than one part in ${Math.round(1 / CONVERGED).toLocaleString('en-GB')}.`
    : `The optimiser (Levenberg-Marquardt) did not converge in ${cal.iterations} iterations: ${CHECK_ITERATIONS} more still improve the squared error by one part in ${Math.round(1 / CONVERGED).toLocaleString('en-GB')} or more, so treat the fitted rates with care.`;
  return [
    {
      title: 'Mean error by series',
      columns: ['Series', 'Years', 'Mean absolute error', 'Mean error (bias)'],
      rows: bySeries,
      totalRows: [],
      note: `Errors are the model's figure less the published one, relative to the published one. ${converged}`,
    },
    {
      title: 'Fitted monthly probabilities',
      columns: ['From', 'To', 'Probability a month', 'England (start)'],
      rows: MOVES.map(([a, b], k) => [STATE_LABELS[STATES[a]], STATE_LABELS[STATES[b]], cal.p[k].toPrecision(3), NATIONAL[k].toPrecision(3)]),
      totalRows: [],
      note: `The probability of staying in a state is the rest of its row.${cal.referralsPerCinStart ? ` Referrals per CIN start: ${cal.referralsPerCinStart.toFixed(2)} (referrals are not a move between states).` : ''}`,
    },
    {
      title: 'Published figures and the calibrated model\'s',
      columns: ['Series', 'Year', 'Published', 'Model', 'Error'],
      rows: cal.points.map((p) => [p.series, String(p.year), count(p.observed), count(p.fitted), percent(relative(p))]),
      totalRows: [],
      note: 'Year: the year ending 31 March. Series as in the published file (cin, cpp, cla, flows in the year).',
    },
  ];
}

/** Options of `carecast calibrate`. */
export interface CalibrateOptions {
  series: string;
  la: string;
  from: string;
  to: string;
  out?: string;
  format: string;
  trend: string;
  /** Fit year shocks to the backtest's intervals (runs the backtest of every council in the file). */
  intervals?: boolean;
  quiet?: boolean;
}

/** Calibrates one council; prints the fit and with `--out` writes the model file and its population CSV. */
export async function calibrateCommand(opts: CalibrateOptions, io: CliIo): Promise<number> {
  const from = parseYear('--from', opts.from);
  const to = parseYear('--to', opts.to);
  const format = parseFormat(opts.format, CALIBRATE_FORMATS);
  const trended = parseChoice('--trend', opts.trend, TRENDS) === 'damped';
  const popPath = opts.out && join(dirname(opts.out), `${basename(opts.out).replace(/\.ya?ml$/, '')}-population.csv`);
  if (opts.out && popPath) checkOutputTargets([{ path: opts.out, flag: '--out', value: opts.out }, { path: popPath, flag: '--out', value: opts.out }]);
  const councils = readPublishedSeries(opts.series);
  const council = councilsNamed(councils, [opts.la], opts.series)[0];
  // The model written starts from the stocks at 31 March `to`, so that year must have them too.
  const problem = windowProblem(council, from, to) ?? (startProblem(council.years.get(to)) && `${to}: ${startProblem(council.years.get(to))}`);
  if (problem) throw new UsageError(`${council.name} cannot be calibrated over ${from}-${to}: ${problem}`, 'Choose a window whose first and last years have the population and the cin, cpp and cla figures.');
  const cal = await calibrate(council, from, to);
  // England's trend over the years up to `to`, from every council in the file.
  const trend = trended ? exitTrend(councils.values(), to) : null;
  const trendNote = trend
    ? `The hazard of leaving care follows England's trend from ${to}/${String((to + 1) % 100).padStart(2, '0')}: ${(trend.change * 100).toFixed(1)}% a year in its log, damped by ${EXIT_DAMPING} a year (transitions.by_year in the model file).`
    : trended ? 'No exit trend: the file has fewer than two years of England\'s exits before the window\'s end.' : '';
  const title = `${council.name} (${council.code}): calibrated to published figures, 31 March ${from} to ${to}`;
  const tables = calibrationTables(cal);
  if (trendNote) tables[0] = { ...tables[0], note: [tables[0].note, trendNote].filter(Boolean).join(' ') };
  const shocks = opts.intervals ? await calibratedIntervals([...councils.values()], council, cal, to, trend, trended, opts.quiet) : null;
  if (shocks) tables.push(intervalTable(shocks.section, shocks.note));
  if (opts.out && popPath) {
    const out = opts.out;
    const { yaml, csv } = calibratedModelFiles(council, cal, basename(popPath), trend, 10, shocks?.section ?? null);
    // The check loads the temporary model, so it names the temporary CSV; nothing else differs.
    const staged = calibratedModelFiles(council, cal, basename(tempPath(popPath)), trend, 10, shocks?.section ?? null).yaml;
    writeFilesAtomic([{ path: out, content: yaml }, { path: popPath, content: csv }], () => checkWrittenModel(out, () => parseModel(staged, tempPath(out))));
    if (!opts.quiet) io.err(`Wrote ${out} and ${popPath}\n`);
  }
  if (!opts.quiet || !opts.out) io.out(format === 'md' ? renderMarkdown(title, tables) : renderTerminal(title, tables));
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
  window?: string;
  trend?: string;
  out?: string;
  quiet?: boolean;
}

const BACKTEST_FILES = ['summary.md', 'summary.csv', 'forecasts.csv', 'councils.csv', 'origins.csv', 'components.csv'];

/**
 * Why some of `origins` lie outside the years the councils' figures cover, or null. An origin
 * needs its own year (the forecast starts from its stocks) and one before it to calibrate on.
 */
function originsOutside(councils: Council[], origins: number[]): string | null {
  const years = councils.flatMap((c) => [...c.years.keys()]);
  if (!years.length) return 'the series holds no years';
  const first = Math.min(...years);
  const last = Math.max(...years);
  const bad = origins.filter((o) => o <= first || o > last);
  if (!bad.length) return null;
  return `the series covers the years ending 31 March ${first} to ${last}, so an origin can be ${first + 1} to ${last}, not ${bad.length > 3 ? `${bad.slice(0, 3).join(', ')}, …` : bad.join(', ')}`;
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
  const horizon = parseWholeNumber('--horizon', opts.horizon, 1, 10, 'a whole number of years');
  const draws = parseDraws({ draws: opts.draws, seed: opts.seed });
  const window = opts.window === undefined ? DEFAULT_WINDOW : parseWholeNumber('--window', opts.window, 1, 9, 'a whole number of years');
  const trend = parseChoice('--trend', opts.trend ?? 'damped', TRENDS) === 'damped';
  if (opts.out) checkOutputTargets(filesIn('--out', opts.out, BACKTEST_FILES));
  const all = readPublishedSeries(opts.series);
  const councils = opts.la?.length ? councilsNamed(all, opts.la, opts.series) : [...all.values()];
  const outside = originsOutside(councils, origins);
  if (outside) throw new UsageError(`--origin ${opts.origin}: ${outside}`, 'Choose origins within the years the series covers (an origin needs a year of figures before it to calibrate on).');
  const progress = progressBar(opts.quiet);
  let result;
  try {
    result = await backtest(councils, { origins, horizon, window, trend, england: [...all.values()], draws: draws?.draws ?? 0, seed: draws?.seed, onProgress: progress.onProgress });
  } finally {
    progress.stop();
  }
  const scores = score(result.rows);
  const byOrigin = scoreByOrigin(result.rows);
  const uncalibrated = result.chosen.filter((c) => c.calibrated.some((x) => !x));
  const about = [
    `${councils.length} councils from ${opts.series}; origins ${origins.join(', ')} (and ${Math.min(...origins) - 1}, forecast only to choose methods and calibrate intervals on); horizon ${horizon} years.`,
    `The cohort model is calibrated on up to ${window} years before each origin${trend ? ", with the hazard of leaving care following England's trend over the 5 years to the origin, damped by 0.7 a year" : ', with constant rates'}; forecasts see nothing after the origin: the population is held at its estimate for the origin year.`,
    `carecast's forecast of each series is the equal-weight combination of the cohort model, the last value and a panel model pooled across councils (and, for CIN and plans, reversion to the council's own mean rate), unless another of these beat the combination at every one of at least two earlier origins whose years were known by the origin. In the combination the cohort model keeps every council's mean change from the origin and a share of its council's own departure from it, the share earned on forecasts known by the origin (${shrinkageWords(result.shrinkage, origins)}).`,
    `Intervals: the 10/25/75/90% quantiles of log(actual ÷ forecast) over each council's volatility, pooled across councils from forecasts known by the origin, times the council's volatility${uncalibrated.length ? `; where a horizon had no such forecasts yet (${uncalibrated.map((c) => `${c.series} ${c.origin}`).join(', ')}), from the longest shorter horizon widened by √(h ÷ h')` : ''}${draws ? `; where none at all, from ${draws.draws} draws of the calibrated rates and of year-to-year shocks (seed ${draws.seed})` : ''}.`,
  ].join(' ');
  const md = summaryMarkdown(scores, result.skipped, about, byOrigin);
  if (opts.out) {
    const out = opts.out;
    const contents = [md, summaryCsv(scores), forecastsCsv(result.rows), councilsCsv(result.rows), summaryCsv(byOrigin), componentsCsv(result.rows)];
    writeFilesAtomic(contents.map((content, i) => ({ path: join(out, BACKTEST_FILES[i]), content })));
    if (!opts.quiet) io.err(`Wrote ${BACKTEST_FILES.join(', ')} to ${opts.out}\n`);
  }
  if (!opts.quiet || !opts.out) io.out(md);
  return 0;
}
