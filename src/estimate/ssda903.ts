/**
 * SSDA903 (children looked after) returns: several years of `episodes` and `header` files read
 * row by row, stacked and de-duplicated as the specification describes, with every
 * row left out counted by reason. Codes are checked against the 2024 specification.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputParseError, type Issue } from '../errors.js';
import { checkFolder } from '../io/files.js';
import { readCsvRows } from '../io/csv-rows.js';
import { ChildIds } from './child-ids.js';
import { dayNumber } from './dates.js';

const CODES = {
  RNE: ['S', 'L', 'P', 'T', 'B', 'U'],
  LS: ['C1', 'C2', 'D1', 'E1', 'J1', 'J2', 'J3', 'L1', 'L2', 'L3', 'V2', 'V3', 'V4'],
  REC: ['X1', 'E11', 'E12', 'E2', 'E3', 'E4A', 'E4B', 'E13', 'E41', 'E45', 'E46', 'E47', 'E48', 'E5', 'E6', 'E7', 'E9', 'E14', 'E15', 'E16', 'E17', 'E8'],
  PLACE: ['A3', 'A4', 'A5', 'A6', 'H5', 'K1', 'K2', 'P1', 'P2', 'P3', 'R1', 'R2', 'R3', 'R5', 'S1', 'T0', 'T1', 'T2', 'T3', 'T4', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'Z1'],
  PLACE_PROVIDER: ['PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5'],
} as const;

/** One episode of care, as read. Days count from 1970-01-01. */
export interface Episode {
  child: string;
  start: number;
  /** Day the episode ended, or null while open. */
  end: number | null;
  rne: string;
  ls: string;
  place: string;
  provider: string;
  rec: string | null;
  /** The return (year ending 31 March) it came from, and where. */
  year: number;
  file: string;
  line: number;
  /** The child's integer in the `ChildIds` the returns were read with. */
  childIndex: number;
}

/** A child from the header files. */
export interface Child {
  id: string;
  /** Its integer in the `ChildIds` the returns were read with. */
  index: number;
  birth: number;
  sex: string;
}

/** What reading did: rows read, and rows left out by reason (none silently). */
export interface ReadReport {
  files: string[];
  episodeRows: number;
  headerRows: number;
  children: number;
  episodes: number;
  excluded: Record<'duplicate' | 'shortBreak' | 'noHeader', number>;
  adjusted: Record<'openClosedByNext' | 'staleOpenClosed' | 'overlapTrimmed' | 'conflictingEnd' | 'conflictingBirth', number>;
}

/** Placement types in the order their care states are listed. */
export const PLACEMENT_TYPES = ['in_house_foster', 'ifa', 'in_house_residential', 'external_residential', 'supported', 'placed_with_parents', 'adoption', 'other_placement'] as const;

/** Placement types, as the example council's placement states (PLACE and PLACE_PROVIDER). */
export type PlacementType = (typeof PLACEMENT_TYPES)[number];

/**
 * The placement type of an episode: foster care (U1-U6) with a private or voluntary provider
 * (PR4, PR5) is an agency's, otherwise the council's; secure units, children's homes and other
 * residential settings (K1, K2, R1, P3, S1) run by the council itself (PR1) are its own homes,
 * otherwise external; semi-independent and independent living (H5, P2) are supported
 * accommodation.
 *
 * @example
 * placementType('U5', 'PR4'); // 'ifa'
 */
export function placementType(place: string, provider: string): PlacementType {
  if (/^U[1-6]$/.test(place)) return provider === 'PR4' || provider === 'PR5' ? 'ifa' : 'in_house_foster';
  if (['K1', 'K2', 'R1', 'P3', 'S1'].includes(place)) return provider === 'PR1' ? 'in_house_residential' : 'external_residential';
  if (place === 'H5' || place === 'P2') return 'supported';
  if (place === 'P1') return 'placed_with_parents';
  if (/^A[3-6]$/.test(place)) return 'adoption';
  return 'other_placement';
}

/** The return files under `dir`: year folders (`2017/episodes.csv`) or files named with the year. */
export function returnFiles(dir: string): { year: number; episodes: string; header: string | null }[] {
  checkFolder(dir, 'a folder of SSDA903 returns (year folders such as 2017/episodes.csv)');
  const out: { year: number; episodes: string; header: string | null }[] = [];
  const issues: Issue[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory() && /^\d{4}$/.test(name)) {
      const ep = join(path, 'episodes.csv');
      const hd = join(path, 'header.csv');
      // A year folder without its episodes would drop a year of care without a word.
      if (existsSync(ep)) out.push({ year: +name, episodes: ep, header: existsSync(hd) ? hd : null });
      else issues.push({ location: { file: path }, path: '', message: `the year folder ${name} has no episodes.csv`, expected: 'episodes.csv (and header.csv) in every year folder, or no folder for that year' });
    }
  }
  if (issues.length) throw new InputParseError(issues, `${dir}: ${issues.length} problem${issues.length === 1 ? '' : 's'} in the SSDA903 returns`);
  if (out.length === 0) throw new InputParseError([{ location: { file: dir }, path: '', message: 'no returns found', expected: 'year folders such as 2017/episodes.csv (with 2017/header.csv)' }]);
  return out;
}

/** The columns read from each file, in the order the row visitors index them. */
const HEADER_COLUMNS = ['CHILD', 'SEX', 'DOB'];
const EPISODE_COLUMNS = ['CHILD', 'DECOM', 'RNE', 'LS', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC'];
/** A code's place in its list (-1: not a code), so an episode holds small integers, not strings. */
class CodeIndex {
  private readonly index: Map<string, number>;
  private last = '';
  private lastIndex = -1;

  constructor(codes: readonly string[]) {
    this.index = new Map(codes.map((c, i) => [c, i]));
  }

  /** The place of `value`; most rows repeat the code of the row before. */
  of(value: string): number {
    if (value === this.last) return this.lastIndex;
    const i = this.index.get(value) ?? -1;
    this.last = value;
    return (this.lastIndex = i);
  }
}
const NO_REC = 255;
const X1 = CODES.REC.indexOf('X1');

/**
 * Reads and stacks every return under `dir`: the episodes used as objects, the children with a
 * header row, and what reading did. Errors (unparseable dates, unknown codes, DEC before DECOM,
 * missing columns) are collected and thrown together as `InputParseError`.
 */
export async function readSsda903(dir: string, ids = new ChildIds()): Promise<{ episodes: Episode[]; children: Child[]; report: ReadReport }> {
  const r = readReturns(dir, ids);
  const episodes = Array.from({ length: r.episodes.length }, (_, i) => r.episodes.episode(i));
  const children: Child[] = [];
  r.births.forEach((birth, id) => birth === birth && children.push({ id: ids.names[id], index: id, birth, sex: r.sexes[id] }));
  return { episodes, children, report: r.report };
}

/**
 * `readSsda903` without an object per episode, as `fit` reads: the episodes column by column,
 * each child's day of birth from its header rows by child integer (NaN: no header row), and
 * its sex. Child ids are interned in `ids` (one table for every reader of a fit, so they agree).
 */
export function readReturns(dir: string, ids: ChildIds): { episodes: EpisodeList; births: Float64Array; sexes: string[]; report: ReadReport } {
  const files = returnFiles(dir);
  const issues: Issue[] = [];
  const report: ReadReport = {
    files: files.flatMap((f) => [f.episodes, ...(f.header ? [f.header] : [])]),
    episodeRows: 0,
    headerRows: 0,
    children: 0,
    episodes: 0,
    excluded: { duplicate: 0, shortBreak: 0, noHeader: 0 },
    adjusted: { openClosedByNext: 0, staleOpenClosed: 0, overlapTrimmed: 0, conflictingEnd: 0, conflictingBirth: 0 },
  };
  // Header facts by child integer: the return they came from (-1: no header row yet).
  let headerYear = new Int32Array(1024).fill(-1);
  let births = new Float64Array(1024).fill(NaN);
  const sexes: string[] = [];
  // Room for every row at once (an episode row is at least 32 bytes), rather than growing by doubling.
  const rows = new EpisodeRows(Math.ceil(files.reduce((a, f) => a + statSync(f.episodes).size, 0) / 32));
  const bad = (file: string, line: number, field: string, message: string, expected: string) => issues.push({ location: { file, line }, path: field, message, expected });
  const codeIndex = Object.fromEntries(Object.entries(CODES).map(([field, codes]) => [field, new CodeIndex(codes)])) as Record<keyof typeof CODES, CodeIndex>;
  const code = (file: string, line: number, field: keyof typeof CODES, value: string): number => {
    const known = codeIndex[field].of(value);
    if (known >= 0) return known;
    bad(file, line, field, `'${value}' is not a ${field} code`, `one of ${CODES[field].join(', ')}`);
    return -1;
  };
  for (const [fileIndex, f] of files.entries()) {
    if (f.header) {
      const file = f.header;
      readCsvRows(file, HEADER_COLUMNS, HEADER_COLUMNS, issues, (c, line) => {
        report.headerRows++;
        const birth = dayNumber(c[2]);
        if (birth === null) {
          bad(file, line, 'DOB', `'${c[2]}' is not a date`, 'dd/mm/yyyy or yyyy-mm-dd');
          return;
        }
        const id = ids.of(c[0]);
        if (id >= headerYear.length) {
          headerYear = widened(headerYear, 2 * id, -1);
          births = widened(births, 2 * id, NaN);
        }
        // A later return corrects an earlier one: keep the latest, and count the disagreement.
        if (headerYear[id] >= 0 && births[id] !== birth) report.adjusted.conflictingBirth++;
        if (headerYear[id] < 0 || f.year >= headerYear[id]) {
          births[id] = birth;
          while (sexes.length < id) sexes.push('');
          sexes[id] = c[1];
          headerYear[id] = f.year;
        }
      });
    }
    const file = f.episodes;
    readCsvRows(file, EPISODE_COLUMNS, EPISODE_COLUMNS, issues, (c, line) => {
      report.episodeRows++;
      const start = dayNumber(c[1]);
      if (start === null) {
        bad(file, line, 'DECOM', `'${c[1]}' is not a date`, 'dd/mm/yyyy or yyyy-mm-dd');
        return;
      }
      const decText = c[6];
      const end = decText === '' ? null : dayNumber(decText);
      if (decText !== '' && end === null) {
        bad(file, line, 'DEC', `'${decText}' is not a date`, 'dd/mm/yyyy or yyyy-mm-dd, or blank for an open episode');
        return;
      }
      if (end !== null && end < start) {
        bad(file, line, 'DEC', `the episode ends (${decText}) before it starts (${c[1]})`, 'DEC on or after DECOM');
        return;
      }
      const rne = code(file, line, 'RNE', c[2]);
      const ls = code(file, line, 'LS', c[3]);
      const place = code(file, line, 'PLACE', c[4]);
      const provider = code(file, line, 'PLACE_PROVIDER', c[5]);
      const rec = c[7] === '' ? NO_REC : code(file, line, 'REC', c[7]);
      if (end !== null && rec === NO_REC) bad(file, line, 'REC', 'the episode has ended (DEC) but REC is blank', 'a REC code for every ended episode');
      if (issues.length) return; // nothing more is used
      // Open episodes repeat in every later return: one row per (CHILD, DECOM), closed beats open,
      // a later return beats an earlier one.
      const id = ids.of(c[0]);
      const seen = rows.find(id, start);
      if (seen >= 0) {
        report.excluded.duplicate++;
        const seenEnd = rows.end[seen];
        if (seenEnd === seenEnd && end !== null && seenEnd !== end) report.adjusted.conflictingEnd++;
        const better = (end !== null && seenEnd !== seenEnd) || (f.year >= rows.year[seen] && (end !== null || seenEnd !== seenEnd));
        if (better) rows.set(seen, end, rne, ls, place, provider, rec, f.year, fileIndex, line);
        return;
      }
      rows.add(id, start, end, rne, ls, place, provider, rec, f.year, fileIndex, line);
    });
  }
  if (issues.length) throw new InputParseError(issues, `${dir}: ${issues.length} problem${issues.length === 1 ? '' : 's'} in the SSDA903 returns`);

  // Per child, in the order of their first episode used: short breaks out, episodes in order,
  // overlaps trimmed.
  const childOrder: number[] = [];
  const listed = new Uint8Array(ids.size);
  const used = new Uint8Array(rows.count);
  for (let r = 0; r < rows.count; r++) {
    const ls = CODES.LS[rows.ls[r]];
    if (ls === 'V3' || ls === 'V4') {
      report.excluded.shortBreak++;
      continue;
    }
    const id = rows.child[r];
    if (!(id < headerYear.length && headerYear[id] >= 0)) {
      report.excluded.noHeader++;
      continue;
    }
    used[r] = 1;
    if (!listed[id]) {
      listed[id] = 1;
      childOrder.push(id);
    }
  }
  const order = new Int32Array(rows.count);
  let used_ = 0;
  const latestReturn = Math.max(...files.map((f) => f.year));
  const list: number[] = [];
  for (const id of childOrder) {
    list.length = 0;
    for (let r = rows.head[id]; r >= 0; r = rows.next[r]) if (used[r]) list.push(r);
    rows.sortByStart(list);
    for (let i = 0; i < list.length - 1; i++) {
      const r = list[i];
      const next = rows.start[list[i + 1]];
      if (rows.end[r] !== rows.end[r]) {
        // A stale open row: the child's next episode shows it ended.
        rows.end[r] = next;
        rows.rec[r] = X1;
        report.adjusted.openClosedByNext++;
      } else if (rows.end[r] > next) {
        rows.end[r] = next;
        report.adjusted.overlapTrimmed++;
      }
    }
    // A stale open row: open in a return but missing from a later one that exists. It ended at
    // the latest at the end of the last return it was in (31 March of that year).
    const last = list[list.length - 1];
    if (rows.end[last] !== rows.end[last] && rows.year[last] < latestReturn) {
      rows.end[last] = Math.max(rows.start[last], Date.UTC(rows.year[last], 3, 1) / 86_400_000);
      report.adjusted.staleOpenClosed++;
    }
    for (const r of list) order[used_++] = r;
  }
  report.children = childOrder.length;
  report.episodes = used_;
  // Children with no header row, or interned only after the last one, have no birth.
  const known = births.subarray(0, Math.min(births.length, ids.size));
  for (let id = 0; id < known.length; id++) if (headerYear[id] < 0) known[id] = NaN;
  return { episodes: new EpisodeList(rows, order.subarray(0, used_), ids, files.map((f) => f.episodes)), births: known, sexes, report };
}

/**
 * The episodes used, in order (by child, each child's by start), column by column: what `fit`
 * counts. `type` is the placement type's place in `PLACEMENT_TYPES`; an open end is NaN.
 */
export class EpisodeList {
  readonly length: number;
  readonly child: Int32Array;
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly year: Int32Array;
  readonly type: Uint8Array;

  constructor(
    private readonly rows: EpisodeRows,
    private readonly order: Int32Array,
    private readonly ids: ChildIds,
    private readonly files: string[],
  ) {
    const n = (this.length = order.length);
    this.child = new Int32Array(n);
    this.start = new Float64Array(n);
    this.end = new Float64Array(n);
    this.year = new Int32Array(n);
    this.type = new Uint8Array(n);
    // Each (PLACE, PLACE_PROVIDER) pair's type, worked out once.
    const types = CODES.PLACE.map((place) => CODES.PLACE_PROVIDER.map((provider) => PLACEMENT_TYPES.indexOf(placementType(place, provider))));
    for (let i = 0; i < n; i++) {
      const r = order[i];
      this.child[i] = rows.child[r];
      this.start[i] = rows.start[r];
      this.end[i] = rows.end[r];
      this.year[i] = rows.year[r];
      this.type[i] = types[rows.place[r]][rows.provider[r]];
    }
  }

  /** Episode `i` as an object. */
  episode(i: number): Episode {
    const r = this.order[i];
    return this.rows.episode(r, this.ids.names[this.rows.child[r]], this.files[this.rows.file[r]]);
  }
}

/**
 * The distinct (child, DECOM) episodes read so far, column by column in typed arrays in the
 * order first read, codes as their place in `CODES` (REC 255: blank), each child's rows chained
 * from `head` (no string keys). An open end is NaN.
 */
class EpisodeRows {
  count = 0;
  child = new Int32Array(0);
  start = new Float64Array(0);
  end = new Float64Array(0);
  rne = new Uint8Array(0);
  ls = new Uint8Array(0);
  place = new Uint8Array(0);
  provider = new Uint8Array(0);
  rec = new Uint8Array(0);
  year = new Int32Array(0);
  file = new Int32Array(0);
  line = new Int32Array(0);
  /** Each row's previous row of the same child (-1: none). */
  next = new Int32Array(0);
  /** Each child's latest row (-1: none). */
  head = new Int32Array(1024).fill(-1);

  /** Rows for `capacity` episodes (more are room made for). */
  constructor(capacity: number) {
    this.resize(Math.max(capacity, 1024));
  }

  /** The row of `child` starting on `start`, or -1. */
  find(child: number, start: number): number {
    let r = child < this.head.length ? this.head[child] : -1;
    while (r >= 0 && this.start[r] !== start) r = this.next[r];
    return r;
  }

  /** Adds a row. */
  add(child: number, start: number, end: number | null, rne: number, ls: number, place: number, provider: number, rec: number, year: number, file: number, line: number): void {
    if (this.count === this.child.length) this.resize(2 * this.count);
    while (child >= this.head.length) this.head = widened(this.head, 2 * this.head.length, -1);
    const r = this.count++;
    this.child[r] = child;
    this.start[r] = start;
    this.next[r] = this.head[child];
    this.head[child] = r;
    this.set(r, end, rne, ls, place, provider, rec, year, file, line);
  }

  /** Replaces row `r`'s values (its child and start stay). */
  set(r: number, end: number | null, rne: number, ls: number, place: number, provider: number, rec: number, year: number, file: number, line: number): void {
    this.end[r] = end === null ? NaN : end;
    this.rne[r] = rne;
    this.ls[r] = ls;
    this.place[r] = place;
    this.provider[r] = provider;
    this.rec[r] = rec;
    this.year[r] = year;
    this.file[r] = file;
    this.line[r] = line;
  }

  /** Sorts the rows `list` (a few, of one child; distinct starts) by start. */
  sortByStart(list: number[]): void {
    for (let i = 1; i < list.length; i++) {
      const r = list[i];
      let j = i - 1;
      while (j >= 0 && this.start[list[j]] > this.start[r]) list[j + 1] = list[j--];
      list[j + 1] = r;
    }
  }

  /** Row `r` as an episode of the child called `name`, read from `file`. */
  episode(r: number, name: string, file: string): Episode {
    const end = this.end[r];
    const rec = this.rec[r];
    return { child: name, start: this.start[r], end: end === end ? end : null, rne: CODES.RNE[this.rne[r]], ls: CODES.LS[this.ls[r]], place: CODES.PLACE[this.place[r]], provider: CODES.PLACE_PROVIDER[this.provider[r]], rec: rec === NO_REC ? null : CODES.REC[rec], year: this.year[r], file, line: this.line[r], childIndex: this.child[r] };
  }

  private resize(n: number): void {
    this.child = widened(this.child, n);
    this.start = widened(this.start, n);
    this.end = widened(this.end, n);
    this.rne = widened(this.rne, n);
    this.ls = widened(this.ls, n);
    this.place = widened(this.place, n);
    this.provider = widened(this.provider, n);
    this.rec = widened(this.rec, n);
    this.year = widened(this.year, n);
    this.file = widened(this.file, n);
    this.line = widened(this.line, n);
    this.next = widened(this.next, n);
  }
}

/** A copy of `a` with room for `n`, the new part filled with `fill`. */
function widened<T extends Int32Array | Float64Array | Uint8Array>(a: T, n: number, fill = 0): T {
  const out = new (a.constructor as new (n: number) => T)(n);
  out.set(a);
  if (fill !== 0) out.fill(fill, a.length);
  return out;
}
