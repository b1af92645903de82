/**
 * SSDA903 (children looked after) returns: several years of `episodes` and `header` files read
 * with a streaming parser, stacked and de-duplicated as the specification describes, with every
 * row left out counted by reason. Codes are checked against the 2024 specification.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputParseError, type Issue } from '../errors.js';
import { checkFolder } from '../io/files.js';
import { streamCsv } from '../io/stream-csv.js';
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
}

/** A child from the header files. */
export interface Child {
  id: string;
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

/** Placement types, as the example council's placement states (PLACE and PLACE_PROVIDER). */
export type PlacementType = 'in_house_foster' | 'ifa' | 'in_house_residential' | 'external_residential' | 'supported' | 'placed_with_parents' | 'adoption' | 'other_placement';

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

/**
 * Reads and stacks every return under `dir`. Errors (unparseable dates, unknown codes, DEC
 * before DECOM, missing columns) are collected and thrown together as `InputParseError`.
 */
export async function readSsda903(dir: string): Promise<{ episodes: Episode[]; children: Map<string, Child>; report: ReadReport }> {
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
  const children = new Map<string, Child & { year: number }>();
  const byKey = new Map<string, Episode>();
  const bad = (file: string, line: number, field: string, message: string, expected: string) => issues.push({ location: { file, line }, path: field, message, expected });
  const code = (file: string, line: number, field: keyof typeof CODES, value: string) => {
    if (!(CODES[field] as readonly string[]).includes(value)) bad(file, line, field, `'${value}' is not a ${field} code`, `one of ${CODES[field].join(', ')}`);
  };
  for (const f of files) {
    if (f.header) {
      for await (const r of streamCsv(f.header, ['CHILD', 'SEX', 'DOB'], issues)) {
        report.headerRows++;
        const birth = dayNumber(r.get('DOB'));
        if (birth === null) {
          bad(f.header, r.line, 'DOB', `'${r.get('DOB')}' is not a date`, 'dd/mm/yyyy or yyyy-mm-dd');
          continue;
        }
        const id = r.get('CHILD');
        const seen = children.get(id);
        // A later return corrects an earlier one: keep the latest, and count the disagreement.
        if (seen && seen.birth !== birth) report.adjusted.conflictingBirth++;
        if (!seen || f.year >= seen.year) children.set(id, { id, birth, sex: r.get('SEX'), year: f.year });
      }
    }
    for await (const r of streamCsv(f.episodes, ['CHILD', 'DECOM', 'RNE', 'LS', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC'], issues)) {
      report.episodeRows++;
      const start = dayNumber(r.get('DECOM'));
      if (start === null) {
        bad(f.episodes, r.line, 'DECOM', `'${r.get('DECOM')}' is not a date`, 'dd/mm/yyyy or yyyy-mm-dd');
        continue;
      }
      const decText = r.get('DEC');
      const end = decText === '' ? null : dayNumber(decText);
      if (decText !== '' && end === null) {
        bad(f.episodes, r.line, 'DEC', `'${decText}' is not a date`, 'dd/mm/yyyy or yyyy-mm-dd, or blank for an open episode');
        continue;
      }
      if (end !== null && end < start) {
        bad(f.episodes, r.line, 'DEC', `the episode ends (${decText}) before it starts (${r.get('DECOM')})`, 'DEC on or after DECOM');
        continue;
      }
      code(f.episodes, r.line, 'RNE', r.get('RNE'));
      code(f.episodes, r.line, 'LS', r.get('LS'));
      code(f.episodes, r.line, 'PLACE', r.get('PLACE'));
      code(f.episodes, r.line, 'PLACE_PROVIDER', r.get('PLACE_PROVIDER'));
      const rec = r.get('REC') || null;
      if (rec !== null) code(f.episodes, r.line, 'REC', rec);
      if (end !== null && rec === null) bad(f.episodes, r.line, 'REC', 'the episode has ended (DEC) but REC is blank', 'a REC code for every ended episode');
      const ep: Episode = { child: r.get('CHILD'), start, end, rne: r.get('RNE'), ls: r.get('LS'), place: r.get('PLACE'), provider: r.get('PLACE_PROVIDER'), rec, year: f.year, file: f.episodes, line: r.line };
      // Open episodes repeat in every later return: one row per (CHILD, DECOM), closed beats open,
      // a later return beats an earlier one.
      const key = `${ep.child}|${ep.start}`;
      const seen = byKey.get(key);
      if (seen) {
        report.excluded.duplicate++;
        if (seen.end !== null && ep.end !== null && seen.end !== ep.end) report.adjusted.conflictingEnd++;
        const better = (ep.end !== null && seen.end === null) || (ep.year >= seen.year && (ep.end !== null || seen.end === null));
        if (better) byKey.set(key, ep);
        continue;
      }
      byKey.set(key, ep);
    }
  }
  if (issues.length) throw new InputParseError(issues, `${dir}: ${issues.length} problem${issues.length === 1 ? '' : 's'} in the SSDA903 returns`);

  // Per child: short breaks out, episodes in order, overlaps trimmed.
  const perChild = new Map<string, Episode[]>();
  for (const ep of byKey.values()) {
    if (ep.ls === 'V3' || ep.ls === 'V4') {
      report.excluded.shortBreak++;
      continue;
    }
    if (!children.has(ep.child)) {
      report.excluded.noHeader++;
      continue;
    }
    const list = perChild.get(ep.child);
    if (list) list.push(ep);
    else perChild.set(ep.child, [ep]);
  }
  const episodes: Episode[] = [];
  const latestReturn = Math.max(...files.map((f) => f.year));
  for (const list of perChild.values()) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 0; i < list.length - 1; i++) {
      const next = list[i + 1].start;
      if (list[i].end === null) {
        // A stale open row: the child's next episode shows it ended.
        list[i] = { ...list[i], end: next, rec: 'X1' };
        report.adjusted.openClosedByNext++;
      } else if (list[i].end! > next) {
        list[i] = { ...list[i], end: next };
        report.adjusted.overlapTrimmed++;
      }
    }
    // A stale open row: open in a return but missing from a later one that exists. It ended at
    // the latest at the end of the last return it was in (31 March of that year).
    const last = list[list.length - 1];
    if (last.end === null && last.year < latestReturn) {
      list[list.length - 1] = { ...last, end: Math.max(last.start, Date.UTC(last.year, 3, 1) / 86_400_000) };
      report.adjusted.staleOpenClosed++;
    }
    episodes.push(...list);
  }
  report.children = perChild.size;
  report.episodes = episodes.length;
  return { episodes, children: new Map([...children].map(([k, v]) => [k, { id: v.id, birth: v.birth, sex: v.sex }])), report };
}
