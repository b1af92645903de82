/** Wide board tables split into parts that fit an A4 page, repeating the row headers. */
import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/report/format.js';
import { A4_TABLE_CHARS, splitToWidth } from '../../src/report/page-fit.js';

const table = (columns: number, cell = '12,345 (+67)'): Table => ({
  title: 'Wide',
  columns: ['Year', ...Array.from({ length: columns }, (_, i) => `Column ${i + 1}`)],
  rows: [['2025/26', ...Array.from({ length: columns }, () => cell)], ['2026/27', ...Array.from({ length: columns }, () => cell)]],
  totalRows: [['5-year total', ...Array.from({ length: columns }, (_, i) => (i === columns - 1 ? '99' : ''))]],
  note: 'A note.',
});

describe('splitToWidth', () => {
  it('leaves a table that fits as it is', () => {
    const t = table(5);
    expect(splitToWidth(t)).toEqual([t]);
  });

  it('splits a wide table into parts, each with the row headers, every column once, the note under the last', () => {
    // Columns of 14.5 characters (cell and padding) after a row header of 9.5: at most 7 fit in
    // 122, so 19 need three parts; the parts are no wider than three parts need.
    const t = table(19);
    const parts = splitToWidth(t);
    expect(parts.map((p) => p.title)).toEqual(['Wide (part 1 of 3)', 'Wide (part 2 of 3)', 'Wide (part 3 of 3)']);
    expect(parts.flatMap((p) => p.columns.slice(1))).toEqual(t.columns.slice(1));
    for (const p of parts) {
      expect(p.columns[0]).toBe('Year');
      expect(p.rows.map((r) => r[0])).toEqual(['2025/26', '2026/27']);
      expect(p.rows.every((r) => r.length === p.columns.length)).toBe(true);
      // each part fits: its cells and padding within the page's characters
      expect(p.columns.length * (t.rows[0][1].length + 2.5)).toBeLessThanOrEqual(A4_TABLE_CHARS);
    }
    expect(parts.map((p) => p.columns.length - 1)).toEqual([7, 7, 5]);
    expect(parts.map((p) => p.note)).toEqual([...parts.slice(1).map(() => undefined), 'A note.']);
    // the total row appears only in the part holding its figure
    expect(parts.map((p) => p.totalRows.length)).toEqual([...parts.slice(1).map(() => 0), 1]);
  });

  it('splits at a narrower width when asked', () => {
    expect(splitToWidth(table(5), 40).length).toBe(3);
  });
});
