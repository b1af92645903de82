/** `carecast compare`: formats, files written whole or not at all, the XLSX workbook, exit codes. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';
import { COMPARISON_COLUMNS } from '../../src/report/comparison-tidy.js';
import { NUMBER_FORMATS } from '../../src/report/workbook.js';

const run = runCli;

describe('carecast compare', () => {
  it('prints the summary, the baseline and a table per scenario', async () => {
    const r = await run('compare', 'models/example.yaml', 'scenarios/early-help.yaml', 'scenarios/edge-of-care.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Summary: each scenario against the baseline');
    expect(r.stdout).toContain('Early help investment: against the baseline');
    expect(r.stdout).toContain('Edge-of-care service for adolescents: against the baseline');
    expect(r.stdout).toMatch(/\| 10-year total +\|/);
  });

  it('writes CSV, JSON, Markdown and XLSX with --out; the CSV keeps its columns', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'carecast-')), 'out');
    const r = await run('compare', 'models/example.yaml', 'scenarios/early-help.yaml', 'scenarios/fostering-recruitment.yaml', '--out', dir, '--quiet');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['comparison.csv', 'comparison.json', 'comparison.md', 'comparison.xlsx']);
    const csv = readFileSync(join(dir, 'comparison.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe(COMPARISON_COLUMNS.join(','));
    expect(csv).toContain('early-help,horizon,2025-04-01,2035-04-01,,payback_year,2028,financial year starting in April of this year (cash)');
    const json = JSON.parse(readFileSync(join(dir, 'comparison.json'), 'utf8'));
    expect(json.scenarios.map((s: { key: string }) => s.key)).toEqual(['early-help', 'fostering-recruitment']);
  });

  it('the workbook: a summary sheet, the children changed, the baseline, a sheet per scenario named for it, £ and count formats, frozen headers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-'));
    await run('compare', 'models/example.yaml', 'scenarios/early-help.yaml', 'scenarios/demand-surge.yaml', '--out', dir, '-q');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'comparison.xlsx'));
    // Scenario sheets are named for the scenarios, cut at a word to Excel's 31 characters.
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Children, difference', 'Baseline', 'Early help investment', 'Demand surge in child', 'Placements', 'Care leavers', 'Sufficiency', 'About']);
    for (const ws of wb.worksheets) {
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getRow(1).font?.bold, ws.name).toBe(true);
    }
    const summary = wb.getWorksheet('Summary')!;
    expect(summary.getCell('A1').value).toBe('Scenario');
    expect(summary.getCell('A2').value).toBe('Early help investment');
    expect(summary.getCell('A3').value).toBe('Demand surge in child protection');
    const sheet = wb.getWorksheet('Early help investment')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    // A pair of columns per active state (the example's children in care are its placement states).
    expect(col('Care: agency foster (IFA) at 31 March')).toBeGreaterThan(0);
    expect(sheet.getCell(2, col('Care: agency foster (IFA) at 31 March')).numFmt).toBe(NUMBER_FORMATS.count);
    expect(sheet.getCell(2, col('Care: agency foster (IFA): difference')).numFmt).toBe(NUMBER_FORMATS.difference);
    expect(sheet.getCell(2, col('Net saving')).numFmt).toBe(NUMBER_FORMATS.money);
    // Numbers are stored unrounded: the first year's cost of services is in £, not £ thousands.
    expect(sheet.getCell(2, 1).value).toBe('2025/26');
    expect(sheet.getCell(2, col('Cost of services')).value as number).toBeGreaterThan(100_000_000);
    // Sufficiency: in-house foster places at 31 March 2026. 230 households, 12% leaving a year
    // (monthly: × 0.88^(1/12)) and 24 approved a year (2 a month): after 12 months
    // 230 × 0.88 + 2 × (1 − 0.88) / (1 − 0.88^(1/12)) households, × 1.4 children each.
    const suff = wb.getWorksheet('Sufficiency')!;
    const suffHeader = (suff.getRow(1).values as unknown[]).slice(1);
    // A row per capacity, scenario and year: the first is the baseline's in-house foster places in 2025/26.
    const places = suffHeader.indexOf('Places at 31 March') + 1;
    expect(places).toBeGreaterThan(0);
    expect([suff.getCell(2, 1).value, suff.getCell(2, 2).value, suff.getCell(2, 3).value]).toEqual(['In-house foster places', 'Baseline', '2025/26']);
    expect(suff.getCell(2, places).numFmt).toBe(NUMBER_FORMATS.count);
    const households = 230 * 0.88 + (2 * (1 - 0.88)) / (1 - 0.88 ** (1 / 12));
    expect(suff.getCell(2, places).value as number).toBeCloseTo(households * 1.4, 9);
    // The demand surge pays for nothing: no programme cost, so no ROI (an empty cell, not text in a % column).
    const roiCol = (summary.getRow(1).values as unknown[]).indexOf('ROI, 10 years, discounted');
    expect(summary.getCell(3, roiCol).value).toBeNull();
  });

  it('the workbook is the same, byte for byte, from run to run', async () => {
    const a = mkdtempSync(join(tmpdir(), 'carecast-'));
    const b = mkdtempSync(join(tmpdir(), 'carecast-'));
    await run('compare', 'models/example.yaml', 'scenarios/early-help.yaml', '--years', '5', '--out', a, '-q');
    await new Promise((r) => setTimeout(r, 1100)); // a second later: zip entry times would differ
    await run('compare', 'models/example.yaml', 'scenarios/early-help.yaml', '--years', '5', '--out', b, '-q');
    expect(readFileSync(join(a, 'comparison.xlsx')).equals(readFileSync(join(b, 'comparison.xlsx')))).toBe(true);
  });

  it('refuses a bad scenario with exit 2, the problem located, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'carecast: 1\nscenario: Bad\nchanges:\n  - from: cin\n    to: cla\n    multiply: 0.5\n');
    const out = join(dir, 'out');
    const r = await run('compare', 'models/example.yaml', 'scenarios/early-help.yaml', bad, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[SCENARIO_INVALID]');
    expect(r.stderr).toContain(`${bad}:5:5  changes[0].to: unknown state 'cla'`);
    expect(r.stderr).toContain('What to do: Correct each listed field (scenarios/README.md');
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('lists the problems of every bad scenario at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-'));
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    writeFileSync(a, 'carecast: 1\nscenario: A\nchanges: [{ from: cin, to: cla, multiply: 0.5 }]\n');
    writeFileSync(b, 'carecast: 1\nscenario: B\ninflaton: 0.05\n');
    const r = await run('compare', 'models/example.yaml', a, b);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[SCENARIO_INVALID]: 2 scenario files: 2 problems in the scenario');
    expect(r.stderr).toContain(`${a}:3`);
    expect(r.stderr).toContain(`${b}:3:1  inflaton: unknown field 'inflaton'`);
  });

  it('refuses a change that pushes a probability past 1, naming the band and date, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-'));
    const bad = join(dir, 'toomuch.yaml');
    writeFileSync(bad, 'carecast: 1\nscenario: Too much\nchanges:\n  - { from: cpp, to: cic, multiply: 200, start: 2026-04-01 }\n');
    const out = join(dir, 'out');
    const r = await run('compare', 'models/example.yaml', bad, '--out', out);
    expect(r.code).toBe(2);
    // cpp → cic (the group of placement states) is 0.012 a month, shared by the group's split: at
    // 0-4, 52% to in-house foster care, 0.012 × 0.52 = 0.00624 a month. × 200 = 1.248, past 1 and
    // more than the row can give: its stay is 1 − (0.015 + 0.01 + 0.06 + 0.012 + 0.002) = 0.901,
    // plus the move's own 0.00624 = 0.9072. (× 100 would give 0.624, no longer past 1.)
    expect(r.stderr).toContain(`${bad}:4:5  changes[0]: ages 0-4, cpp to in_house_foster from 2026-04-01: the move would have probability 1.248, more than the 0.9072 the stay probability leaves`);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 without scenarios, with a model given as a scenario, and on a missing file', async () => {
    expect((await run('compare', 'models/example.yaml')).code).toBe(2);
    const swapped = await run('compare', 'models/example.yaml', 'models/example.yaml');
    expect(swapped.code).toBe(2);
    expect(swapped.stderr).toContain('this is a model file, not a scenario');
    expect((await run('compare', 'models/example.yaml', 'scenarios/missing.yaml')).code).toBe(2);
  });
});
