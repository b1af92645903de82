/**
 * The comparison as an XLSX workbook for boards: a summary sheet, the baseline, one sheet per
 * scenario and a sheet saying what was run. Numbers are stored unrounded with £ and count
 * formats, header rows frozen.
 */
import { placements } from './placements.js';
import { sufficiency } from './sufficiency.js';
// exceljs takes about 0.4 s to import: loaded only when a workbook is written, not at start-up.
import type ExcelJS from 'exceljs';
import { financialYearLabel } from '../model/time.js';
import type { ComparisonSummary } from './comparison.js';
import { initialStock } from './comparison.js';
import { formatPayback } from './comparison-tables.js';
import { scenarioKeysOf } from './comparison-tidy.js';

/** Excel number formats. */
export const NUMBER_FORMATS = {
  count: '#,##0',
  difference: '+#,##0;-#,##0;0',
  money: '"£"#,##0;[Red]-"£"#,##0',
  percent: '0%',
} as const;

type Format = keyof typeof NUMBER_FORMATS | 'text';

interface Column {
  header: string;
  format: Format;
  width?: number;
}

/** What the workbook says about the run. */
export interface WorkbookMeta {
  title: string;
  version: string;
}

/**
 * Builds the workbook and returns its bytes.
 *
 * @example
 * writeFileAtomic('comparison.xlsx', await comparisonWorkbook(summary, { title, version }));
 */
export async function comparisonWorkbook(sum: ComparisonSummary, meta: WorkbookMeta): Promise<Uint8Array> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = `carecast ${meta.version}`;
  // Fixed dates (properties and zip entries) keep the workbook the same, byte for byte, from run to run.
  wb.created = new Date(`${sum.baseline.start}T00:00:00Z`);
  wb.modified = wb.created;
  const p = sum.baseline;
  const active = p.states.map((st, i) => ({ st, i })).filter((x) => !x.st.absorbing);
  const keys = scenarioKeysOf(sum);
  const spans = sum.scenarios[0]?.totals.map((t) => t.years) ?? [];

  // Summary: one row per scenario.
  const summary = sheet(wb, 'Summary', [
    { header: 'Scenario', format: 'text', width: 34 },
    ...spans.map((n): Column => ({ header: `Programme cost, ${n} years`, format: 'money' })),
    ...spans.flatMap((n): Column[] => [
      { header: `Net saving, ${n} years`, format: 'money' },
      { header: `Net saving, ${n} years, discounted`, format: 'money' },
    ]),
    ...spans.map((n): Column => ({ header: `ROI, ${n} years, discounted`, format: 'percent' })),
    { header: 'Payback year', format: 'text' },
    { header: 'Payback year, discounted', format: 'text' },
    ...spans.flatMap((n) => active.map((a): Column => ({ header: `${a.st.label}: difference after ${n} years`, format: 'difference' }))),
  ]);
  for (const s of sum.scenarios) {
    const t = (n: number) => s.totals.find((x) => x.years === n)!;
    summary.addRow([
      s.name,
      ...spans.map((n) => t(n).programmeCost),
      ...spans.flatMap((n) => [t(n).netSaving, t(n).netSavingDiscounted]),
      ...spans.map((n) => t(n).roiDiscounted ?? '–'),
      formatPayback(s.payback),
      formatPayback(s.paybackDiscounted),
      ...spans.flatMap((n) => active.map((a) => t(n).stockDiff[a.i])),
    ]);
  }

  // Baseline.
  const base = sheet(wb, 'Baseline', [
    { header: 'Financial year', format: 'text', width: 16 },
    ...active.map((a): Column => ({ header: `${a.st.label} at 31 March`, format: 'count' })),
    { header: 'Cost of services', format: 'money' },
    { header: 'Cost of services, discounted', format: 'money' },
  ]);
  const start = initialStock(p);
  base.addRow(['Start', ...active.map((a) => start[a.i])]);
  for (const x of sum.baselineYears) base.addRow([x.partial ? `${x.label} (part)` : x.label, ...active.map((a) => x.stock[a.i]), x.totalCost, x.totalCostDiscounted]);
  for (const t of sum.scenarios[0]?.totals ?? []) bold(base.addRow([t.label, ...active.map(() => null), t.baselineGrossCost, t.baselineGrossCostDiscounted]));

  // One sheet per scenario.
  sum.scenarios.forEach((s, si) => {
    const ws = sheet(wb, sheetName(keys[si], wb), [
      { header: 'Financial year', format: 'text', width: 16 },
      ...active.flatMap((a): Column[] => [
        { header: `${a.st.label} at 31 March`, format: 'count' },
        { header: `${a.st.label}: difference`, format: 'difference' },
      ]),
      { header: 'Cost of services', format: 'money' },
      { header: 'Baseline cost of services', format: 'money' },
      ...s.programmes.map((g): Column => ({ header: `Programme: ${g.label}`, format: 'money' })),
      { header: 'Programme cost', format: 'money' },
      { header: 'Net saving', format: 'money' },
      { header: 'Cumulative net saving', format: 'money' },
      { header: 'Net saving, discounted', format: 'money' },
      { header: 'Cumulative net saving, discounted', format: 'money' },
    ]);
    for (const y of s.years) {
      ws.addRow([
        y.partial ? `${y.label} (part)` : y.label,
        ...active.flatMap((a) => [y.stock[a.i], y.stockDiff[a.i]]),
        y.grossCost,
        y.baselineGrossCost,
        ...y.programmeCosts,
        y.programmeCost,
        y.netSaving,
        y.cumulativeNetSaving,
        y.netSavingDiscounted,
        y.cumulativeNetSavingDiscounted,
      ]);
    }
    for (const t of s.totals) {
      bold(ws.addRow([t.label, ...active.flatMap(() => [null, null]), t.grossCost, t.baselineGrossCost, ...s.programmes.map(() => null), t.programmeCost, t.netSaving, null, t.netSavingDiscounted, null]));
    }
    ws.addRow([]);
    ws.addRow([`Scenario: ${s.name} (${s.file})`]);
    ws.addRow([`Payback: ${formatPayback(s.payback)}; discounted: ${formatPayback(s.paybackDiscounted)}`]);
    if (s.description) ws.addRow([s.description.trim()]);
    for (const src of s.sources) ws.addRow([`Source: ${src}`]);
  });

  // Placements: children and cost by placement type, baseline and each scenario.
  const basePl = placements(sum.baseline, sum.baselineYears);
  if (basePl) {
    const arms = [{ name: 'Baseline', pl: basePl }, ...sum.scenarios.map((s) => ({ name: s.name, pl: s.placements ?? basePl }))];
    const cols: Column[] = [{ header: 'Year', format: 'text', width: 14 }];
    for (const a of arms) for (const t of basePl.types) cols.push({ header: `${a.name}: ${t.label}, children at 31 March`, format: 'count' }, { header: `${a.name}: ${t.label}, cost`, format: 'money' });
    const ws = sheet(wb, 'Placements', cols);
    sum.baselineYears.forEach((y, k) => ws.addRow([y.partial ? `${y.label} (part)` : y.label, ...arms.flatMap((a) => a.pl.years[k].flatMap((x) => [x.children, x.cost]))]));
  }

  // Sufficiency: places held and needed per capacity, baseline and each scenario.
  const caps = sufficiency(sum.baseline);
  if (caps.length) {
    const arms = [{ name: 'Baseline', caps }, ...sum.scenarios.map((s) => ({ name: s.name, caps: s.sufficiency }))];
    const cols: Column[] = [{ header: 'Year', format: 'text', width: 14 }];
    for (const b of caps) {
      for (const a of arms) {
        cols.push({ header: `${b.label}, ${a.name}: places`, format: 'count' }, { header: `${b.label}, ${a.name}: places needed`, format: 'count' }, { header: `${b.label}, ${a.name}: placed instead (${b.overflowState})`, format: 'count' }, { header: `${b.label}, ${a.name}: extra cost`, format: 'money' });
      }
    }
    const ws = sheet(wb, 'Sufficiency', cols);
    caps[0].years.forEach((y, k) => ws.addRow([y.partial ? `${y.label} (part)` : y.label, ...caps.flatMap((_, c) => arms.flatMap((a) => [a.caps[c].years[k].places, a.caps[c].years[k].demand, a.caps[c].years[k].overflow, a.caps[c].years[k].extraCost]))]));
  }

  // What was run.
  const about = sheet(wb, 'About', [
    { header: 'Item', format: 'text', width: 28 },
    { header: 'Value', format: 'text', width: 90 },
  ]);
  const v = p.values;
  const lines: [string, string][] = [
    ['Title', meta.title],
    ['Model', `${p.model.name} (${p.model.file})`],
    ['Start', p.start],
    ['Price base', financialYearLabel(v.priceBaseYear)],
    ['Inflation', `${v.inflation * 100}% a year`],
    ['Discount rate', `${v.discountRate * 100}% a year`],
    ['Money', 'Cash prices of each year; "discounted" columns are present values at the start'],
    ['Net saving', "Baseline cost of services less the scenario's cost of services and programmes; positive is a saving"],
    ['ROI', 'Net saving ÷ programme cost over the span'],
    ['Payback year', 'First financial year from which the cumulative net saving stays at or above 0'],
    ...sum.scenarios.map((s, si): [string, string] => [`Scenario ${keys[si]}`, `${s.name} (${s.file})`]),
    ['carecast', meta.version],
  ];
  for (const l of lines) about.addRow(l);

  return reproducibleZip(new Uint8Array(await wb.xlsx.writeBuffer()), wb.created);
}

/**
 * The same XLSX (a zip) with every entry dated `date`: exceljs stamps entries with the time of
 * writing, so without this two runs of the same comparison differ in bytes.
 */
async function reproducibleZip(bytes: Uint8Array, date: Date): Promise<Uint8Array> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  for (const name of Object.keys(zip.files)) {
    const entry = zip.files[name];
    if (entry.dir) continue;
    // createFolders: false, or JSZip adds folder entries stamped with the time of writing.
    out.file(name, await entry.async('uint8array'), { date, createFolders: false });
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/** A sheet with a bold, frozen header row and per-column number formats. */
function sheet(wb: ExcelJS.Workbook, name: string, columns: Column[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  const widths = columns.map((c) => c.width ?? Math.max(12, Math.min(28, c.header.length + 2)));
  ws.columns = columns.map((c, i) => ({
    header: c.header,
    width: widths[i],
    ...(c.format !== 'text' && { style: { numFmt: NUMBER_FORMATS[c.format] } }),
  }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'top' };
  // Spreadsheets do not grow a row for wrapped text on opening: give the header the lines it needs.
  const lines = Math.max(...columns.map((c, i) => Math.ceil(c.header.length / Math.max(1, widths[i] - 2))));
  head.height = 15 * Math.max(1, lines);
  return ws;
}

function bold(row: ExcelJS.Row): void {
  row.font = { bold: true };
}

/** A valid, unique sheet name (at most 31 characters, none of \ / ? * [ ] :). */
function sheetName(key: string, wb: ExcelJS.Workbook): string {
  const clean = key.replace(/[\\/?*[\]:]/g, '-').slice(0, 31);
  // Excel compares sheet names without regard to case.
  const taken = (n: string) => wb.worksheets.some((w) => w.name.toLowerCase() === n.toLowerCase());
  let name = clean;
  for (let k = 2; taken(name); k++) name = `${clean.slice(0, 28)}-${k}`;
  return name;
}
