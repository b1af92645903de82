/**
 * Population projections: reading an ONS-style CSV into the model's bands, the population at a
 * date, and whether a projection (or births) covers a horizon.
 */
import type { Issue } from '../errors.js';
import { cellNumber, missingColumns, readCsv, type CsvTable } from '../io/csv.js';
import { pushReadError, type PendingIssue, type Path } from './build/issues.js';
import { addMonths, financialYearOf } from './time.js';
import type { AgeBand, PopulationProjection } from './types.js';

/** Why a projection does not span `years` from `start` (mid-years around both ends), or null. */
export function projectionCoverageProblem(p: PopulationProjection, start: Date, years: number): { message: string; expected: string } | null {
  const end = addMonths(start, years * 12);
  const needFrom = start.getUTCMonth() >= 6 ? start.getUTCFullYear() : start.getUTCFullYear() - 1;
  const needTo = end.getUTCMonth() >= 6 ? end.getUTCFullYear() + 1 : end.getUTCFullYear();
  const first = p.years[0];
  const last = p.years[p.years.length - 1];
  if (first <= needFrom && last >= needTo) return null;
  return { message: `the projection covers mid-${first} to mid-${last}`, expected: `mid-years from ${needFrom} to ${needTo} to span ${years} years from ${start.toISOString().slice(0, 10)}` };
}

/** Why births do not cover every financial year of `years` from `start`, or null. */
export function birthsCoverageProblem(byFinancialYear: Map<number, number>, start: Date, years: number): { message: string; expected: string } | null {
  // Every financial year a step falls in: a start after April runs into one more.
  const fy0 = financialYearOf(start);
  const fyLast = financialYearOf(addMonths(start, years * 12 - 1));
  const missing: number[] = [];
  for (let y = fy0; y <= fyLast; y++) if (!byFinancialYear.has(y)) missing.push(y);
  if (!missing.length) return null;
  return { message: `no births given for ${missing.join(', ')}`, expected: 'a number of births for every financial year of the horizon' };
}

/** Population by band at a date, interpolated linearly between mid-year (30 June) points. */
export function populationAt(p: PopulationProjection, date: Date): number[] {
  const t = date.getUTCFullYear() + (date.getTime() - Date.UTC(date.getUTCFullYear(), 5, 30)) / (365.25 * 86_400_000);
  const ys = p.years;
  let k = 0;
  while (k < ys.length - 2 && ys[k + 1] < t) k++;
  const w = ys.length === 1 ? 0 : Math.min(1, Math.max(0, (t - ys[k]) / (ys[k + 1] - ys[k])));
  const a = p.byYear[k];
  const b = p.byYear[Math.min(k + 1, ys.length - 1)];
  return a.map((v, i) => v + w * (b[i] - v));
}

/**
 * Reads an ONS-style population projection CSV (`age`, `mid_year`, `population`, optional
 * `la_code`) into the model's bands; problems are added to `issues` (located in the CSV).
 */
export function readPopulationProjection(
  file: string,
  area: string | undefined,
  bands: AgeBand[],
  modelFile: string,
  issues: PendingIssue[],
  at: Path = ['population', 'projection'],
): PopulationProjection | null {
  let table: CsvTable;
  try {
    table = readCsv(file, modelFile);
  } catch (err) {
    pushReadError(err, [...at, 'file'], issues);
    return null;
  }
  const yearCol = table.columns.includes('mid_year') ? 'mid_year' : 'year';
  const missing = missingColumns(table, ['age', ['mid_year', 'year'], 'population', ...(area ? ['la_code'] : [])]);
  if (missing.length) {
    missing.forEach((i) => issues.push({ path: at, message: '', located: i }));
    return null;
  }
  // The ages the bands cover (0-17 by default); others are not used (ONS files run to 90+).
  const bottom = bands[0].from;
  const top = bands[bands.length - 1].to;
  const before = issues.length;
  const byYear = new Map<number, number[]>();
  // Each (area, age, year) once: a repeated row would be added in, a missing age would shrink
  // its band. `seen` holds the line of each age per year.
  const seen = new Map<number, Map<number, number>>();
  const areas = new Set<string>();
  for (const row of table.rows) {
    if (area && row.values.la_code !== area) continue;
    if (row.values.la_code !== undefined) areas.add(row.values.la_code);
    if (/^\d+\+$/.test(row.values.age ?? '')) continue; // an open-ended top age such as ONS's 90+
    const age = cellNumber(table, row, 'age');
    const year = cellNumber(table, row, yearCol);
    const pop = cellNumber(table, row, 'population');
    const bad = [age, year, pop].find((x): x is Issue => typeof x !== 'number');
    if (bad) {
      issues.push({ path: [], message: '', located: bad });
      // The row is there: its age is not missing, only its number is wrong.
      if (typeof age === 'number' && typeof year === 'number') seen.set(year, (seen.get(year) ?? new Map<number, number>()).set(age, row.line));
      continue;
    }
    const a = age as number;
    const y = year as number;
    const ages = seen.get(y) ?? new Map<number, number>();
    seen.set(y, ages);
    const first = ages.get(a);
    if (first !== undefined) {
      const key = `${row.values.la_code !== undefined ? `${row.values.la_code} ` : ''}age ${a}, ${yearCol} ${y}`;
      issues.push({ path: [], message: '', located: { location: { file, line: row.line }, path: 'age', message: `${key} appears twice (first on line ${first})`, expected: `one row per ${row.values.la_code !== undefined ? 'area, ' : ''}age and ${yearCol}` } });
      continue;
    }
    ages.set(a, row.line);
    if (a > top || a < bottom) continue;
    const b = bands.findIndex((x) => a >= x.from && a <= x.to);
    if (b < 0) {
      issues.push({ path: [], message: '', located: { location: { file, line: row.line }, path: 'age', message: `'${row.values.age}' is not a whole age`, expected: `a whole age from ${bottom} (or ${top + 1} and over, which are not used)` } });
      continue;
    }
    const arr = byYear.get(y) ?? new Array<number>(bands.length).fill(0);
    arr[b] += pop as number;
    byYear.set(y, arr);
  }
  for (const [y, ages] of seen) {
    const missing: number[] = [];
    for (let a = bottom; a <= top; a++) if (!ages.has(a)) missing.push(a);
    if (missing.length) {
      const firstLine = Math.min(...ages.values());
      issues.push({ path: [], message: '', located: { location: { file, line: firstLine }, path: 'age', message: `${yearCol} ${y} has no row for age${missing.length > 1 ? 's' : ''} ${ageList(missing)}${area ? ` (area ${area})` : ''}`, expected: `a row for every age from ${bottom} to ${top} in every year${top > 17 ? ' (ONS sub-national projections by single year of age give every age to 90+)' : ''}` } });
    }
  }
  if (areas.size > 1) {
    issues.push({ path: at, message: `the file holds ${areas.size} areas (${[...areas].slice(0, 4).join(', ')}…)`, expected: 'area: the la_code to use' });
    return null;
  }
  if (issues.length > before) return null;
  if (byYear.size === 0) {
    issues.push({ path: at, message: `no rows${area ? ` for area ${area}` : ''} in ${file}` });
    return null;
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  return { source: file, years, byYear: years.map((y) => byYear.get(y)!) };
}

/** Ages as runs: `3, 7-9`. */
function ageList(ages: number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < ages.length; ) {
    let j = i;
    while (j + 1 < ages.length && ages[j + 1] === ages[j] + 1) j++;
    runs.push(j > i ? `${ages[i]}-${ages[j]}` : String(ages[i]));
    i = j + 1;
  }
  return runs.join(', ');
}
