/**
 * fit, calibrate and synth check every input before any work, refuse windows and origins the data
 * do not cover (saying which years they do), and never leave behind an output that fails its own
 * check.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWrittenModel } from '../../src/cli/written-model.js';
import { tempPath, writeFilesAtomic } from '../../src/io/atomic.js';
import { loadModel } from '../../src/model/load.js';
import { runCli } from '../helpers.js';

const SERIES = 'data/published/la_timeseries_2013_2022.csv';
const FIT = ['fit', '--ssda903', 'data/ssda903-sample', '--from', '2017-04-01', '--to', '2021-03-31'];
const POPULATION = readFileSync('data/example/population.csv', 'utf8');

describe('fit validates the population file before it fits, and blames the population file', () => {
  const broken: [string, (text: string) => string][] = [
    ['a cell that is not a number', (t) => t.replace('0,2022,5034.3', '0,2022,lots')],
    ['an empty cell', (t) => t.replace('0,2022,5034.3', '0,2022,')],
    ['a year that is not a number', (t) => t.replace('0,2022,5034.3', '0,twenty,5034.3')],
    ['a missing column', (t) => t.replace('age,mid_year,population', 'age,mid_year,people')],
  ];
  for (const [what, breakIt] of broken) {
    it(`${what}: exit 2, located in the population CSV, no model written`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'carecast-'));
      const pop = join(dir, 'population.csv');
      writeFileSync(pop, breakIt(POPULATION));
      const out = join(dir, 'fitted.yaml');
      const r = await runCli(...FIT, '--population', pop, '--out', out);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/error\[(INPUT_PARSE|MODEL_INVALID)\]/);
      expect(r.stderr).toContain(pop);
      expect(r.stderr).not.toContain('fitted.yaml');
      expect(readdirSync(dir)).toEqual(['population.csv']);
    });
  }

  it('the population is read before the records: a bad cell is refused even when the records are missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-'));
    const pop = join(dir, 'population.csv');
    writeFileSync(pop, POPULATION.replace('0,2022,5034.3', '0,2022,lots'));
    const r = await runCli('fit', '--ssda903', join(dir, 'no-such-folder'), '--from', '2017-04-01', '--to', '2021-03-31', '--population', pop);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(pop);
  });

  it('--report without --out is refused rather than ignored', async () => {
    const r = await runCli(...FIT, '--report', join(tmpdir(), 'never.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--report goes with --out');
  });
});

describe('synth checks its model can be simulated before it simulates', () => {
  it('refuses a model that is not monthly, and one with a state it has no records for, with a did-you-mean', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-'));
    const truth = readFileSync('test/estimate/fixtures/truth.yaml', 'utf8');
    const cases: [string, string, RegExp][] = [
      ['quarterly.yaml', truth.replace('step: month', 'step: quarter'), /synth simulates monthly models; this one steps by quarter/],
      ['cla.yaml', truth.replaceAll('cic', 'cicc'), /state 'cicc' has no records synth can write .*did you mean 'cic'\?/],
    ];
    for (const [name, text, says] of cases) {
      writeFileSync(join(dir, name), text);
      const r = await runCli('synth', '--model', join(dir, name), '--children', '10', '--out', join(dir, 'out'));
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(says);
      expect(r.stderr).not.toContain('RUNTIME');
      expect(existsSync(join(dir, 'out'))).toBe(false);
    }
  });
});

describe('a written model is checked before it is renamed into place', () => {
  it('a check that fails leaves neither the files nor their temporary copies, and names the output, not the temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-'));
    const out = join(dir, 'model.yaml');
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    const write = () =>
      writeFilesAtomic([{ path: out, content: 'carecast: 1\nname: broken\n' }, { path: join(dir, 'rows.csv'), content: 'a\n1\n' }], () => checkWrittenModel(out, () => loadModel(tempPath(out))));
    expect(write).toThrow(`the model written for ${out} failed its own check, so it was not kept`);
    expect(write).not.toThrow(/\.tmp/);
    expect(readdirSync(dir)).toEqual(['keep.txt']);
  });

  it('a model that passes is renamed into place whole, and loads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-'));
    const out = join(dir, 'g.yaml');
    const r = await runCli('calibrate', '--series', SERIES, '--la', 'E10000013', '--from', '2016', '--to', '2022', '--out', out, '-q');
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['g-population.csv', 'g.yaml']);
    expect(loadModel(out).population?.kind).toBe('projection');
  });
});

describe('windows and origins outside the data are refused, naming the years the data cover', () => {
  it('backtest --origin before, at the start of, and after the series', async () => {
    for (const origin of ['2005', '2013', '2023', '2030', '2010..2016', '2020..2024']) {
      const r = await runCli('backtest', '--series', SERIES, '--origin', origin, '--la', 'E10000013');
      expect(r.code, origin).toBe(2);
      expect(r.stderr).toContain(`--origin ${origin}: the series covers the years ending 31 March 2013 to 2022, so an origin can be 2014 to 2022`);
      expect(r.stdout).toBe('');
    }
  });

  it('backtest --origin inside the series still runs, the last year included (a real forecast)', async () => {
    const r = await runCli('backtest', '--series', SERIES, '--origin', '2022', '--la', 'E10000013', '--horizon', '1');
    expect(r.code, r.stderr).toBe(0);
  });

  it('fit --from/--to before, after and far beyond the records', async () => {
    for (const [from, to] of [['2000-04-01', '2001-03-31'], ['2030-04-01', '2031-03-31'], ['1990-01-01', '2012-12-31']]) {
      const dir = mkdtempSync(join(tmpdir(), 'carecast-'));
      const r = await runCli('fit', '--ssda903', 'data/ssda903-sample', '--from', from, '--to', to, '--out', join(dir, 'm.yaml'));
      expect(r.code, `${from} ${to}`).toBe(2);
      expect(r.stderr).toMatch(/no record falls in the window: the records cover \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d/);
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('calibrate over years the series does not hold says so', async () => {
    const r = await runCli('calibrate', '--series', SERIES, '--la', 'E10000013', '--from', '2030', '--to', '2032');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot be calibrated over 2030-2032');
  });
});
