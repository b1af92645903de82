/** `carecast fit`: transition counts from council records (SSDA903, CIN census, early help) to a model file. */
import { DurationCounter, parseDurationRequest, type DurationRequest } from '../estimate/durations.js';
import { HistoryCounter, parseHistoryRequest, type HistoryRequest } from '../estimate/history.js';
import { stringify } from 'csv-stringify/sync';
import { basename, dirname, relative, resolve } from 'node:path';
import { InputParseError, UsageError } from '../errors.js';
import { ChildIds } from '../estimate/child-ids.js';
import { countTransitions, stepBoundaries } from '../estimate/count.js';
import { dayNumber, isoOfDay } from '../estimate/dates.js';
import { fitRows, POOLING_WEIGHT, SPARSE_EXPOSURE } from '../estimate/fit.js';
import { readCinCensus, readEpisodes, type Interval } from '../estimate/intervals.js';
import { FITTED_LABELS, fittedModelYaml } from '../estimate/model-file.js';
import { PLACEMENT_TYPES, readReturns, type EpisodeList } from '../estimate/ssda903.js';
import { tempPath, writeFilesAtomic } from '../io/atomic.js';
import { checkOutputTargets } from '../io/output-path.js';
import { bandCoverageProblem, parseBand } from '../model/bands.js';
import { projectionCoverageProblem, readPopulationProjection } from '../model/population.js';
import type { PendingIssue } from '../model/build.js';
import { loadModel } from '../model/load.js';
import type { AgeBand, PopulationProjection } from '../model/types.js';
import { renderTerminal } from '../report/terminal.js';
import type { Table } from '../report/tables.js';
import type { CliIo } from './io.js';
import { parseChoice } from './options.js';
import { checkWrittenModel } from './written-model.js';

/** A state's label in the report (the id where `fit` has none). */
const label = (id: string) => FITTED_LABELS[id] ?? id;
/** A count with thousands separators. */
const count = (x: number) => Math.round(x).toLocaleString('en-GB');

/** Options of `carecast fit`. */
export interface FitOptions {
  ssda903?: string;
  cin?: string;
  earlyHelp?: string;
  population?: string;
  area?: string;
  from: string;
  to: string;
  step: string;
  ages: string;
  out?: string;
  report?: string;
  placements?: boolean;
  /** Duration bands to fit, e.g. `cic=6,12,24,60` (state, band ends in months). */
  durations?: string[];
  /** History flags to fit, e.g. `cpp=cin` or `cin=universal@12` (flagged state = carrying states, memory in months). */
  history?: string[];
  quiet?: boolean;
}

/** The `--durations` requests, each `state=end,end,…` in months; a malformed one is a usage error. */
function durationRequests(list: string[] | undefined): DurationRequest[] {
  return (list ?? []).map((text) => {
    const r = parseDurationRequest(text);
    if (!r) throw new UsageError(`--durations ${text}: expected a state and band ends in months, rising, e.g. cic=6,12,24,60`, 'Write --durations STATE=MONTHS,MONTHS,… (e.g. --durations cic=6,12,24,60 --durations cpp=3,12,24).');
    return r;
  });
}

/** The `--history` requests, each `state=carrying,…[@months]`; a malformed one is a usage error. */
function historyRequests(list: string[] | undefined): HistoryRequest[] {
  return (list ?? []).map((text) => {
    const r = parseHistoryRequest(text);
    if (!r) throw new UsageError(`--history ${text}: expected a state, the states carrying its memory and optionally months, e.g. cpp=cin or cin=universal@12`, 'Write --history STATE=STATE,STATE[@MONTHS] (e.g. --history cpp=cin,universal --history cin=universal@12).');
    return r;
  });
}

/**
 * Why the window `from`..`to` (day numbers) misses the dates the records cover, naming them; or
 * null. The records cover their first start to the latest date they hold (for SSDA903, the end of
 * the last return): an open episode says nothing about the years after that.
 */
function windowOutsideRecords(episodes: EpisodeList | null, intervals: Interval[], from: number, to: number): string | null {
  if (!episodes?.length && !intervals.length) return 'the records hold no episodes or intervals';
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; episodes && i < episodes.length; i++) {
    const start = episodes.start[i];
    const end = episodes.end[i];
    first = Math.min(first, start);
    last = Math.max(last, end === end ? end : start, Date.UTC(episodes.year[i], 2, 31) / 86_400_000);
  }
  for (const r of intervals) {
    first = Math.min(first, r.start);
    last = Math.max(last, r.end ?? r.start);
  }
  return to < first || from > last ? `no record falls in the window: the records cover ${isoOfDay(first)} to ${isoOfDay(last)}` : null;
}

/** No SSDA903 episodes, for a fit from other records. */
const NO_EPISODES = { length: 0, child: [], start: [], end: [], type: [] };

/** Reads the records, counts, fits and writes; returns the exit code. */
export async function fitCommand(opts: FitOptions, io: CliIo): Promise<number> {
  const from = dayNumber(opts.from);
  const to = dayNumber(opts.to);
  if (from === null || to === null || to <= from) throw new UsageError(`--from and --to must be dates (YYYY-MM-DD) with --from before --to, not '${opts.from}' and '${opts.to}'`);
  if (new Date(from * 86_400_000).getUTCDate() !== 1) throw new UsageError(`--from must be the first day of a month, not ${opts.from}`);
  const months = { month: 1, quarter: 3 }[parseChoice('--step', opts.step, ['month', 'quarter'] as const)];
  const bands = opts.ages.split(',').map((l) => parseBand(l.trim()));
  if (bands.some((b) => b === null) || bandCoverageProblem(bands as AgeBand[])) throw new UsageError(`--ages must be bands covering 0-17 in order, e.g. 0-4,5-9,10-15,16-17, not '${opts.ages}'`);
  if (!opts.ssda903 && !opts.cin && !opts.earlyHelp) throw new UsageError('give at least one of --ssda903, --cin, --early-help');
  if (opts.report && !opts.out) throw new UsageError('--report goes with --out: the fitted rows are written beside the model', 'Add --out model.yaml, or leave out --report.');
  if (opts.out) checkOutputTargets([{ path: opts.out, flag: '--out', value: opts.out }, ...(opts.report ? [{ path: opts.report, flag: '--report', value: opts.report }] : [])]);

  // The population is read (and every cell checked) before the records, which take longest.
  let population: PopulationProjection | null = null;
  if (opts.population) {
    const pending: PendingIssue[] = [];
    population = readPopulationProjection(opts.population, opts.area, bands as AgeBand[], opts.population, pending, ['population']);
    if (pending.length) throw new InputParseError(pending.map((p) => p.located ?? { location: { file: opts.population! }, path: p.path.join('.'), message: p.message, expected: p.expected }));
  }

  let episodes: EpisodeList | null = null;
  // Every reader interns child ids in one table, so births and spans are indexed alike.
  const ids = new ChildIds();
  const births: number[] = [];
  const intervals: Interval[] = [];
  const read: string[][] = [];
  if (opts.ssda903) {
    const r = readReturns(opts.ssda903, ids);
    episodes = r.episodes;
    r.births.forEach((birth, i) => (births[i] = birth));
    const x = r.report;
    read.push(
      ['SSDA903 episode rows read', count(x.episodeRows)],
      ['SSDA903 header rows read', count(x.headerRows)],
      ['  repeated in a later return (one kept)', count(x.excluded.duplicate)],
      ['  short breaks (LS V3/V4), left out', count(x.excluded.shortBreak)],
      ['  episodes of children with no header row, left out', count(x.excluded.noHeader)],
      ['  open episodes closed by the next episode', count(x.adjusted.openClosedByNext)],
      ['  open episodes missing from a later return, closed at the end of the last return they were in', count(x.adjusted.staleOpenClosed)],
      ['  overlapping episodes trimmed', count(x.adjusted.overlapTrimmed)],
      ['  closed episodes with conflicting end dates (latest return kept)', count(x.adjusted.conflictingEnd)],
      ['  children whose date of birth differs between returns (latest kept)', count(x.adjusted.conflictingBirth)],
      ['SSDA903 episodes used', count(x.episodes)],
    );
  }
  for (const [flag, file, reader] of [['CIN census', opts.cin, readCinCensus], ['early help', opts.earlyHelp, readEpisodes]] as const) {
    if (!file) continue;
    const r = await reader(file, ids);
    // Not push(...): a census of a few hundred thousand rows overflows the call stack.
    for (const i of r.intervals) intervals.push(i);
    // The first file to give a child's date of birth is kept.
    r.births.forEach((birth, i) => {
      while (births.length <= i) births.push(NaN);
      if (births[i] !== births[i]) births[i] = birth;
    });
    read.push([`${flag} rows read`, count(r.rows)], [`${flag} intervals`, count(r.intervals.length)], [`  children whose date of birth differs between rows (first kept)`, count(r.conflictingBirths)]);
  }

  const outside = windowOutsideRecords(episodes, intervals, from, to);
  if (outside) throw new UsageError(`--from ${opts.from} --to ${opts.to}: ${outside}`, 'Choose a window within the dates the records cover.');

  // --to is the last day in the window: the last step ends the day after.
  const boundaries = stepBoundaries(from, to + 1, months);
  // Duration bands are counted in the same pass, from each child's state step by step.
  let durationCounter: DurationCounter | null = null;
  let historyCounter: HistoryCounter | null = null;
  const requests = durationRequests(opts.durations);
  const flags = historyRequests(opts.history);
  const counted = requests.length + flags.length > 0;
  const counts = countTransitions({
    care: episodes ?? NO_EPISODES, intervals, births, bands: bands as AgeBand[], boundaries, placements: opts.placements,
    ...(counted && {
      visit: (child: number, k: number, state: number) => {
        durationCounter?.visit(child, k, state);
        historyCounter?.visit(child, k, state);
      },
      onStates: (states: string[]) => {
        if (requests.length) durationCounter = new DurationCounter(states, requests, months);
        if (flags.length) historyCounter = new HistoryCounter(states, flags, months);
      },
    }),
  });
  const durations = durationCounter ? (durationCounter as DurationCounter).result() : [];
  const histories = historyCounter ? (historyCounter as HistoryCounter).result() : [];
  for (const h of histories) {
    const starts = h.firstStarts + h.repeatStarts;
    read.push([`${label(h.request.state)} starts: first / repeat (after ${h.request.carriedBy.map((c) => label(c).toLowerCase()).join(', ')}${h.request.forgetMonths === null ? '' : `, within ${h.request.forgetMonths} months`})`, `${count(h.firstStarts)} / ${count(h.repeatStarts)} (${starts > 0 ? ((100 * h.repeatStarts) / starts).toFixed(1) : '–'}% repeats)`]);
  }
  const fitted = fitRows(counts, population);
  read.push(['children counted', count(counts.children)], [`steps (${opts.step}s)`, count(boundaries.length - 1)]);
  // Placement mix of children in care on the window's last day (for a model's cost mix).
  const lastDay = boundaries[boundaries.length - 1] - 1;
  const mix = new Map<string, number>();
  for (let i = 0; episodes && i < episodes.length; i++) {
    const end = episodes.end[i];
    if (episodes.start[i] <= lastDay && (end !== end || lastDay < end)) {
      const type = PLACEMENT_TYPES[episodes.type[i]];
      mix.set(type, (mix.get(type) ?? 0) + 1);
    }
  }
  const inCare = [...mix.values()].reduce((a, v) => a + v, 0);
  for (const [type, n] of [...mix].sort((a, b) => b[1] - a[1])) read.push([`in care on ${isoOfDay(lastDay)}: ${label(type)}`, `${count(n)} (${((n / inCare) * 100).toFixed(1)}%)`]);
  for (const d of fitted.directEntries) read.push([`entries a year into ${label(d.state).toLowerCase()}, ages ${d.band} (no population: direct entries)`, d.perYear.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })]);

  const tables: Table[] = [{ title: 'What was read', columns: ['Item', 'Count'], rows: read, totalRows: [] }];
  const reportRows: (string | number)[][] = [];
  fitted.bands.forEach((b) => {
    tables.push({
      title: `Moves per ${opts.step}, ages ${b.label}: counts (and probability)`,
      columns: ['From', ...fitted.states.map((st) => (st === 'universal' && !population ? 'Left services' : label(st))), 'Child-steps'],
      rows: fitted.states.flatMap((s, i) => {
        if (i === 0 && !population) return [];
        const total = b.counts[i].reduce((a, v) => a + v, 0);
        b.counts[i].forEach((v, j) => reportRows.push([b.label, s, fitted.states[j], v, total > 0 ? v / total : '', b.exposure[i], b.pooled.includes(s) ? 'pooled' : '']));
        return [[`${label(s)}${b.pooled.includes(s) ? ' (pooled)' : ''}`, ...b.counts[i].map((v) => `${count(v)} (${total > 0 ? ((v / total) * 100).toFixed(2) : '–'}%)`), count(b.exposure[i])]];
      }),
      totalRows: [],
      note: [
        `Counts: children moving from the row's state to the column's in a ${opts.step} (staying is the row's own column), with the share of the row.${population ? '' : ' Without --population there is no universal state: children leaving services leave the model.'}`,
        b.pooled.length
          ? `Pooled: ${b.pooled.map((x) => label(x).toLowerCase()).join(', ')} ${b.pooled.length > 1 ? 'have' : 'has'} fewer than ${SPARSE_EXPOSURE} child-steps at these ages, too few to estimate on their own, so ${POOLING_WEIGHT} pseudo-counts in the proportions of the same row for all ages are added: the probabilities lean towards the all-ages row (counts shown include them). The model file marks these rows.`
          : '',
      ].filter(Boolean).join(' '),
    });
  });
  if (opts.out) {
    const source = [opts.ssda903 && `SSDA903 ${opts.ssda903}`, opts.cin && `CIN census ${opts.cin}`, opts.earlyHelp && `early help ${opts.earlyHelp}`].filter(Boolean).join(', ') + `, ${opts.from} to ${opts.to}`;
    const start = isoOfDay(boundaries[boundaries.length - 1]);
    // Five years ahead, or as far as the population file reaches.
    let horizonYears = 5;
    if (population) {
      while (horizonYears > 0 && projectionCoverageProblem(population, new Date(`${start}T00:00:00Z`), horizonYears)) horizonYears--;
      if (horizonYears === 0) throw new UsageError(`${opts.population} does not reach a year beyond ${start}, so the fitted model could not be projected`, 'Give a population projection that covers the years to project (e.g. the ONS sub-national projections).');
    }
    const yaml = fittedModelYaml(fitted, { durations, histories, start, horizonYears, step: opts.step, population: opts.population ? relative(dirname(resolve(opts.out)), resolve(opts.population)) : null, area: opts.area, source });
    const files = [{ path: opts.out, content: yaml }];
    if (opts.report) files.push({ path: opts.report, content: stringify([['age_band', 'from', 'to', 'count', 'probability', 'child_steps', 'note'], ...reportRows]) });
    const out = opts.out;
    writeFilesAtomic(files, () => checkWrittenModel(out, () => loadModel(tempPath(out))));
    if (!opts.quiet) io.err(`Wrote ${files.map((f) => f.path).join(', ')}\n`);
  }
  if (!opts.quiet || !opts.out) io.out(renderTerminal(`Fitted transitions (${basename(opts.ssda903 ?? opts.cin ?? opts.earlyHelp ?? '')})`, tables));
  return 0;
}

