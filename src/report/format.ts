/** Board tables as plain data, and the number formats every table shares (a leaf: imports nothing). */

/** A table as plain data: a title, column headers and formatted cells. */
export interface Table {
  title: string;
  columns: string[];
  rows: string[][];
  /** Rows that are totals (rendered after a rule). */
  totalRows: string[][];
  note?: string;
}

const countFmt = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const rateFmt = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Whole children with thousands separators (no "-0"). */
export function formatCount(x: number): string {
  return countFmt.format(Math.round(x) + 0);
}
/** A rate to one decimal. */
export function formatRate(x: number): string {
  return Number.isFinite(x) ? rateFmt.format(Math.round(x * 10) / 10 + 0) : '–';
}
/** £ in thousands, whole. */
export function formatThousands(x: number): string {
  return countFmt.format(Math.round(x / 1000) + 0);
}

const millionsFmt = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * £ in millions to one decimal, without the unit (`1,450.1`), for table cells under a `£m`
 * heading; never `-0.0`. Board pages show money this way; the tidy CSV and the workbook keep exact £.
 */
export function formatMillions(x: number): string {
  if (!Number.isFinite(x)) return '–';
  return millionsFmt.format(Math.round(x / 100_000) / 10 + 0);
}

/** £ in millions with the unit, for text and captions: `£1,450.1m`, `-£2.3m`. */
export function formatMoney(x: number): string {
  const s = formatMillions(Math.abs(x));
  if (s === '–') return s;
  return `${x < 0 && s !== '0.0' ? '-' : ''}£${s}m`;
}

/** £ millions with a sign, for differences: `+£17.7m`, `-£3.2m`, `£0.0m`. */
export function formatSignedMoney(x: number): string {
  const s = formatMoney(x);
  return Math.round(x / 100_000) > 0 ? `+${s}` : s;
}

/** The unit written in table titles and headings beside figures from `formatMillions`. */
export const MONEY_UNIT = '£m';
