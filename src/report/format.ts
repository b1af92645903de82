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
  return Number.isFinite(x) ? rateFmt.format(x) : '–';
}
/** £ in thousands, whole. */
export function formatThousands(x: number): string {
  return countFmt.format(Math.round(x / 1000) + 0);
}
