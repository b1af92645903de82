/** Renders tables for a terminal. */
import CliTable from 'cli-table3';
import type { Table } from './tables.js';

/** Boxed tables with numbers right-aligned; plain ASCII borders so logs and pipes stay readable. */
export function renderTerminal(title: string, tables: Table[], warnings: string[] = []): string {
  const out: string[] = [title, '='.repeat(Math.min(title.length, 100)), ''];
  for (const w of warnings) out.push(`Warning: ${w}`, '');
  for (const t of tables) {
    const table = new CliTable({
      head: t.columns,
      colAligns: t.columns.map((_, i) => (i === 0 ? 'left' : 'right')),
      style: { head: [], border: [], compact: true },
      chars: { top: '-', 'top-mid': '+', 'top-left': '+', 'top-right': '+', bottom: '-', 'bottom-mid': '+', 'bottom-left': '+', 'bottom-right': '+', left: '|', 'left-mid': '+', mid: '-', 'mid-mid': '+', right: '|', 'right-mid': '+', middle: '|' },
    });
    for (const r of t.rows) table.push(r);
    if (t.totalRows.length) {
      table.push(t.columns.map(() => '')); // a spacer row before totals
      for (const r of t.totalRows) table.push(r);
    }
    out.push(t.title, table.toString());
    if (t.note) out.push(t.note);
    out.push('');
  }
  return out.join('\n');
}
