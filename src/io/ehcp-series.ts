/**
 * DfE's EHCP series by council (SEN2): plans at each January census and the new plans of the
 * calendar year before (`data/published/ehcp_totals_by_la_2010_2025.csv`, written by
 * data/send/derive.mjs). Columns `dfe_la_number`, `la_name`, `year`, `ehcps`,
 * `new_plans_year_before`; extra columns are ignored, blanks are figures not published.
 */
import { InputParseError, type Issue } from '../errors.js';
import { missingColumns, readCsv } from './csv.js';
import { readNumber } from './number.js';

/** A council's plans by January census year, with the new plans of the calendar year before (null: not published). */
export interface EhcpCouncil {
  code: string;
  name: string;
  years: Map<number, { plans: number; newPlans: number | null }>;
}

/**
 * Reads the EHCP series; bad numbers and repeated council-years are errors naming file, line and column.
 *
 * @example
 * const councils = readEhcpSeries('data/published/ehcp_totals_by_la_2010_2025.csv');
 */
export function readEhcpSeries(file: string): Map<string, EhcpCouncil> {
  const table = readCsv(file);
  const missing = missingColumns(table, ['dfe_la_number', 'year', 'ehcps']);
  if (missing.length) throw new InputParseError(missing);
  const issues: Issue[] = [];
  const out = new Map<string, EhcpCouncil>();
  const count = (raw: string | undefined, line: number, column: string, blank: boolean): number | null => {
    if (blank && (raw === undefined || raw === '')) return null;
    const read = readNumber(raw ?? '');
    if ('value' in read && read.value >= 0) return read.value;
    issues.push({ location: { file, line }, path: column, message: `'${raw ?? ''}' is not a count`, expected: blank ? 'a number of plans, or blank where not published' : 'a number of plans' });
    return null;
  };
  for (const row of table.rows) {
    const code = row.values.dfe_la_number ?? '';
    const year = Number(row.values.year);
    if (!/^\d{3}$/.test(code)) {
      issues.push({ location: { file, line: row.line }, path: 'dfe_la_number', message: `'${code}' is not a DfE council number`, expected: 'three digits, e.g. 825' });
      continue;
    }
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      issues.push({ location: { file, line: row.line }, path: 'year', message: `'${row.values.year ?? ''}' is not a year`, expected: 'the January census year, e.g. 2025' });
      continue;
    }
    const plans = count(row.values.ehcps, row.line, 'ehcps', false);
    const newPlans = count(row.values.new_plans_year_before, row.line, 'new_plans_year_before', true);
    let c = out.get(code);
    if (!c) out.set(code, (c = { code, name: row.values.la_name ?? code, years: new Map() }));
    if (c.years.has(year)) {
      issues.push({ location: { file, line: row.line }, path: 'year', message: `council ${code} ${year} appears twice`, expected: 'one row per council and year' });
      continue;
    }
    if (plans !== null) c.years.set(year, { plans, newPlans });
  }
  if (issues.length) throw new InputParseError(issues);
  return out;
}
