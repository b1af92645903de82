/**
 * The planner's page as one HTML file: what it is and what it was made from, the controls and
 * results (drawn by the inlined script), the model's assumptions as the board report states them,
 * a print style for A4, and the page's data and script inline. Nothing is fetched.
 */
import { financialYearLabel } from '../model/time.js';
import type { Model } from '../model/types.js';
import type { ComparisonSummary } from '../report/comparison.js';
import { assumptions, REPORT_CSS, type SourceFile } from '../report/html.js';
import { escapeHtml } from '../report/html-table.js';
import type { PlannerData } from './state.js';

/** What the page is made of. */
export interface PlannerPage {
  data: PlannerData;
  /** The browser script (bundle.ts). */
  script: string;
  model: Model;
  /** The comparison as the files state it (for the assumptions section's sources). */
  stated: ComparisonSummary;
  files: SourceFile[];
}

const CSS = `
body { max-width: 1180px; }
.layout { display: grid; grid-template-columns: minmax(320px, 420px) 1fr; gap: 1.5rem; align-items: start; }
#settings { position: sticky; top: 0; max-height: 100vh; overflow-y: auto; }
fieldset.scenario { border: 1px solid #bbb; margin: 0 0 1rem; padding: 0.4rem 0.8rem 0.6rem; }
legend { font-weight: bold; padding: 0 0.3rem; }
.description, .hint { font-size: 0.8rem; color: #444; margin: 0.2rem 0; }
.lever { display: grid; grid-template-columns: 1fr 6.5rem; gap: 0.1rem 0.5rem; margin: 0.6rem 0; }
.lever label { grid-column: 1 / 3; font-size: 0.9rem; }
.lever input[type=range] { width: 100%; }
.lever input[type=number], .lever input[type=date] { width: 100%; font: inherit; }
.lever output { grid-column: 1 / 3; font-weight: bold; font-size: 0.85rem; }
.lever.moved output::after { content: " (moved)"; font-weight: normal; color: #a33; }
.lever .hint { grid-column: 1 / 3; }
.swatch { display: inline-block; width: 1.2em; border-top: 3px solid; vertical-align: middle; margin-right: 0.4em; }
.swatch.dashed { border-top-style: dashed; }
.legend { list-style: none; padding: 0; margin: 0; font-size: 0.8rem; display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; }
.error, .unavailable { border-left: 4px solid #a33; padding: 0.3rem 0.6rem; background: #fbeeee; font-size: 0.85rem; white-space: pre-wrap; }
.actions { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; font-size: 0.9rem; }
button { font: inherit; font-size: 0.85rem; }
#status { font-size: 0.85rem; color: #333; }
.warnings { font-size: 0.85rem; border-left: 4px solid #b58900; padding-left: 1.6rem; }
.charts figure { margin: 0.5rem 0 1.2rem; }
:focus-visible { outline: 3px solid #1d70b8; outline-offset: 2px; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } #settings { position: static; max-height: none; } }
@media print {
  .layout { display: block; } #settings { position: static; max-height: none; overflow: visible; }
  input, button, .actions, .load, .hint { display: none !important; }
  .lever { display: block; margin: 0.1rem 0; } .lever label::after { content: ": "; } .lever label, .lever output { display: inline; font-size: 8.5pt; }
  fieldset.scenario { break-inside: avoid; }
  #status { display: none; }
}`;

/** The page's HTML. */
export function plannerHtml(p: PlannerPage): string {
  const { data, model } = p;
  const v = model.values;
  const pct = (x: number) => `${+(x * 100).toFixed(2)}%`;
  const given = data.scenarios.map((k) => data.sources[k] ?? k);
  // `<` is written as an escape so no text in the data can close the script element.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const script = p.script.replace(/<\/script/gi, '<\\/script');
  const about = assumptions({ title: data.title, version: data.version, runDate: data.made, model, comparison: p.stated, draws: null, files: p.files, charts: [], tables: [] });
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="carecast ${escapeHtml(data.version)}">
<title>${escapeHtml(data.title)}</title>
<style>${REPORT_CSS}${CSS}</style>
</head>
<body>
<header><h1>${escapeHtml(data.title)}</h1>
<p>This page projects demand for children's services and what it costs with carecast's own engine, running in this page: move a control and every figure below is worked out again. It needs no network and sends nothing anywhere. Save what you set as a scenario file that <code>carecast compare</code> runs unchanged.</p>
<p class="meta">Made ${escapeHtml(data.made)} with carecast ${escapeHtml(data.version)} from the model <code>${escapeHtml(data.modelFile)}</code>${given.length ? ` and ${given.map((f) => `<code>${escapeHtml(f)}</code>`).join(', ')}` : ''}. ${escapeHtml(model.name)}: from ${escapeHtml(model.time.start)}, ${data.years ?? model.time.horizonYears} years. Money in cash prices: unit costs at ${escapeHtml(financialYearLabel(v.priceBaseYear))} prices (the price base), inflated at ${pct(v.inflation)} a year; discounted figures at ${pct(v.discountRate)} a year. The scenarios' effects are the assumptions their files state (below, with their sources), not evidence.</p>
<p id="startup-error" role="alert"></p>
<noscript><p class="error">This page needs JavaScript to project: the model and scenarios are in the page, and nothing is fetched.</p></noscript>
</header>
<main class="layout">
<section id="settings" aria-labelledby="settings-title"><h2 id="settings-title">Settings</h2>
<div id="controls"></div>
<p class="load"><label for="load">Load a scenario file (YAML) saved from this page or written by hand:</label><br><input type="file" id="load" accept=".yaml,.yml,text/yaml"></p>
<p id="load-message" role="status"></p>
</section>
<section id="results" aria-labelledby="results-title"><h2 id="results-title">Results</h2>
<p id="status" role="status" aria-live="polite"></p>
<div id="results-body"><p>Projecting…</p></div>
</section>
</main>
${about}
<script type="application/json" id="planner-data">${json}</script>
<script>${script}</script>
</body>
</html>
`;
}
