/**
 * The comparison as an XLSX workbook for boards: a summary sheet, the children each scenario
 * changes, the baseline, one sheet per scenario, placements, care leavers and sufficiency, the draws' intervals
 * (with `--draws`) and a sheet saying what was run. Numbers are stored unrounded as numbers with £,
 * count and percentage formats; totals a reader would check are formulas (a year's total is the
 * sum of its states, a net saving the baseline's cost less the scenario's), so the workbook stays
 * live when a planner edits a figure. Every sheet prints landscape on A4, fitted to the page width,
 * with its header row repeated.
 */
import { isChildState } from './summary.js';
import { placements } from './placements.js';
import { apartTotals } from './apart-comparison.js';
import { sufficiency } from './sufficiency.js';
// exceljs takes about 0.4 s to import: loaded only when a workbook is written, not at start-up.
import type ExcelJS from 'exceljs';
import { careStates } from '../model/care.js';
import { financialYearLabel } from '../model/time.js';
import type { MonteCarloResult } from '../uncertainty/montecarlo.js';
import { compareDraws, summariseDraws, type Interval } from '../uncertainty/summary.js';
import type { ComparisonSummary, ScenarioComparison } from './comparison.js';
import { sameAsBaseline } from './unchanged.js';
import { initialStock } from './comparison.js';
import { formatPayback } from './comparison-tables.js';
import { scenarioKeysOf } from './comparison-tidy.js';
import { wrapLabel } from './chart-style.js';

/** Excel number formats. */
export const NUMBER_FORMATS = {
  count: '#,##0',
  difference: '+#,##0;-#,##0;0',
  money: '"£"#,##0;[Red]-"£"#,##0',
  percent: '0%',
  /** A rate a year, e.g. 3.5% a year. */
  ratePerYear: '0.0##%" a year"',
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
  /** Each scenario's short name (`short_label`, else its name), for its sheet's name; default: the names. */
  labels?: string[];
}

/** A cell's formula with the value it computes to (kept so readers that do not recalculate see it). */
type Formula = { formula: string; result: number };
type Cell = string | number | null | Formula;

const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const formula = (f: string, result: number): Formula => ({ formula: f, result });
/** The A1 name of column `c` (1-based). */
function letter(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
/** `SUM` of columns `from`..`to` of row `r`, or of rows `from`..`to` of column `c`. */
const rowSum = (r: number, from: number, to: number, result: number) => formula(`SUM(${letter(from)}${r}:${letter(to)}${r})`, result);
const colSum = (c: number, from: number, to: number, result: number) => formula(`SUM(${letter(c)}${from}:${letter(c)}${to})`, result);

/**
 * Builds the workbook and returns its bytes; with `draws`, adds the intervals over the draws.
 *
 * @example
 * writeFileAtomic('comparison.xlsx', await comparisonWorkbook(summary, { title, version }));
 */
export async function comparisonWorkbook(sum: ComparisonSummary, meta: WorkbookMeta, draws: MonteCarloResult | null = null): Promise<Uint8Array> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = `carecast ${meta.version}`;
  // Fixed dates (properties and zip entries) keep the workbook the same, byte for byte, from run to run.
  wb.created = new Date(`${sum.baseline.start}T00:00:00Z`);
  wb.modified = wb.created;
  const p = sum.baseline;
  const active = p.states.map((st, i) => ({ st, i })).filter((x) => isChildState(p, x.i));
  const keys = scenarioKeysOf(sum);
  const spans = sum.scenarios[0]?.totals.map((t) => t.years) ?? [];
  const same = sum.scenarios.map((s) => sameAsBaseline(s, sum));
  // Sheet names: each scenario's short name, unique and within Excel's 31 characters; none for a scenario that is the baseline.
  const reserved = ['Summary', 'Children, difference', 'Baseline', 'Placements', 'Care leavers', 'Sufficiency', 'Uncertainty', 'Uncertainty by year', 'About'];
  const names: (string | null)[] = [];
  for (const [si, s] of sum.scenarios.entries()) names.push(same[si] ? null : sheetName(meta.labels?.[si] ?? s.name, [...reserved, ...names.filter((x): x is string => x !== null)]));
  const yearLabel = (y: { label: string; partial: boolean }) => (y.partial ? `${y.label} (part)` : y.label);

  // Summary: one row per scenario, money only (the children are on the next sheet).
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
    { header: 'Sheet', format: 'text', width: 34 },
  ]);
  for (const [si, s] of sum.scenarios.entries()) {
    const t = (n: number) => s.totals.find((x) => x.years === n)!;
    summary.addRow([
      s.name,
      ...spans.map((n) => t(n).programmeCost),
      ...spans.flatMap((n) => [t(n).netSaving, t(n).netSavingDiscounted]),
      // No programme cost, no return: the cell is left empty (a number or nothing, never text).
      ...spans.map((n) => t(n).roiDiscounted),
      formatPayback(s.payback, s.costsMore),
      formatPayback(s.paybackDiscounted, s.costsMore),
      names[si] ?? 'Same as the baseline: no sheet of its own',
    ]);
  }

  // Children each scenario changes, after 5 and 10 years: a row per scenario and span.
  const kids = sheet(wb, 'Children, difference', [
    { header: 'Scenario', format: 'text', width: 34 },
    { header: 'After', format: 'text', width: 10 },
    ...active.map((a): Column => ({ header: a.st.label, format: 'difference' })),
  ]);
  for (const s of sum.scenarios) for (const t of s.totals) kids.addRow([s.name, `${t.years} years`, ...active.map((a) => t.stockDiff[a.i])]);

  // Baseline: children by state and their total, cost by state and the cost of services as their sum.
  const costed = p.states.map((st, i) => ({ st, i })).filter((x) => !(p.apart ?? []).includes(x.i) && sum.baselineYears.some((y) => y.cost[x.i] !== 0));
  const hasMoves = sum.baselineYears.some((y) => y.moveCost.some((c) => c !== 0));
  const base = sheet(wb, 'Baseline', [
    { header: 'Financial year', format: 'text', width: 16 },
    ...active.map((a): Column => ({ header: `${a.st.label} at 31 March`, format: 'count' })),
    { header: 'All children at 31 March', format: 'count' },
    ...costed.map((c): Column => ({ header: `Cost: ${c.st.label}`, format: 'money' })),
    ...(hasMoves ? [{ header: 'Cost of moves', format: 'money' } as Column] : []),
    { header: 'Cost of services', format: 'money' },
    { header: 'Cost of services, discounted', format: 'money' },
  ]);
  const nA = active.length;
  const costFrom = nA + 3;
  const costTo = costFrom + costed.length + (hasMoves ? 1 : 0) - 1;
  const baseCostCol = costTo + 1;
  const start = initialStock(p);
  base.addRow(['Start', ...active.map((a) => start[a.i]), rowSum(2, 2, nA + 1, sumOf(active.map((a) => start[a.i])))]);
  /** The Baseline sheet's row of each year (in `sum.baselineYears` order). */
  const baseRow = sum.baselineYears.map((_, k) => k + 3);
  sum.baselineYears.forEach((x, k) => {
    const r = baseRow[k];
    const stock = active.map((a) => x.stock[a.i]);
    base.addRow([
      yearLabel(x),
      ...stock,
      rowSum(r, 2, nA + 1, sumOf(stock)),
      ...costed.map((c) => x.cost[c.i]),
      ...(hasMoves ? [sumOf(x.moveCost)] : []),
      rowSum(r, costFrom, costTo, x.totalCost),
      x.totalCostDiscounted,
    ]);
  });
  /** The first and last row of the whole years a span totals. */
  const spanRows = (n: number, rows: number[]): [number, number] => {
    const whole = sum.baselineYears.map((y, k) => (y.partial ? -1 : rows[k])).filter((r) => r > 0).slice(0, n);
    return [whole[0], whole[whole.length - 1]];
  };
  for (const t of sum.scenarios[0]?.totals ?? []) {
    const [a, b] = spanRows(t.years, baseRow);
    bold(base.addRow([t.label, ...active.map(() => null), null, ...costed.map(() => null), ...(hasMoves ? [null] : []), colSum(baseCostCol, a, b, t.baselineGrossCost), colSum(baseCostCol + 1, a, b, t.baselineGrossCostDiscounted)]));
  }

  // One sheet per scenario: programme cost, net saving and cumulative net saving as formulas on the
  // scenario's cost and the Baseline sheet's, so editing either carries through.
  sum.scenarios.forEach((s, si) => {
    if (names[si] === null) return;
    const ws = sheet(wb, names[si]!, [
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
    const cost = 2 + 2 * nA;
    const baseCost = cost + 1;
    const prog = baseCost + 1;
    const progTotal = prog + s.programmes.length;
    const net = progTotal + 1;
    const cum = net + 1;
    const netD = cum + 1;
    const cumD = netD + 1;
    const rows = s.years.map((_, k) => k + 2);
    s.years.forEach((y, k) => {
      const r = rows[k];
      const baseYear = sum.baselineYears.findIndex((b) => b.label === y.label);
      const baseRef = baseYear >= 0 ? formula(`Baseline!${letter(baseCostCol)}${baseRow[baseYear]}`, y.baselineGrossCost) : y.baselineGrossCost;
      ws.addRow([
        yearLabel(y),
        ...active.flatMap((a) => [y.stock[a.i], y.stockDiff[a.i]]),
        y.grossCost,
        baseRef,
        ...y.programmeCosts,
        s.programmes.length ? rowSum(r, prog, progTotal - 1, y.programmeCost) : y.programmeCost,
        formula(`${letter(baseCost)}${r}-${letter(cost)}${r}-${letter(progTotal)}${r}`, y.netSaving),
        formula(k === 0 ? `${letter(net)}${r}` : `${letter(cum)}${r - 1}+${letter(net)}${r}`, y.cumulativeNetSaving),
        y.netSavingDiscounted,
        formula(k === 0 ? `${letter(netD)}${r}` : `${letter(cumD)}${r - 1}+${letter(netD)}${r}`, y.cumulativeNetSavingDiscounted),
      ]);
    });
    for (const t of s.totals) {
      const [a, b] = spanRows(t.years, rows);
      const total = (c: number, v: number) => colSum(c, a, b, v);
      bold(ws.addRow([
        t.label,
        ...active.flatMap(() => [null, null]),
        total(cost, t.grossCost),
        total(baseCost, t.baselineGrossCost),
        ...s.programmes.map((_, g) => total(prog + g, sumOf(s.years.filter((y) => !y.partial).slice(0, t.years).map((y) => y.programmeCosts[g])))),
        total(progTotal, t.programmeCost),
        total(net, t.netSaving),
        null,
        total(netD, t.netSavingDiscounted),
        null,
      ]));
    }
    ws.addRow([]);
    // Notes in lines short enough to print within the page (a cell's text runs on beyond its column).
    const note = (text: string) => wrapLabel(text, NOTE_CHARS).split('\n').forEach((line) => ws.addRow([line]));
    note(`Scenario: ${s.name} (${s.file})`);
    note(`Payback: ${formatPayback(s.payback, s.costsMore)}; discounted: ${formatPayback(s.paybackDiscounted, s.costsMore)}`);
    if (s.description) note(s.description.trim());
    for (const src of s.sources) note(`Source: ${src}`);
  });

  // Placements: a row per scenario and year, children and cost by placement type with their totals.
  const basePl = placements(sum.baseline, sum.baselineYears);
  if (basePl) {
    const arms = armsOf(sum, names, basePl, (s) => s.placements);
    const nT = basePl.types.length;
    const ws = sheet(wb, 'Placements', [
      { header: 'Scenario', format: 'text', width: 26 },
      { header: 'Year', format: 'text', width: 10 },
      ...basePl.types.map((t): Column => ({ header: `${t.label}: children at 31 March`, format: 'count' })),
      { header: 'All children in care at 31 March', format: 'count' },
      ...basePl.types.map((t): Column => ({ header: `${t.label}: cost`, format: 'money' })),
      { header: 'Cost of care, all placement types', format: 'money' },
    ]);
    armRows(ws, arms, sum.baselineYears.map(yearLabel), (pl, k, r) => {
      const xs = pl.years[k];
      return [...xs.map((x) => x.children), rowSum(r, 3, 2 + nT, sumOf(xs.map((x) => x.children))), ...xs.map((x) => x.cost), rowSum(r, 4 + nT, 3 + 2 * nT, sumOf(xs.map((x) => x.cost)))];
    });
  }

  // Care leavers (reported apart, not in the net saving): a row per scenario and year, by state.
  const baseApart = apartTotals(sum.baseline, sum.baselineYears);
  if (baseApart) {
    const arms = armsOf(sum, names, baseApart, (s) => s.apart);
    const nS = baseApart.states.length;
    const ws = sheet(wb, 'Care leavers', [
      { header: 'Scenario', format: 'text', width: 36 },
      { header: 'Year', format: 'text', width: 10 },
      ...baseApart.states.map((st): Column => ({ header: `${st.label}: at 31 March`, format: 'count' })),
      ...baseApart.states.map((st): Column => ({ header: `${st.label}: cost`, format: 'money' })),
      { header: 'Cost of care leavers (not in the net saving)', format: 'money' },
    ]);
    armRows(ws, arms, sum.baselineYears.map(yearLabel), (a, k, r) => {
      const x = a.years[k];
      return [...x.stock, ...x.cost, rowSum(r, 3 + nS, 2 + 2 * nS, sumOf(x.cost))];
    });
  }

  // Sufficiency: a row per capacity, scenario and year.
  const caps = sufficiency(sum.baseline);
  if (caps.length) {
    const arms = [{ name: 'Baseline', caps }, ...sum.scenarios.filter((_, si) => names[si] !== null).map((s) => ({ name: s.name, caps: s.sufficiency }))];
    const ws = sheet(wb, 'Sufficiency', [
      { header: 'Places', format: 'text', width: 28 },
      { header: 'Scenario', format: 'text', width: 30 },
      { header: 'Year', format: 'text', width: 14 },
      { header: 'Places at 31 March', format: 'count' },
      { header: 'Places needed', format: 'count' },
      { header: 'Placed instead (overflow)', format: 'count' },
      { header: 'Placed instead in', format: 'text', width: 26 },
      { header: 'Extra cost of the overflow', format: 'money' },
    ]);
    caps.forEach((b, c) => {
      for (const a of arms) for (const y of a.caps[c].years) ws.addRow([b.label, a.name, yearLabel(y), y.places, y.demand, y.overflow, b.overflowLabel, y.extraCost]);
    });
  }

  if (draws) drawSheets(wb, sum, draws);

  // What was run.
  const about = sheet(wb, 'About', [
    { header: 'Item', format: 'text', width: 28 },
    { header: 'Value', format: 'text', width: 90 },
  ]);
  const v = p.values;
  const lines: [string, string | number, Format?][] = [
    ['Title', meta.title],
    ['Model', `${p.model.name} (${p.model.file})`],
    ['Start', p.start],
    ['Price base', financialYearLabel(v.priceBaseYear)],
    ['Inflation', v.inflation, 'ratePerYear'],
    ['Discount rate', v.discountRate, 'ratePerYear'],
    ['Money', 'Cash prices of each year; "discounted" columns are present values at the start'],
    ['Net saving', "Baseline cost of services less the scenario's cost of services and programmes; positive is a saving"],
    ['ROI', 'Net saving ÷ programme cost over the span (empty without a programme cost)'],
    ['Payback year', 'First financial year from which the cumulative net saving stays at or above 0; "costs more": the scenario costs more than the baseline in every year it differs, so there is nothing to pay back'],
    ['Formulas', "Totals, net saving and cumulative net saving are formulas: edit a year's figures and they follow"],
    ...(draws ? [['Draws', `${draws.draws.toLocaleString('en-GB')} draws, seed ${draws.seed}: mean and 5th-95th percentiles on the Uncertainty sheets`] as [string, string]] : []),
    ...sum.scenarios.map((s, si): [string, string] => [`Scenario ${keys[si]}`, `${s.name} (${s.file})${names[si] === null ? ': the same as the baseline, so no sheet of its own' : `: sheet '${names[si]}'`}`]),
    ['carecast', meta.version],
  ];
  for (const [item, value, format] of lines) {
    const row = about.addRow([item, value]);
    if (format && format !== 'text') {
      row.getCell(2).numFmt = NUMBER_FORMATS[format];
      row.getCell(2).alignment = { horizontal: 'left' };
    }
  }

  return reproducibleZip(new Uint8Array(await wb.xlsx.writeBuffer()), wb.created);
}

/** The intervals over the draws: each scenario's totals and chance of saving, and each arm's figures by year. */
function drawSheets(wb: ExcelJS.Workbook, sum: ComparisonSummary, mc: MonteCarloResult): void {
  const interval = (what: string, format: Format): Column[] => [
    { header: `${what}: mean`, format },
    { header: `${what}: 5th percentile`, format },
    { header: `${what}: 95th percentile`, format },
  ];
  const three = (x: Interval) => [x.mean, x.p5, x.p95];
  const totals = sheet(wb, 'Uncertainty', [
    { header: 'Scenario', format: 'text', width: 34 },
    { header: 'Over', format: 'text', width: 10 },
    ...interval('Net saving', 'money'),
    ...interval('Net saving, discounted', 'money'),
    ...interval('Programme cost', 'money'),
    { header: 'Chance of saving money', format: 'percent' },
    { header: 'Chance of saving money, discounted', format: 'percent' },
  ]);
  const cmp = compareDraws(mc);
  for (const c of cmp) for (const t of c.totals) totals.addRow([c.arm, `${t.years} years`, ...three(t.netSaving), ...three(t.netSavingDiscounted), ...three(t.programmeCost), t.probabilitySaves, t.probabilitySavesDiscounted]);
  totals.addRow([]);
  totals.addRow([`${mc.draws.toLocaleString('en-GB')} draws, seed ${mc.seed}. Chance of saving money: the share of draws whose net saving over the span (programme cost included) is above 0.`]);

  const care = careStates(sum.baseline);
  const figures = summariseDraws(mc);
  const find = (arm: string, period: string, item: string, measure: string) => figures.find((f) => f.arm === arm && f.period === period && f.item === item && f.measure === measure);
  const byYear = sheet(wb, 'Uncertainty by year', [
    { header: 'Scenario', format: 'text', width: 34 },
    { header: 'Financial year', format: 'text', width: 16 },
    ...interval(`${care.label} at 31 March`, 'count'),
    ...interval('Cost of services', 'money'),
    ...interval('Net saving', 'money'),
  ]);
  mc.keys.forEach((key, a) => {
    for (const period of mc.periods) {
      const kids = find(key, period.label, care.id, 'children_end');
      const cost = find(key, period.label, '', 'cost');
      const saving = a > 0 ? cmp[a - 1].years.find((y) => y.period === period.label)?.netSaving : undefined;
      byYear.addRow([a === 0 ? 'Baseline' : mc.arms[a], period.label, ...(kids ? three(kids.stats) : [null, null, null]), ...(cost ? three(cost.stats) : [null, null, null]), ...(saving ? three(saving) : [null, null, null])]);
    }
  });
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

/**
 * Column widths (in characters) that print legibly (at 55% or more) on one landscape A4 page: a
 * sheet up to this wide is fitted to one page across; a wider one (a scenario's children by state)
 * prints on as many pages across as it needs, its first column repeated on each.
 */
const PAGE_WIDTH_CHARS = 270;
/** Characters of a note line on a scenario sheet. */
const NOTE_CHARS = 140;

/** A column's width: as given, or enough for its figures (headers wrap onto more lines). */
function widthOf(c: Column): number {
  if (c.width) return c.width;
  if (c.format === 'money') return 15; // £1,432,825,123 in bold
  if (c.format === 'text') return Math.max(12, Math.min(28, c.header.length + 2));
  const longestWord = Math.max(...c.header.split(/\s+/).map((w) => w.length));
  return Math.max(9, Math.min(12, longestWord + 1));
}

/** A sheet with a bold, frozen header row, per-column number formats and print setup. */
function sheet(wb: ExcelJS.Workbook, name: string, columns: Column[]): ExcelJS.Worksheet {
  const widths = columns.map(widthOf);
  const across = Math.max(1, Math.ceil(widths.reduce((a, b) => a + b, 0) / PAGE_WIDTH_CHARS));
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: across,
      fitToHeight: 0, // as many pages down as the rows need
      printTitlesRow: '1:1',
      ...(across > 1 && { printTitlesColumn: 'A:A' }),
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&L&A&RPage &P of &N' },
  });
  ws.columns = columns.map((c, i) => ({
    header: c.header,
    width: widths[i],
    ...(c.format !== 'text' && { style: { numFmt: NUMBER_FORMATS[c.format] } }),
  }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'top' };
  // Spreadsheets do not grow a row for wrapped text on opening: give the header the lines it needs.
  const lines = Math.max(...columns.map((c, i) => wrapLabel(c.header, Math.max(1, widths[i] - 1)).split('\n').length));
  head.height = 15 * Math.max(1, lines);
  return ws;
}

/** The baseline and each scenario with a sheet of its own, with one figure of each (the baseline's where a scenario has none). */
function armsOf<T>(sum: ComparisonSummary, names: (string | null)[], base: T, of: (s: ScenarioComparison) => T | null | undefined): { name: string; x: T }[] {
  return [{ name: 'Baseline', x: base }, ...sum.scenarios.filter((_, si) => names[si] !== null).map((s) => ({ name: s.name, x: of(s) ?? base }))];
}

/** A row per arm and year, from row 2: the arm's name, the year, then `cells(figure, year index, row)`. */
function armRows<T>(ws: ExcelJS.Worksheet, arms: { name: string; x: T }[], years: string[], cells: (x: T, k: number, r: number) => unknown[]): void {
  let r = 2;
  const width = Math.max(1, (ws.getColumn(1).width ?? 10) - 1);
  for (const a of arms) {
    // A name longer than its column wraps (a spreadsheet would clip it at the next cell), in rows tall enough for it.
    const lines = wrapLabel(a.name, width).split('\n').length;
    years.forEach((label, k) => {
      const row = ws.addRow([a.name, label, ...cells(a.x, k, r)]);
      if (lines > 1) {
        row.alignment = { vertical: 'top' };
        row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
        row.height = 15 * lines;
      }
      r++;
    });
  }
}

function bold(row: ExcelJS.Row): void {
  row.font = { bold: true };
}

/**
 * A valid sheet name for `name` (none of \ / ? * [ ] :, at most 31 characters, cut at a word
 * where it can be) unlike every name in `taken` (compared without regard to case, as Excel does).
 */
export function sheetName(name: string, taken: string[]): string {
  const clean = name.replace(/[\\/?*[\]:]/g, '-').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '') || 'Scenario';
  const cut = (s: string, n: number) => {
    if (s.length <= n) return s;
    const at = s.lastIndexOf(' ', n);
    // Cut at a word, and not after a word that leads on ("Edge-of-care service for").
    return (at >= n / 2 ? s.slice(0, at).replace(/(\s+(a|an|the|and|or|of|for|in|on|at|to|by|with|above|below|from))+$/i, '') : s.slice(0, n)).replace(/[\s,;.-]+$/, '');
  };
  const used = (n: string) => taken.some((t) => t.toLowerCase() === n.toLowerCase());
  let out = cut(clean, 31);
  for (let k = 2; used(out); k++) out = `${cut(clean, 31 - ` (${k})`.length)} (${k})`;
  return out;
}
