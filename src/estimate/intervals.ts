/**
 * Service intervals from the CIN census (flat CSV) and from early-help episode files, read with a
 * streaming parser. Each interval is a child in a state from a start day to an end day (null:
 * still open).
 */
import { InputParseError, type Issue } from '../errors.js';
import { streamCsv, type StreamRow } from '../io/stream-csv.js';
import { dayNumber } from './dates.js';

/** Services below care, in order of precedence (a child on a plan is not counted as CIN too). */
export type ServiceState = 'cpp' | 'cin' | 'early_help';

/** A child in a state over days `[start, end)`. */
export interface Interval {
  child: string;
  state: ServiceState;
  start: number;
  end: number | null;
}

/** A child's date of birth where the file gives it. */
export type Births = Map<string, number>;

/**
 * Records a child's date of birth from `column`; a bad date is an issue. Returns false when the
 * child already has another date of birth (the first is kept, and the caller counts it).
 */
function noteBirth(births: Births, child: string, r: StreamRow, column: string, file: string, issues: Issue[]): boolean {
  const text = r.get(column);
  const birth = dayNumber(text);
  if (birth === null) {
    issues.push({ location: { file, line: r.line }, path: column, message: `'${text}' is not a date`, expected: 'dd/mm/yyyy or yyyy-mm-dd' });
    return true;
  }
  const seen = births.get(child);
  if (seen === undefined) births.set(child, birth);
  return seen === undefined || seen === birth;
}

/** Reads an interval's dates; problems are added to `issues`. */
function span(file: string, line: number, get: (c: string) => string, startCol: string, endCol: string, issues: Issue[]): { start: number; end: number | null } | null {
  const s = get(startCol);
  if (s === '') {
    // No interval; but an end without a start is a broken row, not a silent skip.
    if (get(endCol) !== '') issues.push({ location: { file, line }, path: startCol, message: `${startCol} is blank but ${endCol} is ${get(endCol)}`, expected: `${startCol} for every row with ${endCol}` });
    return null;
  }
  const start = dayNumber(s);
  if (start === null) {
    issues.push({ location: { file, line }, path: startCol, message: `'${s}' is not a date`, expected: 'dd/mm/yyyy or yyyy-mm-dd' });
    return null;
  }
  const e = get(endCol);
  const end = e === '' ? null : dayNumber(e);
  if (e !== '' && end === null) {
    issues.push({ location: { file, line }, path: endCol, message: `'${e}' is not a date`, expected: 'dd/mm/yyyy or yyyy-mm-dd, or blank while open' });
    return null;
  }
  if (end !== null && end < start) {
    issues.push({ location: { file, line }, path: endCol, message: `ends (${e}) before it starts (${s})`, expected: `${endCol} on or after ${startCol}` });
    return null;
  }
  return { start, end };
}

/**
 * The CIN census as a flat CSV, one row per child per referral: `LAchildID`, `PersonBirthDate`,
 * `CINreferralDate`, `CINclosureDate`, and where present `CPPstartDate`, `CPPendDate`. A
 * referral open from referral to closure is CIN; a plan inside it is CPP.
 */
export async function readCinCensus(file: string): Promise<{ intervals: Interval[]; births: Births; rows: number; conflictingBirths: number }> {
  const issues: Issue[] = [];
  const intervals: Interval[] = [];
  const births: Births = new Map();
  let rows = 0;
  let conflictingBirths = 0;
  for await (const r of streamCsv(file, ['LAchildID', 'PersonBirthDate', 'CINreferralDate', 'CINclosureDate'], issues)) {
    rows++;
    const child = r.get('LAchildID');
    if (!noteBirth(births, child, r, 'PersonBirthDate', file, issues)) conflictingBirths++;
    const cin = span(file, r.line, r.get, 'CINreferralDate', 'CINclosureDate', issues);
    if (cin) intervals.push({ child, state: 'cin', ...cin });
    const cpp = span(file, r.line, r.get, 'CPPstartDate', 'CPPendDate', issues);
    if (cpp) intervals.push({ child, state: 'cpp', ...cpp });
  }
  if (issues.length) throw new InputParseError(issues);
  return { intervals, births, rows, conflictingBirths };
}

/** Early-help (or any) episodes: `child_id`, `date_of_birth`, `state`, `start_date`, `end_date`. */
export async function readEpisodes(file: string): Promise<{ intervals: Interval[]; births: Births; rows: number; conflictingBirths: number }> {
  const issues: Issue[] = [];
  const intervals: Interval[] = [];
  const births: Births = new Map();
  let rows = 0;
  let conflictingBirths = 0;
  for await (const r of streamCsv(file, ['child_id', 'date_of_birth', 'state', 'start_date', 'end_date'], issues)) {
    rows++;
    const child = r.get('child_id');
    if (!noteBirth(births, child, r, 'date_of_birth', file, issues)) conflictingBirths++;
    const state = r.get('state');
    if (state !== 'early_help' && state !== 'cin' && state !== 'cpp') {
      issues.push({ location: { file, line: r.line }, path: 'state', message: `'${state}' is not a state this file can give`, expected: 'early_help, cin or cpp' });
      continue;
    }
    if (r.get('start_date') === '') {
      issues.push({ location: { file, line: r.line }, path: 'start_date', message: 'the start date is blank', expected: 'a start date on every episode' });
      continue;
    }
    const s = span(file, r.line, r.get, 'start_date', 'end_date', issues);
    if (s) intervals.push({ child, state, ...s });
  }
  if (issues.length) throw new InputParseError(issues);
  return { intervals, births, rows, conflictingBirths };
}
