/**
 * Published council series (DfE and ONS): one row per council per year ending 31 March, with
 * `la_code`, `year`, `population_0_17` and any of the stock and flow columns. Extra columns are
 * ignored; missing values are blank.
 */
import { InputParseError, type Issue } from '../errors.js';
import { missingColumns, readCsv } from './csv.js';
import { NUMBER_FORMS, readNumber } from './number.js';

/** The stock and flow series carecast reads, by their column names. */
export const SERIES = ['cin', 'cpp', 'cla', 'referrals', 'cin_starts', 'cpp_starts', 'cla_starts', 'cla_ceased'] as const;
export type SeriesName = (typeof SERIES)[number];

/** One council-year: the population (denominator) and whichever series were published. */
export interface CouncilYear {
  year: number;
  population: number | null;
  values: Partial<Record<SeriesName, number>>;
}

/** A council's years. */
export interface Council {
  code: string;
  name: string;
  /** DfE's region (`region_name`: Inner and Outer London apart), where the file gives it. */
  region?: string;
  years: Map<number, CouncilYear>;
}

/**
 * Reads a published series file. Bad numbers, years and duplicated council-years are errors
 * naming the file, line and column.
 *
 * @example
 * const councils = readPublishedSeries('data/published/la_timeseries_2013_2022.csv');
 */
export function readPublishedSeries(file: string): Map<string, Council> {
  const table = readCsv(file);
  const missing = missingColumns(table, ['la_code', 'year', 'population_0_17']);
  if (missing.length) throw new InputParseError(missing);
  const issues: Issue[] = [];
  const councils = new Map<string, Council>();
  const lines = new Map<string, number>(); // the line of each council-year, for repeats
  const number = (raw: string | undefined, line: number, column: string): number | null => {
    if (raw === undefined || raw === '' || raw.toUpperCase() === 'NA') return null;
    const read = readNumber(raw);
    if ('problem' in read && read.separator) {
      issues.push({ location: { file, line }, path: column, message: `'${raw}' ${read.problem}`, expected: `${NUMBER_FORMS}, or blank where not published` });
      return null;
    }
    if ('problem' in read || read.value < 0) {
      issues.push({ location: { file, line }, path: column, message: `'${raw}' is not a count`, expected: 'a non-negative number, or blank where not published' });
      return null;
    }
    return read.value;
  };
  for (const row of table.rows) {
    const code = row.values.la_code;
    const read = readNumber(row.values.year ?? '');
    const year = 'value' in read ? read.value : NaN;
    if (!code) {
      issues.push({ location: { file, line: row.line }, path: 'la_code', message: 'the council code is blank', expected: 'a GSS code such as E10000013' });
      continue;
    }
    if (!Number.isInteger(year) || year < 1990 || year > 2100) {
      issues.push({ location: { file, line: row.line }, path: 'year', message: `'${row.values.year}' is not a year`, expected: 'the year ending 31 March, e.g. 2019' });
      continue;
    }
    let council = councils.get(code);
    if (!council) {
      council = { code, name: row.values.la_name ?? code, years: new Map() };
      if (row.values.region_name) council.region = row.values.region_name;
      councils.set(code, council);
    }
    if (council.years.has(year)) {
      issues.push({ location: { file, line: row.line }, path: 'year', message: `${code} ${year} appears twice (first on line ${lines.get(`${code}|${year}`)})`, expected: 'one row per council and year' });
      continue;
    }
    lines.set(`${code}|${year}`, row.line);
    const values: Partial<Record<SeriesName, number>> = {};
    for (const s of SERIES) {
      if (!table.columns.includes(s)) continue;
      const v = number(row.values[s], row.line, s);
      if (v !== null) values[s] = v;
    }
    council.years.set(year, { year, population: number(row.values.population_0_17, row.line, 'population_0_17'), values });
  }
  if (issues.length) throw new InputParseError(issues);
  return councils;
}
