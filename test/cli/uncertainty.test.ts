/** `run --draws`, `compare --draws` and `sensitivity`: output, reproducibility, files, usage errors. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';
import { UNCERTAINTY_COLUMNS } from '../../src/report/uncertainty-tables.js';

const run = runCli;

describe('carecast run --draws', () => {
  it('prints means with 90% intervals; the same seed prints the same bytes', async () => {
    const a = await run('run', 'models/example.yaml', '--years', '3', '--draws', '60', '--seed', '9', '-f', 'md');
    const b = await run('run', 'models/example.yaml', '--years', '3', '--draws', '60', '--seed', '9', '-f', 'md');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('## Baseline: children at 31 March');
    expect(a.stdout).toContain('60 draws, seed 9. Each cell: mean (5th to 95th percentile).');
    expect(a.stdout).toMatch(/\| 2025\/26 \| [\d,]+ \([\d,]+ to [\d,]+\)/);
  });

  it('writes projection-draws.csv with the percentile columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-'));
    const r = await run('run', 'models/example.yaml', '--years', '2', '--draws', '30', '--out', dir, '-q');
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['projection-draws.csv', 'projection-draws.md']);
    const lines = readFileSync(join(dir, 'projection-draws.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe(UNCERTAINTY_COLUMNS.join(','));
    // A row per state: children in care are the example's placement states (group cic).
    expect(lines.some((l) => l.startsWith('baseline,2025/26,in_house_foster,children_end,'))).toBe(true);
  });

  it('refuses --seed without --draws, and draws that are not a whole number', async () => {
    expect((await run('run', 'models/example.yaml', '--seed', '4')).code).toBe(2);
    const bad = await run('run', 'models/example.yaml', '--draws', '1e3x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--draws must be a whole number');
  });
});

describe('carecast compare --draws', () => {
  it('reports the chance of saving money by years 5 and 10 and the payback year over the draws', async () => {
    const r = await run('compare', 'models/example.yaml', 'scenarios/early-help.yaml', '--draws', '50', '--seed', '2', '-f', 'md');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Chance of saving money by year 5');
    expect(r.stdout).toContain('Chance of saving money by year 10');
    // £m to one decimal: mean (5th to 95th percentile).
    expect(r.stdout).toMatch(/\| Early help investment \| [-\d,]+\.\d \([-\d,]+\.\d to [-\d,]+\.\d\) \| \d+% \|/);
    expect(r.stdout).toContain('## Early help investment: net saving against the baseline');
  });
});

describe('carecast sensitivity', () => {
  it('prints the tornado, largest swing first', async () => {
    const r = await run('sensitivity', 'models/example.yaml', '--years', '5', '-f', 'csv');
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').slice(1).map((l) => l.split(','));
    expect(rows.length).toBeGreaterThan(5);
    const swings = rows.map((c) => Number(c[c.length - 1]));
    expect([...swings].sort((a, b) => b - a)).toEqual(swings);
    // the cost of a child in care moves 5-year cost the most of the cost factors
    expect(rows.findIndex((c) => c[0] === 'unit cost of child in care')).toBeLessThan(rows.findIndex((c) => c[0] === 'unit cost of child protection plan'));
  });

  it('with a scenario, measures its net saving and varies its stated effects', async () => {
    const r = await run('sensitivity', 'models/example.yaml', '--scenario', 'scenarios/early-help.yaml', '-f', 'md');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('net saving of Early help investment over 10 years');
    expect(r.stdout).toContain('| Fewer step-ups from early help to social care | Early help investment | 0.650 | 0.980 |');
  });

  it('refuses a model that declares no uncertainty', async () => {
    const r = await run('sensitivity', 'models/textbook/hiv-monotherapy.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('declares no uncertain parameters');
  });
});
