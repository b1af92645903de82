/** Renders tables for a terminal, within 100 columns. */
import CliTable from 'cli-table3';
import type { Table } from './format.js';

/** Widest line a terminal table, note or title may take (a common terminal, and a printed page). */
export const TERMINAL_WIDTH = 100;

/**
 * A column heading wraps to one of these widths unless its figures are wider (so headings do not
 * set the width): the widest that splits the table into the fewest parts.
 */
const HEADING_WIDTHS = [14, 12, 10, 8];
/** The first column (years, scenario names) wraps beyond this. */
const FIRST_COLUMN_WIDTH = 30;

const CHARS = { top: '-', 'top-mid': '+', 'top-left': '+', 'top-right': '+', bottom: '-', 'bottom-mid': '+', 'bottom-left': '+', 'bottom-right': '+', left: '|', 'left-mid': '+', mid: '-', 'mid-mid': '+', right: '|', 'right-mid': '+', middle: '|' };

/** Boxed tables with numbers right-aligned; plain ASCII borders so logs and pipes stay readable. */
export function renderTerminal(title: string, tables: Table[], warnings: string[] = []): string {
  const out: string[] = [...wrapText(title), '='.repeat(Math.min(title.length, TERMINAL_WIDTH)), ''];
  for (const w of warnings) out.push(...wrapText(`Warning: ${w}`), '');
  for (const t of tables) {
    const { parts, w } = layout(t);
    parts.forEach((cols, i) => {
      const table = new CliTable({
        head: cols.map((c) => t.columns[c]),
        colAligns: cols.map((c) => (c === 0 ? 'left' : 'right')),
        colWidths: cols.map((c) => w[c] + 2),
        wordWrap: true,
        style: { head: [], border: [], compact: true },
        chars: CHARS,
      });
      for (const r of t.rows) table.push(cols.map((c) => r[c] ?? ''));
      if (t.totalRows.length) {
        table.push(cols.map(() => '')); // a spacer row before totals
        for (const r of t.totalRows) table.push(cols.map((c) => r[c] ?? ''));
      }
      const heading = parts.length > 1 ? `${t.title} (${i + 1} of ${parts.length})` : t.title;
      out.push(...wrapText(heading), table.toString());
    });
    if (t.note) out.push(...wrapText(t.note));
    out.push('');
  }
  return out.join('\n');
}

/** Column widths and parts: the widest headings that give the fewest parts. */
function layout(t: Table): { parts: number[][]; w: number[] } {
  let best: { parts: number[][]; w: number[] } | null = null;
  for (const hw of HEADING_WIDTHS) {
    const w = widths(t, hw);
    const parts = columnParts(t, w);
    if (!best || parts.length < best.parts.length) best = { parts, w };
  }
  const { parts, w } = best!;
  // A table in one part lets its first column (long item names) take the width left over.
  if (parts.length === 1) {
    const natural = Math.max(t.columns[0].length, ...[...t.rows, ...t.totalRows].map((r) => (r[0] ?? '').length));
    const extra = Math.max(0, ...[t.columns[0], ...[...t.rows, ...t.totalRows].map((r) => r[0] ?? '')].map((x) => Buffer.byteLength(x) - x.length));
    const used = 1 + w.reduce((a, x) => a + x + 3, 0) + extra;
    w[0] = Math.max(w[0], Math.min(natural, w[0] + TERMINAL_WIDTH - used));
  }
  return { parts, w };
}

/** Each column's width: its widest figure, its heading's longest word, and the heading up to `headingWidth`. */
function widths(t: Table, headingWidth: number): number[] {
  return t.columns.map((head, c) => {
    const cells = Math.max(0, ...[...t.rows, ...t.totalRows].map((r) => (r[c] ?? '').length));
    const word = Math.max(...head.split(/\s+/).map((w) => w.length));
    const w = Math.max(cells, word, Math.min(head.length, headingWidth));
    return Math.min(w, c === 0 ? FIRST_COLUMN_WIDTH : TERMINAL_WIDTH - FIRST_COLUMN_WIDTH - 7);
  });
}

/**
 * The columns of each part a wide table is split into: the first column (years, names) in every
 * part, then the others in as few parts as fit in TERMINAL_WIDTH, about as many in each. Widths
 * count bytes beyond characters too (`£`, `–`), so a line fits however it is measured.
 */
function columnParts(t: Table, w: number[]): number[][] {
  const extra = t.columns.map((head, c) => Math.max(0, ...[head, ...[...t.rows, ...t.totalRows].map((r) => r[c] ?? '')].map((s) => Buffer.byteLength(s) - s.length)));
  // Each column takes its width, two of padding and a border; the table one border more.
  const need = w.map((x, c) => x + 3 + extra[c]);
  const greedy = (perPart: number): number[][] | null => {
    const parts: number[][] = [];
    let part: number[] = [0];
    let used = 1 + need[0];
    for (let c = 1; c < t.columns.length; c++) {
      if (part.length > 1 && (used + need[c] > TERMINAL_WIDTH || part.length > perPart)) {
        parts.push(part);
        part = [0];
        used = 1 + need[0];
      }
      part.push(c);
      used += need[c];
    }
    parts.push(part);
    return parts;
  };
  const fewest = greedy(Infinity)!;
  if (fewest.length === 1) return fewest;
  // Even out the parts when that takes no more of them.
  const even = greedy(Math.ceil((t.columns.length - 1) / fewest.length));
  return even && even.length === fewest.length ? even : fewest;
}

/** `text` as lines of at most TERMINAL_WIDTH bytes, broken at spaces (a longer word stands alone). */
export function wrapText(text: string, width = TERMINAL_WIDTH): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      if (line && Buffer.byteLength(line) + 1 + Buffer.byteLength(word) > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines;
}
