/**
 * The board report: one self-contained HTML file (styles and SVG charts inline, no scripts, no
 * network), with real headings, table headers, text alternatives for charts and print styles
 * for A4.
 */
import type { Model } from '../model/types.js';
import { careStates } from '../model/care.js';
import { financialYearLabel } from '../model/time.js';
import type { MonteCarloResult } from '../uncertainty/montecarlo.js';
import { compareDraws } from '../uncertainty/summary.js';
import type { ChartSpec } from './charts.js';
import type { ComparisonSummary } from './comparison.js';
import { formatPayback, formatSigned } from './comparison-tables.js';
import { initialStock } from './comparison.js';
import { unitCostTable } from './unit-costs.js';
import { formatCount, formatMoney, formatSignedMoney, type Table } from './format.js';
import { escapeHtml, tableHtml } from './html-table.js';

export { escapeHtml, tableHtml };

/** A file the report was made from, with its SHA-256. */
export interface SourceFile {
  role: 'model' | 'scenario';
  path: string;
  sha256: string;
}

/** Everything the page shows; computed by the caller (the report reads results only). */
export interface BoardReport {
  title: string;
  version: string;
  /** Date of the run (YYYY-MM-DD), given by the caller so tests can fix it. */
  runDate: string;
  model: Model;
  comparison: ComparisonSummary;
  draws: MonteCarloResult | null;
  files: SourceFile[];
  charts: { chart: ChartSpec; svg: string }[];
  tables: Table[];
  /** Goal-seek (`report --target`): the sentence and the table, shown after the summary. */
  targets?: { sentence: string; table: Table }[];
}

function chartHtml({ chart, svg }: { chart: ChartSpec; svg: string }): string {
  const id = `chart-${chart.id}`;
  // The SVG is decoration for assistive technology; the figure carries the name and the text alternative.
  const graphic = svg.replace(/^<svg /, `<svg aria-hidden="true" focusable="false" `);
  return `<figure id="${id}" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc">${graphic}<figcaption><strong id="${id}-title">${escapeHtml(chart.title)}</strong> <span id="${id}-desc">${escapeHtml(chart.description)}</span></figcaption></figure>`;
}

function headline(r: BoardReport): string {
  const sum = r.comparison;
  const p = sum.baseline;
  const care = careStates(p);
  const inCare = (stock: number[]) => care.states.reduce((t, i) => t + stock[i], 0);
  const spans = sum.scenarios[0]?.totals.map((t) => t.years) ?? [];
  const draws = r.draws ? compareDraws(r.draws) : [];
  const base = sum.baselineYears.filter((y) => !y.partial);
  const baseRows = [5, 10]
    .filter((n) => base.length >= n)
    .map((n) => `<li>After ${n} years (${base[n - 1].label}): ${escapeHtml(care.label.toLowerCase())}: ${formatCount(inCare(base[n - 1].stock))} children; cost of services over ${n} years ${formatMoney(base.slice(0, n).reduce((a, y) => a + y.totalCost, 0))} (cash prices).</li>`)
    .join('');
  const columns = ['Scenario', ...spans.flatMap((n) => [`${care.label}, change after ${n} years`, `Net saving, ${n} years`]), 'Payback year', ...(draws.length ? spans.map((n) => `Chance of saving by year ${n}`) : [])];
  const rows = sum.scenarios.map((s, i) => [
    s.name,
    ...s.totals.flatMap((t) => [formatSigned(inCare(t.stockDiff)), formatSignedMoney(t.netSaving)]),
    formatPayback(s.payback),
    ...(draws.length ? draws[i].totals.map((t) => `${Math.round(t.probabilitySaves * 100)}%`) : []),
  ]);
  const table: Table = { title: 'Each scenario against the baseline', columns, rows, totalRows: [], note: 'Net saving: the baseline cost less the scenario\'s cost of services and programmes, £ millions, cash prices; positive is a saving.' + (r.draws ? ` Chances from ${r.draws.draws.toLocaleString('en-GB')} draws.` : '') };
  return `<section aria-labelledby="summary"><h2 id="summary">Summary</h2><p>If nothing changes (the baseline):</p><ul>${baseRows}</ul>${sum.scenarios.length ? tableHtml(table) : ''}</section>`;
}

/** The goal-seek: its sentence as a paragraph a board reads first, then the table. */
function targetSection(r: BoardReport): string {
  if (!r.targets?.length) return '';
  const parts = r.targets.map((t) => `<p>${escapeHtml(t.sentence)}</p>\n${tableHtml(t.table)}`);
  return `<section aria-labelledby="goal-seek"><h2 id="goal-seek">What it would take</h2>\n${parts.join('\n')}\n</section>\n`;
}

/** The "Assumptions and sources" section: files, run settings, unit costs, key rates and sources. */
export function assumptions(r: BoardReport): string {
  const m = r.model;
  const v = m.values;
  const n = m.states.length;
  const pct = (x: number) => `${+(x * 100).toFixed(2)}%`;
  const active = m.states.map((s, i) => ({ s, i })).filter((x) => !x.s.absorbing);
  const band = m.ages?.bands[Math.min(1, m.ages.bands.length - 1)];
  const matrix = m.transitions.matrices[m.ages ? Math.min(1, m.ages.bands.length - 1) : 0].p;
  const rateTable: Table = {
    // The model's matrices as written: per step, or annual (converted to per-step ones when run).
    title: `Transition probabilities per ${m.transitions.per === 'year' ? 'year' : m.time.step}${band ? `, ages ${band.label}` : ''} (%)`,
    columns: ['From', ...m.states.map((s) => s.label)],
    rows: active.map(({ s, i }) => [s.label, ...m.states.map((_, j) => (matrix[i * n + j] === 0 ? '' : (matrix[i * n + j] * 100).toFixed(2)))]),
    totalRows: [],
    note: m.transitions.per === 'year' && m.time.step !== 'year' ? `Annual probabilities as the model gives them; each run converts them to per-${m.time.step} ones by the matrix root.` : undefined,
  };
  const files = r.files.map((f) => `<tr><th scope="row">${escapeHtml(f.role)}</th><td><code>${escapeHtml(f.path)}</code></td><td><code>${f.sha256.slice(0, 16)}</code></td></tr>`).join('');
  const sources = [...new Set(r.comparison.scenarios.flatMap((s) => s.sources))];
  const modelFile = r.files.find((f) => f.role === 'model')?.path;
  const run = [
    ['Start', m.time.start],
    ['Step', m.time.step],
    ['Price base', financialYearLabel(v.priceBaseYear)],
    ['Inflation', `${pct(v.inflation)} a year`],
    ['Discount rate', `${pct(v.discountRate)} a year`],
    ['Costs counted on', v.count === 'average' ? 'the average of start and end stock of each step' : `the stock at the ${v.count} of each step`],
    ['Draws', r.draws ? `${r.draws.draws.toLocaleString('en-GB')}, seed ${r.draws.seed}` : 'none (deterministic)'],
    ['carecast', r.version],
    ['Run date', r.runDate],
  ];
  return `<section aria-labelledby="assumptions"><h2 id="assumptions">Assumptions and sources</h2>
<h3>Files</h3><div class="table-wrap"><table class="text"><caption>Model and scenario files (SHA-256)</caption><thead><tr><th scope="col">Role</th><th scope="col">File</th><th scope="col">SHA-256 (first 16)</th></tr></thead><tbody>${files}</tbody></table></div>
<h3>Run</h3><div class="table-wrap"><table class="text"><caption>Settings of this run</caption><tbody>${run.map(([k, x]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(x)}</td></tr>`).join('')}</tbody></table></div>
<h3>Unit costs</h3>${tableHtml(unitCostTable(m, initialStock(r.comparison.baseline)))}
<h3>Key rates</h3>${tableHtml(rateTable)}
<h3>Data sources</h3><ul>${[`Model: ${m.description || m.name}`, `Each figure's source is written beside it in the model file${modelFile ? ` (${modelFile})` : ''}; the published figures of carecast's bundled example are listed in data/README.md (DfE and ONS statistics, Open Government Licence v3.0).`, ...sources].map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>
</section>`;
}

/** The report's style sheet (screen and A4 print), which the planner's page builds on. */
export const REPORT_CSS = `
:root { color: #1a1a1a; font-family: Helvetica, Arial, sans-serif; font-size: 15px; line-height: 1.45; }
body { max-width: 1000px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 2px solid #1a1a1a; } h3 { font-size: 1.05rem; }
.meta { color: #444; }
table { border-collapse: collapse; margin: 0.5rem 0 0.2rem; font-size: 0.85rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
th, td { border: 1px solid #bbb; padding: 0.2rem 0.45rem; } td { text-align: right; white-space: nowrap; } table.text td { text-align: left; white-space: normal; } thead th { background: #eee; vertical-align: bottom; }
tbody th { text-align: left; font-weight: normal; } tr.total th, tr.total td { font-weight: bold; border-top: 2px solid #1a1a1a; }
.table-wrap { overflow-x: auto; margin-bottom: 1rem; } .note { font-size: 0.8rem; color: #444; margin: 0.2rem 0 0; }
figure { margin: 1rem 0 1.5rem; } figure svg { max-width: 100%; height: auto; } figcaption { font-size: 0.85rem; color: #333; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  :root { font-size: 10pt; } body { max-width: none; margin: 0; padding: 0; }
  h2 { break-after: avoid; } figure, table { break-inside: avoid; } .table-wrap { overflow: visible; }
  table { font-size: 7.5pt; } figure svg { max-height: 120mm; }
}`;

/** The whole page. */
export function boardReportHtml(r: BoardReport): string {
  const p = r.comparison.baseline;
  const last = p.periods[p.periods.length - 1];
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="carecast ${escapeHtml(r.version)}">
<title>${escapeHtml(r.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header><h1>${escapeHtml(r.title)}</h1>
<p class="meta">${escapeHtml(r.model.name)}: projection from ${escapeHtml(p.start)} to ${escapeHtml(last.end)}, ${r.comparison.scenarios.length} scenario${r.comparison.scenarios.length === 1 ? '' : 's'} against the baseline. Run ${escapeHtml(r.runDate)} with carecast ${escapeHtml(r.version)}${r.draws ? `; ${r.draws.draws.toLocaleString('en-GB')} draws, seed ${escapeHtml(String(r.draws.seed))}` : ''}.</p></header>
<main>
${headline(r)}
${targetSection(r)}<section aria-labelledby="charts"><h2 id="charts">Charts</h2>
${r.charts.map(chartHtml).join('\n')}
</section>
<section aria-labelledby="tables"><h2 id="tables">Tables</h2>
${r.tables.map((t) => tableHtml(t)).join('\n')}
</section>
${assumptions(r)}
</main>
</body>
</html>
`;
}
