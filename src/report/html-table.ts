/** Tables as accessible HTML, shared by the board report and the planner's page. */
import type { Table } from './format.js';
import { splitToWidth } from './page-fit.js';

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A table as accessible HTML: caption, column headers, row headers in the first column. A table of
 * figures too wide for an A4 page is split into parts that each fit, repeating the row headers.
 */
export function tableHtml(t: Table, textual = false): string {
  return textual ? tablePart(t, true) : splitToWidth(t).map((part) => tablePart(part, false)).join('\n');
}

function tablePart(t: Table, textual: boolean): string {
  const head = `<thead><tr>${t.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>`;
  const row = (r: string[], total: boolean) => `<tr${total ? ' class="total"' : ''}>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`;
  const body = `<tbody>${t.rows.map((r) => row(r, false)).join('')}${t.totalRows.map((r) => row(r, true)).join('')}</tbody>`;
  return `<div class="table-wrap"><table${textual ? ' class="text"' : ''}><caption>${escapeHtml(t.title)}</caption>${head}${body}</table>${t.note ? `<p class="note">${escapeHtml(t.note)}</p>` : ''}</div>`;
}
