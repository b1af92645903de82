/**
 * Wide tables split into parts that fit the width of an A4 page, each part repeating the row
 * headers, so no printed table loses its right-hand columns. Widths are estimated from the text:
 * a cell is printed on one line, a header wraps at its spaces.
 */
import type { Table } from './format.js';

/**
 * Characters of table text across an A4 page in portrait: 186 mm (12 mm margins) at the print
 * style's 7.5 pt (a digit is about 1.47 mm: 126 digits), less a margin for error. `board-report.test.ts`
 * prints the report in Chromium and checks that every table fits.
 */
export const A4_TABLE_CHARS = 122;
/** Characters a cell's padding and borders take. */
const CELL_CHARS = 2.5;

/** The characters a column needs: its widest cell, or the longest word of its header. */
function columnChars(t: Table, c: number): number {
  const words = t.columns[c].split(/\s+/).map((w) => w.length);
  const cells = [...t.rows, ...t.totalRows].map((r) => (c === 0 ? Math.max(...(r[c] ?? '').split(/\s+/).map((w) => w.length)) : (r[c] ?? '').length));
  return Math.max(...words, ...cells) + CELL_CHARS;
}

/**
 * `t` as one table if it fits `chars`, else as parts of consecutive columns, each with the first
 * (row header) column, titled "(part k of n)", none wider than so many parts need; the note goes under the
 * last part.
 *
 * @example
 * splitToWidth(wideTable).length; // 2
 */
export function splitToWidth(t: Table, chars = A4_TABLE_CHARS): Table[] {
  const widths = t.columns.map((_, c) => columnChars(t, c));
  // Columns after the first, in runs whose width (with the first column's) stays within `limit`.
  const runs = (limit: number): number[][] => {
    const out: number[][] = [];
    let run: number[] = [];
    let used = widths[0];
    for (let c = 1; c < t.columns.length; c++) {
      if (run.length && used + widths[c] > limit) {
        out.push(run);
        run = [];
        used = widths[0];
      }
      run.push(c);
      used += widths[c];
    }
    if (run.length || !out.length) out.push(run);
    return out;
  };
  const parts = runs(chars).length;
  // As many parts as needed, none wider than it must be: the smallest limit giving that many parts.
  let limit = widths[0] + Math.ceil(widths.slice(1).reduce((a, w) => a + w, 0) / parts);
  while (runs(limit).length > parts && limit < chars) limit++;
  const groups = runs(limit);
  if (groups.length === 1) return [t];
  const pick = (r: string[], g: number[]) => [r[0], ...g.map((c) => r[c])];
  return groups.map((g, k) => ({
    title: `${t.title} (part ${k + 1} of ${groups.length})`,
    columns: pick(t.columns, g),
    rows: t.rows.map((r) => pick(r, g)),
    // A total row with nothing in this part's columns is left out of it.
    totalRows: t.totalRows.map((r) => pick(r, g)).filter((r) => r.slice(1).some((c) => c !== '')),
    ...(k === groups.length - 1 && t.note !== undefined && { note: t.note }),
  }));
}
