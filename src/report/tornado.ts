/** The tornado table of a one-at-a-time sensitivity run, and its tidy CSV. */
import { stringify } from 'csv-stringify/sync';
import type { SensitivityRow, sensitivity } from '../uncertainty/sensitivity.js';
import { formatCount, formatThousands, type Table } from './tables.js';
import { csvNumber } from './tidy.js';

type Result = ReturnType<typeof sensitivity>;

function formatValue(x: number): string {
  return Math.abs(x) >= 1000 ? formatCount(x) : x.toPrecision(3);
}

/** The tornado as a table, largest swing first. */
export function tornadoTable(r: Result, spanYears: number): Table {
  const total = (o: SensitivityRow['low']) => (spanYears >= 10 ? o.total10 : o.total5);
  const cic = (o: SensitivityRow['low']) => (spanYears >= 10 ? o.cic10 : o.cic5);
  const span = spanYears >= 10 ? 10 : 5;
  return {
    title: `Sensitivity: ${r.measure} over ${span} years, each parameter at its low and high value`,
    columns: ['Parameter', 'Source', 'Low', 'High', `${span}-year ${r.measure} at low`, 'at high', 'Swing', `${r.inCare} after ${span} years, low / high`],
    rows: r.rows.map((x) => [
      x.parameter.label,
      x.parameter.source,
      x.parameter.lowText ?? formatValue(x.parameter.low),
      x.parameter.highText ?? formatValue(x.parameter.high),
      formatThousands(total(x.low)),
      formatThousands(total(x.high)),
      formatThousands(x.swing),
      `${formatCount(cic(x.low))} / ${formatCount(cic(x.high))}`,
    ]),
    totalRows: [['At the stated values', '', '', '', formatThousands(total(r.point)), '', '', formatCount(cic(r.point))]],
    note: `£ thousands, cash prices. Low and high are the values stated in the file, or the parameter's 10th and 90th percentiles; every other parameter stays at its stated value. Rows (transition rows) vary the probability of leaving the state, keeping the moves' proportions.`,
  };
}

/** Column names of the sensitivity CSV. */
export const TORNADO_COLUMNS = ['parameter', 'source', 'unit', 'low', 'high', 'total5_low', 'total5_high', 'total10_low', 'total10_high', 'in_care5_low', 'in_care5_high', 'in_care10_low', 'in_care10_high', 'swing'] as const;

/** The sensitivity rows as CSV (unrounded, 6 decimals). */
export function tornadoCsv(r: Result): string {
  const rows = r.rows.map((x) => [x.parameter.label, x.parameter.source, x.parameter.unit, x.parameter.low, x.parameter.high, x.low.total5, x.high.total5, x.low.total10, x.high.total10, x.low.cic5, x.high.cic5, x.low.cic10, x.high.cic10, x.swing]);
  return stringify([[...TORNADO_COLUMNS], ...rows.map((row) => row.map((v) => (typeof v === 'number' ? csvNumber(v) : v)))]);
}
