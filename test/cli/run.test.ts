/** `carecast run`: exit codes, formats, and that output files are whole or absent. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const run = runCli;

describe('carecast run', () => {
  it('prints a table per financial year 2025/26 … 2034/35 with 5- and 10-year totals', async () => {
    const r = await run('run', 'models/example.yaml', '--years', '10');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2025/26');
    expect(r.stdout).toContain('2034/35');
    expect(r.stdout).not.toContain('2035/36');
    expect(r.stdout).toContain('5-year total');
    expect(r.stdout).toContain('10-year total');
    expect(r.stdout).toContain('Rate per 10,000 children aged 0-17');
  });

  it('prints Markdown tables with --format md', async () => {
    const r = await run('run', 'models/example.yaml', '--years', '5', '--format', 'md');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# /);
    expect(r.stdout).toContain('| Year | Universal |');
    expect(r.stdout).toContain('| --- | ---: |');
  });

  it('writes tidy CSV, JSON and Markdown with --out, and the CSV has one row per period × state × band × measure', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'carecast-')), 'out');
    const r = await run('run', 'models/example.yaml', '--years', '2', '--out', dir, '--quiet');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['projection.csv', 'projection.json', 'projection.md']);
    const lines = readFileSync(join(dir, 'projection.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('period,period_start,period_end,state,age_band,measure,value,unit');
    // 2 periods × 20 states × (6 bands + all) × measures: each has 7 (children_end, entries,
    // exits, cost, cost_discounted, social_worker_fte, social_worker_fte_discounted), and the 12
    // children's states (universal, early help, CIN, CPP and the eight placement states of group
    // cic) a rate_per_10k in each band the population counts (0-17: 4 bands) and in all; the four
    // care leaver states (three 18-20, one 21-24: reported apart) and the 4 absorbing states none;
    // plus 3 rows (moves, move_cost, move_cost_discounted) for each of the two costed moves per
    // period (cpp->cic, cic->cic), and 12 for the one workforce (fte_needed, fte_permanent,
    // fte_agency, …, agency_cost; see README "Workforce"), and 6 for each of the two capacities
    // (places, demand, overflow, overflow_entries, overflow_cost, overflow_cost_discounted).
    // Groups have no rows of their own.
    // 2 × (20 × 7 × 7 + 12 × 5 + 2 × 3 + 12 + 2 × 6) = 2 × (980 + 60 + 6 + 12 + 12) = 2140.
    expect(lines.length - 1).toBe(2 * (20 * 7 * 7 + 12 * 5 + 2 * 3 + 12 + 2 * 6));
    const json = JSON.parse(readFileSync(join(dir, 'projection.json'), 'utf8'));
    expect(json.periods.map((p: { period: string }) => p.period)).toEqual(['2025/26', '2026/27']);
  });

  it('refuses an invalid model with exit 2, every problem located, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-'));
    const model = join(dir, 'bad.yaml');
    writeFileSync(model, readFileSync('models/textbook/hiv-monotherapy.yaml', 'utf8').replace('step: year', 'step: fortnight').replace('a: 1000', 'x: 1000'));
    const out = join(dir, 'out');
    const r = await run('run', model, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[MODEL_INVALID]');
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+ +time\.step/);
    expect(r.stderr).toContain('What to do:');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 on a bad option and on a missing file', async () => {
    expect((await run('run', 'models/example.yaml', '--years', 'ten')).code).toBe(2);
    expect((await run('run', 'models/example.yaml', '--format', 'pdf')).code).toBe(2);
    expect((await run('run', 'models/missing.yaml')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
  });
});
