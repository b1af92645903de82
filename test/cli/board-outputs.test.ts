/**
 * The command line as a board member or analyst reads it: every table within 100 columns,
 * compare --draws --out writing what compare --out writes and the draws beside it, programme
 * costs totalled over the draws, sensitivity over 5 and 10 years with units, and calibrate and
 * fit reports in words.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const widest = (text: string) => Math.max(...text.split('\n').map((l) => Buffer.byteLength(l)));

describe('terminal output fits 100 columns', () => {
  it('run, compare and sensitivity of the example', async () => {
    for (const args of [
      ['run', 'models/example.yaml', '--years', '10'],
      ['compare', 'models/example.yaml', 'scenarios/early-help.yaml', 'scenarios/demand-surge.yaml', '--years', '10'],
      ['sensitivity', 'models/example.yaml', '--years', '5'],
    ]) {
      const r = await runCli(...args);
      expect(r.code).toBe(0);
      expect(widest(r.stdout), args.join(' ')).toBeLessThanOrEqual(100);
    }
  });
});

describe('compare --draws --out', () => {
  it('writes the files compare --out writes, and the draws beside them', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'carecast-')), 'out');
    const r = await runCli('compare', 'models/example.yaml', 'scenarios/early-help.yaml', '--years', '5', '--draws', '20', '--out', dir, '-q');
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['comparison-draws.csv', 'comparison-draws.md', 'comparison.csv', 'comparison.json', 'comparison.md', 'comparison.xlsx']);
    // The point figures are those of compare without draws.
    const plain = join(mkdtempSync(join(tmpdir(), 'carecast-')), 'out');
    await runCli('compare', 'models/example.yaml', 'scenarios/early-help.yaml', '--years', '5', '--out', plain, '-q');
    expect(readFileSync(join(dir, 'comparison.csv'), 'utf8')).toBe(readFileSync(join(plain, 'comparison.csv'), 'utf8'));
    // The programme cost has its 5-year total over the draws.
    const md = readFileSync(join(dir, 'comparison-draws.md'), 'utf8');
    const section = md.slice(md.indexOf('## Early help investment: cost of services'));
    expect(section).toMatch(/\| \*\*5-year total\*\* \| [\d,.]+ \([^)]+\) \| [\d,.]+ \([^)]+\) \| [\d,.]+ \([^)]+\) \|/);
  });
});

describe('sensitivity', () => {
  it('gives each parameter its unit and the change at low and high over 5 and over 10 years', async () => {
    const r = await runCli('sensitivity', 'models/example.yaml', '-f', 'md');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| Parameter | Source | Low | High | Unit | 5 years: at low, change (£m) | 5 years: at high, change (£m) | 5 years: swing (£m) | 10 years: at low, change (£m) |');
    expect(r.stdout).toMatch(/\| unit cost of child in care \| model \| [\d.]+ \| [\d.]+ \| factor on the unit cost \| -[\d.]+ \| \+[\d.]+ \|/);
    expect(r.stdout).toContain('| **At the stated values** |');
  });
});

describe('calibrate', () => {
  it('prints its title once, a mean error per series, whether the optimiser converged, and the probabilities by name', async () => {
    const r = await runCli('calibrate', '--series', 'data/published/la_timeseries_2013_2022.csv', '--la', 'E10000013', '--from', '2016', '--to', '2022', '-f', 'md');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.includes('Gloucestershire')).length).toBe(1);
    expect(r.stdout).toContain('## Mean error by series');
    expect(r.stdout).toMatch(/\| Children looked after at 31 March \| 6 \| \d+\.\d% \| [-+]\d+\.\d% \|/);
    expect(r.stdout).toMatch(/The optimiser \(Levenberg-Marquardt(, \d+ iterations\))? (converged|did not converge)/);
    expect(r.stdout).toMatch(/\| Child protection plan \| Child in care \| 0\.\d+ \| 0\.0120 \|/);
  });
});

describe('fit', () => {
  it('reports with labels and thousands separators, and explains pooled rows', async () => {
    const r = await runCli('fit', '--ssda903', 'data/ssda903-sample', '--from', '2017-04-01', '--to', '2021-03-31');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| SSDA903 episode rows read');
    expect(r.stdout).toMatch(/SSDA903 episode rows read +\| +3,737 \|/);
    expect(r.stdout).toContain('Care: in-house foster (incl. family and friends)');
    expect(r.stdout).not.toMatch(/: in_house_foster /);
    expect(r.stdout).toContain('| Child in care (pooled) |');
    expect(r.stdout).toContain('too few to estimate on their own');
    expect(widest(r.stdout)).toBeLessThanOrEqual(100);
  });
});
