/**
 * Population projections: reading an ONS-style CSV into the model's bands, the population at a
 * date, and whether a projection (or births) covers a horizon.
 */
import type { Issue } from '../errors.js';
import { cellNumber, missingColumns, readCsv, type CsvTable } from '../io/csv.js';
import { MAX_AGE } from './bands.js';
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
  const missing = missingColumns(table, ['age', yearCol, 'population', ...(area ? ['la_code'] : [])]);
  if (missing.length) {
    missing.forEach((i) => issues.push({ path: at, message: '', located: i }));
    return null;
  }
  const byYear = new Map<number, number[]>();
  const areas = new Set<string>();
  for (const row of table.rows) {
    if (area && row.values.la_code !== area) continue;
    if (row.values.la_code !== undefined) areas.add(row.values.la_code);
    if (/^\d+\+$/.test(row.values.age ?? '')) continue; // an open-ended top age such as ONS's 90+
    const age = cellNumber(table, row, 'age');
    const year = cellNumber(table, row, yearCol);
    const pop = cellNumber(table, row, 'population');
    const bad = [age, year, pop].find((x): x is Issue => typeof x !== 'number');
    if (bad) { issues.push({ path: [], message: '', located: bad }); continue; }
    if ((age as number) > MAX_AGE) continue;
    const b = bands.findIndex((x) => (age as number) >= x.from && (age as number) <= x.to);
    const arr = byYear.get(year as number) ?? new Array<number>(bands.length).fill(0);
    arr[b] += pop as number;
    byYear.set(year as number, arr);
  }
  if (areas.size > 1) {
    issues.push({ path: at, message: `the file holds ${areas.size} areas (${[...areas].slice(0, 4).join(', ')}…)`, expected: 'area: the la_code to use' });
    return null;
  }
  if (byYear.size === 0) {
    issues.push({ path: at, message: `no rows${area ? ` for area ${area}` : ''} in ${file}` });
    return null;
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  return { source: file, years, byYear: years.map((y) => byYear.get(y)!) };
}
