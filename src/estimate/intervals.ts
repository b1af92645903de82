/**
 * Service intervals from the CIN census (flat CSV) and from early-help episode files, read row
 * by row. Each interval is a child in a state from a start day to an end day (null: still open).
 */
import { InputParseError, type Issue } from '../errors.js';
import { readCsvRows } from '../io/csv-rows.js';
import { ChildIds } from './child-ids.js';
import { dayNumber } from './dates.js';

/** Services below care, in order of precedence (a child on a plan is not counted as CIN too). */
export type ServiceState = 'cpp' | 'cin' | 'early_help';

/** A child in a state over days `[start, end)`. */
export interface Interval {
  child: string;
  /** The child's integer in the `ChildIds` the file was read with. */
  childIndex: number;
  state: ServiceState;
  start: number;
  end: number | null;
}

/** A child's date of birth where the file gives it, by child integer (NaN where it does not). */
export type Births = number[];

/**
 * Records the date of birth `text` of child `id`; a bad date is an issue. Returns false when the
 * child already has another date of birth (the first is kept, and the caller counts it).
 */
function noteBirth(births: Births, id: number, text: string, line: number, column: string, file: string, issues: Issue[]): boolean {
  const birth = dayNumber(text);
  if (birth === null) {
    issues.push({ location: { file, line }, path: column, message: `'${text}' is not a date`, expected: 'dd/mm/yyyy or yyyy-mm-dd' });
    return true;
  }
  while (births.length <= id) births.push(NaN);
  const seen = births[id];
  if (seen !== seen) births[id] = birth;
  return seen !== seen || seen === birth;
}

/** Reads an interval's dates `s` (column `startCol`) and `e` (`endCol`); problems are added to `issues`. */
function span(file: string, line: number, s: string, e: string, startCol: string, endCol: string, issues: Issue[]): { start: number; end: number | null } | null {
  if (s === '') {
    // No interval; but an end without a start is a broken row, not a silent skip.
    if (e !== '') issues.push({ location: { file, line }, path: startCol, message: `${startCol} is blank but ${endCol} is ${e}`, expected: `${startCol} for every row with ${endCol}` });
    return null;
  }
  const start = dayNumber(s);
  if (start === null) {
    issues.push({ location: { file, line }, path: startCol, message: `'${s}' is not a date`, expected: 'dd/mm/yyyy or yyyy-mm-dd' });
    return null;
  }
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
export async function readCinCensus(file: string, ids = new ChildIds()): Promise<{ intervals: Interval[]; births: Births; rows: number; conflictingBirths: number }> {
  const issues: Issue[] = [];
  const intervals: Interval[] = [];
  const births: Births = [];
  let rows = 0;
  let conflictingBirths = 0;
  const required = ['LAchildID', 'PersonBirthDate', 'CINreferralDate', 'CINclosureDate'];
  readCsvRows(file, [...required, 'CPPstartDate', 'CPPendDate'], required, issues, (c, line) => {
    rows++;
    const child = c[0];
    const childIndex = ids.of(child);
    if (!noteBirth(births, childIndex, c[1], line, 'PersonBirthDate', file, issues)) conflictingBirths++;
    const cin = span(file, line, c[2], c[3], 'CINreferralDate', 'CINclosureDate', issues);
    if (cin) intervals.push({ child, childIndex, state: 'cin', ...cin });
    const cpp = span(file, line, c[4], c[5], 'CPPstartDate', 'CPPendDate', issues);
    if (cpp) intervals.push({ child, childIndex, state: 'cpp', ...cpp });
  });
  if (issues.length) throw new InputParseError(issues);
  return { intervals, births, rows, conflictingBirths };
}

/** Early-help (or any) episodes: `child_id`, `date_of_birth`, `state`, `start_date`, `end_date`. */
export async function readEpisodes(file: string, ids = new ChildIds()): Promise<{ intervals: Interval[]; births: Births; rows: number; conflictingBirths: number }> {
  const issues: Issue[] = [];
  const intervals: Interval[] = [];
  const births: Births = [];
  let rows = 0;
  let conflictingBirths = 0;
  const columns = ['child_id', 'date_of_birth', 'state', 'start_date', 'end_date'];
  readCsvRows(file, columns, columns, issues, (c, line) => {
    rows++;
    const child = c[0];
    const childIndex = ids.of(child);
    if (!noteBirth(births, childIndex, c[1], line, 'date_of_birth', file, issues)) conflictingBirths++;
    const state = c[2];
    if (state !== 'early_help' && state !== 'cin' && state !== 'cpp') {
      issues.push({ location: { file, line }, path: 'state', message: `'${state}' is not a state this file can give`, expected: 'early_help, cin or cpp' });
      return;
    }
    if (c[3] === '') {
      issues.push({ location: { file, line }, path: 'start_date', message: 'the start date is blank', expected: 'a start date on every episode' });
      return;
    }
    const s = span(file, line, c[3], c[4], 'start_date', 'end_date', issues);
    if (s) intervals.push({ child, childIndex, state, ...s });
  });
  if (issues.length) throw new InputParseError(issues);
  return { intervals, births, rows, conflictingBirths };
}
