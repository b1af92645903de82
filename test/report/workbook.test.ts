/**
 * The comparison workbook as a board and a planner use it: sheets named for the scenarios, the
 * baseline given as a scenario said to be the baseline (no second sheet), numbers stored as
 * numbers (empty where there is no ROI), totals as live formulas, print setup that gives a handful
 * of A4 pages, and with draws the intervals and the chance of saving. Where LibreOffice is
 * installed it opens the workbook as a spreadsheet application would: its figures (recalculated
 * from the formulas), a figure edited and followed through, and the page count of the PDF.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../src/model/load.js';
import { summariseComparison, type ComparisonSummary } from '../../src/report/comparison.js';
import { comparisonWorkbook, NUMBER_FORMATS, sheetName } from '../../src/report/workbook.js';
import { sameAsBaseline } from '../../src/report/unchanged.js';
import { loadScenario } from '../../src/scenario/load.js';
import { compareScenarios } from '../../src/scenario/project.js';
import { monteCarlo } from '../../src/uncertainty/montecarlo.js';
import { compareDraws } from '../../src/uncertainty/summary.js';
import { runCli } from '../helpers.js';

const files = ['early-help', 'baseline', 'demand-surge'];
let sum: ComparisonSummary;
let bytes: Uint8Array;
let wb: ExcelJS.Workbook;

const headerOf = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1) as string[];
const colOf = (ws: ExcelJS.Worksheet, name: string) => {
  const c = headerOf(ws).indexOf(name) + 1;
  if (c === 0) throw new Error(`${ws.name}: no column '${name}'`);
  return c;
};
const rowOf = (ws: ExcelJS.Worksheet, first: string) => {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === first) return r;
  throw new Error(`${ws.name}: no row '${first}'`);
};
/** A cell's number: the value, or a formula's result. */
const num = (c: ExcelJS.Cell) => (typeof c.value === 'object' && c.value !== null && 'result' in c.value ? (c.value.result as number) : (c.value as number));
const formulaOf = (c: ExcelJS.Cell) => (c.value as { formula: string }).formula;

beforeAll(async () => {
  const model = loadModel('models/example.yaml');
  const scenarios = files.map((f) => loadScenario(`scenarios/${f}.yaml`));
  sum = summariseComparison(await compareScenarios(model, scenarios));
  bytes = await comparisonWorkbook(sum, { title: 'Test', version: '0.0.0', labels: ['Early help', 'Baseline (no change)', 'Demand surge in child protection'] });
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
}, 60_000);

describe('sheets', () => {
  it('are named for the scenarios (their short labels), and the baseline given as a scenario gets no second sheet', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Children, difference', 'Baseline', 'Early help', 'Demand surge in child', 'Placements', 'Care leavers', 'Sufficiency', 'About']);
    const s = wb.getWorksheet('Summary')!;
    const sheetCol = colOf(s, 'Sheet');
    expect([2, 3, 4].map((r) => [s.getCell(r, 1).value, s.getCell(r, sheetCol).value])).toEqual([
      ['Early help investment', 'Early help'],
      ['Baseline (no change)', 'Same as the baseline: no sheet of its own'],
      ['Demand surge in child protection', 'Demand surge in child'],
    ]);
    const about = wb.getWorksheet('About')!;
    const text = about.getColumn(2).values.join('\n');
    expect(text).toContain('scenarios/baseline.yaml): the same as the baseline, so no sheet of its own');
    expect(text).toContain("scenarios/early-help.yaml): sheet 'Early help'");
  });

  it('a scenario that changes only the workforce is not the baseline: it keeps its sheet', async () => {
    const model = loadModel('models/example.yaml');
    const scenarios = ['baseline', 'social-work-caseloads'].map((f) => loadScenario(`scenarios/${f}.yaml`));
    const s2 = summariseComparison(await compareScenarios(model, scenarios, { years: 5 }));
    expect(s2.scenarios.map((x) => sameAsBaseline(x, s2))).toEqual([true, false]);
    // its children and cost of services are the baseline's: only the workforce differs
    expect(s2.scenarios[1].years.every((y) => y.grossCost === y.baselineGrossCost)).toBe(true);
  }, 60_000);

  it('names are valid, at most 31 characters cut at a word, and unique without regard to case', () => {
    expect(sheetName('Population 0.5% a year above projection', [])).toBe('Population 0.5% a year');
    expect(sheetName('Edge-of-care service for adolescents', [])).toBe('Edge-of-care service');
    expect(sheetName('Early help investment, a year later', [])).toBe('Early help investment, a year');
    expect(sheetName('What? [draft]: a/b', [])).toBe('What- -draft-- a-b');
    expect(sheetName('summary', ['Summary'])).toBe('summary (2)');
    expect(sheetName('A scenario with a very long name indeed', ['A scenario with a very long'])).toBe('A scenario with a very long (2)');
    for (const n of ['Population 0.5% a year above projection', 'x'.repeat(40)]) expect(sheetName(n, []).length).toBeLessThanOrEqual(31);
  });

  it('print landscape on A4, fitted to the page width, the header row repeated on every page', () => {
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup, ws.name).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToHeight: 0, printTitlesRow: '1:1' });
      // one page across, but for the scenario sheets' children by state (two, first column repeated)
      const across = ws.name === 'Early help' || ws.name === 'Demand surge in child' || ws.name === 'Baseline' ? 2 : 1;
      expect(ws.pageSetup.fitToWidth, ws.name).toBe(across);
      if (across > 1) expect(ws.pageSetup.printTitlesColumn, ws.name).toBe('A:A');
    }
  });
});

describe('numbers', () => {
  it('are numbers: rates a year formatted as such, no text in a percentage column', () => {
    const about = wb.getWorksheet('About')!;
    const inflation = about.getCell(rowOf(about, 'Inflation'), 2);
    const discount = about.getCell(rowOf(about, 'Discount rate'), 2);
    expect(inflation.value).toBe(0.03);
    expect(discount.value).toBe(0.035);
    expect(discount.numFmt).toBe(NUMBER_FORMATS.ratePerYear);
    const s = wb.getWorksheet('Summary')!;
    const roi = colOf(s, 'ROI, 10 years, discounted');
    expect(s.getCell(2, roi).value as number).toBeCloseTo(sum.scenarios[0].totals[1].roiDiscounted!, 12);
    // the demand surge has no programme cost: no ROI, an empty cell
    expect(s.getCell(4, roi).value).toBeNull();
    // it costs more than the baseline every year it differs: nothing to pay back, said so (as in the tables)
    expect(s.getCell(4, colOf(s, 'Payback year')).value).toBe('costs more');
    expect(s.getCell(4, colOf(s, 'Payback year, discounted')).value).toBe('costs more');
  });

  it('has the care leavers apart: a row per scenario and year, their number and cost by state, the total a formula', () => {
    const ws = wb.getWorksheet('Care leavers')!;
    const ids = sum.baseline.states.map((s) => s.id);
    const leavers = ['care_leaver_staying_put', 'care_leaver_supported', 'care_leaver_support', 'care_leaver_21_24'].map((id) => ids.indexOf(id));
    expect(headerOf(ws)[2]).toBe('Care leaver 18-20: Staying Put: at 31 March');
    // Row 2: the baseline's first year; the demand surge (the third scenario, the second with a sheet) starts 20 rows on.
    const y = sum.baselineYears[0];
    expect(ws.getCell(2, 1).value).toBe('Baseline');
    leavers.forEach((i, j) => {
      expect(ws.getCell(2, 3 + j).value as number).toBeCloseTo(y.stock[i], 9);
      expect(ws.getCell(2, 7 + j).value as number).toBeCloseTo(y.cost[i], 6);
    });
    const total = colOf(ws, 'Cost of care leavers (not in the net saving)');
    expect(formulaOf(ws.getCell(2, total))).toBe('SUM(G2:J2)');
    expect(num(ws.getCell(2, total))).toBeCloseTo(y.apartCost, 6);
    const surge = sum.scenarios[2].apart!;
    expect(ws.getCell(22, 1).value).toBe(sum.scenarios[2].name);
    expect(num(ws.getCell(22, total))).toBeCloseTo(surge.years[0].cost.reduce((a, v) => a + v, 0), 6);
  });

  it('wraps a scenario name longer than its column, in rows tall enough for it, where a spreadsheet would clip it', () => {
    const ws = wb.getWorksheet('Placements')!;
    expect(ws.getColumn(1).width).toBe(26);
    // "Demand surge in child protection", 32 characters, takes two lines at 25.
    const r = rowOf(ws, 'Demand surge in child protection');
    expect(ws.getCell(r, 1).alignment).toMatchObject({ wrapText: true });
    expect(ws.getRow(r).height).toBe(30);
    const b = rowOf(ws, 'Baseline');
    expect(ws.getCell(b, 1).alignment?.wrapText).toBeFalsy();
    expect(ws.getRow(b).height).toBeUndefined();
  });

  it('totals are formulas a reader can check: a year is the sum of its states, net saving the baseline less the scenario', () => {
    const base = wb.getWorksheet('Baseline')!;
    const all = colOf(base, 'All children at 31 March');
    const r = rowOf(base, '2025/26');
    expect(formulaOf(base.getCell(r, all))).toBe(`SUM(B${r}:${base.getColumn(all - 1).letter}${r})`);
    const y = sum.baselineYears[0];
    // The children's states: every active one but the care leavers, who are reported apart.
    const children = sum.baseline.states.flatMap((s, i) => (!s.absorbing && !s.id.startsWith('care_leaver') ? [i] : []));
    expect(children).toHaveLength(12);
    expect(num(base.getCell(r, all))).toBeCloseTo(children.reduce((a, i) => a + y.stock[i], 0), 6);
    const cost = colOf(base, 'Cost of services');
    expect(formulaOf(base.getCell(r, cost))).toMatch(/^SUM\(/);
    expect(num(base.getCell(r, cost))).toBeCloseTo(y.totalCost, 4);
    expect(formulaOf(base.getCell(rowOf(base, '10-year total'), cost))).toBe(`SUM(${base.getColumn(cost).letter}3:${base.getColumn(cost).letter}12)`);

    const ws = wb.getWorksheet('Early help')!;
    const L = (name: string) => ws.getColumn(colOf(ws, name)).letter;
    expect(formulaOf(ws.getCell(2, colOf(ws, 'Baseline cost of services')))).toBe(`Baseline!${base.getColumn(cost).letter}3`);
    expect(formulaOf(ws.getCell(3, colOf(ws, 'Net saving')))).toBe(`${L('Baseline cost of services')}3-${L('Cost of services')}3-${L('Programme cost')}3`);
    expect(formulaOf(ws.getCell(3, colOf(ws, 'Cumulative net saving')))).toBe(`${L('Cumulative net saving')}2+${L('Net saving')}3`);
    const t10 = rowOf(ws, '10-year total');
    expect(num(ws.getCell(t10, colOf(ws, 'Net saving')))).toBeCloseTo(sum.scenarios[0].totals[1].netSaving, 4);
  });
});

describe('with draws', () => {
  it('carries the mean and 5th-95th percentiles and the chance of saving', async () => {
    const model = loadModel('models/example.yaml');
    const scenarios = [loadScenario('scenarios/early-help.yaml')];
    const mc = await monteCarlo(model, scenarios, { draws: 40, seed: 3 });
    const s2 = summariseComparison(await compareScenarios(model, scenarios));
    const w = new ExcelJS.Workbook();
    await w.xlsx.load(Buffer.from(await comparisonWorkbook(s2, { title: 'T', version: '0' }, mc)) as never);
    expect(w.worksheets.map((x) => x.name)).toEqual(['Summary', 'Children, difference', 'Baseline', 'Early help investment', 'Placements', 'Care leavers', 'Sufficiency', 'Uncertainty', 'Uncertainty by year', 'About']);
    const u = w.getWorksheet('Uncertainty')!;
    const c = compareDraws(mc)[0];
    const r = rowOf(u, 'Early help investment') + 1; // the 10-year row follows the 5-year one
    expect(u.getCell(r, 2).value).toBe('10 years');
    expect(u.getCell(r, colOf(u, 'Net saving: mean')).value).toBeCloseTo(c.totals[1].netSaving.mean, 6);
    expect(u.getCell(r, colOf(u, 'Net saving: 5th percentile')).value).toBeCloseTo(c.totals[1].netSaving.p5, 6);
    expect(u.getCell(r, colOf(u, 'Net saving: 95th percentile')).value).toBeCloseTo(c.totals[1].netSaving.p95, 6);
    expect(u.getCell(r, colOf(u, 'Chance of saving money')).value).toBe(c.totals[1].probabilitySaves);
    expect(u.getCell(r, colOf(u, 'Chance of saving money')).numFmt).toBe(NUMBER_FORMATS.percent);
    const byYear = w.getWorksheet('Uncertainty by year')!;
    expect(byYear.getCell(2, 1).value).toBe('Baseline');
    expect(byYear.getCell(2, colOf(byYear, 'Child in care at 31 March: mean')).value as number).toBeGreaterThan(700);
  }, 60_000);

  it('compare --draws N --out DIR writes the workbook beside the draws files', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'carecast-')), 'out');
    const r = await runCli('compare', 'models/example.yaml', 'scenarios/early-help.yaml', '--years', '5', '--draws', '20', '--out', out, '-q');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['comparison-draws.csv', 'comparison-draws.md', 'comparison.csv', 'comparison.json', 'comparison.md', 'comparison.xlsx']);
    const w = new ExcelJS.Workbook();
    await w.xlsx.readFile(join(out, 'comparison.xlsx'));
    expect(w.worksheets.map((x) => x.name)).toContain('Uncertainty');
    const u = w.getWorksheet('Uncertainty')!;
    expect([u.getCell(2, 1).value, u.getCell(2, 2).value]).toEqual(['Early help investment', '5 years']);
    expect(typeof u.getCell(2, colOf(u, 'Chance of saving money')).value).toBe('number');
  }, 60_000);
});

const SOFFICE = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'pipe', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!SOFFICE)('in LibreOffice (headless)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'carecast-xlsx-'));
  // A profile of its own: no lock shared with another LibreOffice, and formulas always
  // recalculated on loading (by default LibreOffice shows the values stored with them).
  const profile = join(dir, 'profile');
  mkdirSync(join(profile, 'user'), { recursive: true });
  writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`);
  const soffice = (file: string, to: string, out: string) => execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', to, '--outdir', out, file], { stdio: 'pipe', timeout: 120_000 });
  /** Every sheet of `file` as CSV rows (LibreOffice writes one file per sheet), by sheet name. */
  const sheets = (file: string, out: string): Map<string, string[][]> => {
    mkdirSync(out, { recursive: true });
    // 44 comma, 34 quote, 76 UTF-8, from line 1; last token -1: every sheet
    soffice(file, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', out);
    const stem = file.replace(/^.*\//, '').replace(/\.xlsx$/, '');
    return new Map(readdirSync(out).filter((f) => f.startsWith(`${stem}-`)).map((f) => [f.slice(stem.length + 1, -4), parse(readFileSync(join(out, f)), { relax_column_count: true }) as string[][]]));
  };
  const cell = (rows: string[][], row: string, col: string) => {
    const c = rows[0].indexOf(col);
    const r = rows.find((x) => x[0] === row);
    if (c < 0 || !r) throw new Error(`no cell ${row} / ${col}`);
    return r[c];
  };

  it('opens it: the figures, recalculated from the formulas, are the comparison\'s', () => {
    const file = join(dir, 'comparison.xlsx');
    writeFileSync(file, bytes);
    const got = sheets(file, join(dir, 'csv'));
    expect([...got.keys()].sort()).toEqual(['About', 'Baseline', 'Children, difference', 'Demand surge in child', 'Early help', 'Placements', 'Care leavers', 'Sufficiency', 'Summary'].sort());
    const s = sum.scenarios[0];
    expect(+cell(got.get('Summary')!, 'Early help investment', 'Net saving, 10 years')).toBeCloseTo(s.totals[1].netSaving, 4);
    expect(cell(got.get('Summary')!, 'Demand surge in child protection', 'ROI, 10 years, discounted')).toBe('');
    const eh = got.get('Early help')!;
    expect(+cell(eh, '10-year total', 'Net saving')).toBeCloseTo(s.totals[1].netSaving, 4);
    expect(+cell(eh, '2034/35', 'Cumulative net saving')).toBeCloseTo(s.years[9].cumulativeNetSaving, 4);
    expect(+cell(got.get('Baseline')!, '10-year total', 'Cost of services')).toBeCloseTo(s.totals[1].baselineGrossCost, 4);
    expect(cell(got.get('About')!, 'Discount rate', 'Value')).toMatch(/^3\.5%/);
  }, 180_000);

  it('follows an edit: a year\'s cost raised by £1m lowers that year\'s and the totals\' net saving by £1m', async () => {
    const edited = new ExcelJS.Workbook();
    await edited.xlsx.load(Buffer.from(bytes) as never);
    const ws = edited.getWorksheet('Early help')!;
    const c = ws.getCell(2, colOf(ws, 'Cost of services'));
    c.value = (c.value as number) + 1e6;
    const file = join(dir, 'edited.xlsx');
    await edited.xlsx.writeFile(file);
    const eh = sheets(file, join(dir, 'edited'))!.get('Early help')!;
    const s = sum.scenarios[0];
    expect(+cell(eh, '2025/26', 'Net saving')).toBeCloseTo(s.years[0].netSaving - 1e6, 4);
    expect(+cell(eh, '2034/35', 'Cumulative net saving')).toBeCloseTo(s.years[9].cumulativeNetSaving - 1e6, 4);
    expect(+cell(eh, '5-year total', 'Net saving')).toBeCloseTo(s.totals[0].netSaving - 1e6, 4);
  }, 180_000);

  it('prints it on a handful of A4 landscape pages (LibreOffice printed 79 Letter pages before)', () => {
    const file = join(dir, 'comparison.xlsx');
    writeFileSync(file, bytes);
    soffice(file, 'pdf', dir);
    const pdf = readFileSync(join(dir, 'comparison.pdf')).toString('latin1');
    const pages = pdf.match(/\/Type\s*\/Page\b(?!s)/g) ?? [];
    // Summary, Children, Baseline (2 across), two scenario sheets (2 across each), Placements,
    // Care leavers, Sufficiency, About: 13 pages, a few more if fonts differ.
    expect(pages.length).toBeGreaterThanOrEqual(9);
    expect(pages.length).toBeLessThanOrEqual(16);
    // A4 landscape: 842 × 595 points
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Math.round(+m[1]), Math.round(+m[2])]);
    expect(boxes.length).toBeGreaterThanOrEqual(pages.length); // each page's, and the page tree's
    for (const b of boxes) expect(b).toEqual([842, 595]);
  }, 180_000);
});

if (!SOFFICE) console.warn('workbook.test.ts: soffice (LibreOffice) not found, so the spreadsheet checks are skipped (install libreoffice-calc to run them).');
