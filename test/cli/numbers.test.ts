/**
 * Numbers on the command line: every numeric flag of every command takes plain decimal digits
 * only, and a seed that is a number is one seed however it is written.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeed, parseWholeNumber } from '../../src/cli/options.js';
import { runCli } from '../helpers.js';

const SERIES = 'data/published/la_timeseries_2013_2022.csv';
/** JavaScript's Number() reads each of these as a number; carecast refuses them all. */
const NOT_DIGITS = ['0x5', '1e1', ' 5', '5 ', '5.', '5.0', '+5', '', '0b101', 'Infinity', '٥'];

/** Each command's numeric flags, with the rest of a command line that is otherwise fine. */
const FLAGS: { flag: string; args: (v: string) => string[] }[] = [
  { flag: '--years', args: (v) => ['run', 'models/example.yaml', '--years', v] },
  { flag: '--draws', args: (v) => ['run', 'models/example.yaml', '--draws', v] },
  { flag: '--threads', args: (v) => ['run', 'models/example.yaml', '--draws', '1', '--threads', v] },
  { flag: '--years', args: (v) => ['compare', 'models/example.yaml', 'scenarios/early-help.yaml', '--years', v] },
  { flag: '--draws', args: (v) => ['compare', 'models/example.yaml', 'scenarios/early-help.yaml', '--draws', v] },
  { flag: '--years', args: (v) => ['sensitivity', 'models/example.yaml', '--years', v] },
  { flag: '--years', args: (v) => ['report', 'models/example.yaml', '--out', '/tmp/carecast-never.html', '--years', v] },
  { flag: '--draws', args: (v) => ['report', 'models/example.yaml', '--out', '/tmp/carecast-never.html', '--draws', v] },
  { flag: '--from', args: (v) => ['calibrate', '--series', SERIES, '--la', 'E10000013', '--from', v, '--to', '2022'] },
  { flag: '--to', args: (v) => ['calibrate', '--series', SERIES, '--la', 'E10000013', '--from', '2016', '--to', v] },
  { flag: '--horizon', args: (v) => ['backtest', '--series', SERIES, '--origin', '2019', '--horizon', v] },
  { flag: '--draws', args: (v) => ['backtest', '--series', SERIES, '--origin', '2019', '--draws', v] },
  { flag: '--children', args: (v) => ['synth', '--model', 'test/estimate/fixtures/truth.yaml', '--out', '/tmp/carecast-never', '--children', v] },
  { flag: '--years', args: (v) => ['synth', '--model', 'test/estimate/fixtures/truth.yaml', '--out', '/tmp/carecast-never', '--children', '10', '--years', v] },
];

describe('numeric flags take plain decimal digits only', () => {
  for (const { flag, args } of FLAGS) {
    it(`${args('N')[0]} ${flag} refuses ${NOT_DIGITS.map((v) => `'${v}'`).join(', ')} with exit 2, naming the flag and the value`, async () => {
      for (const value of NOT_DIGITS) {
        const r = await runCli(...args(value));
        expect(r.code, `${flag} '${value}'`).toBe(2);
        expect(r.stderr).toContain(`error[USAGE]: ${flag} must be`);
        expect(r.stderr).toContain(`written in digits, not '${value}'`);
        expect(r.stdout).toBe('');
      }
    });
  }

  it('backtest --origin refuses the same forms, alone and in a range', async () => {
    for (const origin of ['0x7E3', '2019.0', ' 2019', '+2019', '2.019e3', '2017..2019.', '']) {
      const r = await runCli('backtest', '--series', SERIES, '--origin', origin);
      expect(r.code, origin).toBe(2);
      expect(r.stderr).toContain('--origin must be a year or a range');
    }
  });

  it('accepts digits, leading zeros included, as the same number', async () => {
    const plain = await runCli('run', 'models/example.yaml', '--years', '2', '--format', 'csv');
    const zero = await runCli('run', 'models/example.yaml', '--years', '02', '--format', 'csv');
    expect(plain.code).toBe(0);
    expect(zero.stdout).toBe(plain.stdout);
    expect(parseWholeNumber('--n', '007', 1, 10)).toBe(7);
  });

  it('checks ranges after the digits: below, above and far beyond', () => {
    expect(() => parseWholeNumber('--n', '0', 1, 10)).toThrow(/--n must be a whole number from 1 to 10/);
    expect(() => parseWholeNumber('--n', '11', 1, 10)).toThrow(/not '11'/);
    expect(() => parseWholeNumber('--n', '9'.repeat(400), 1, 10)).toThrow(/--n must be/);
  });

  it('nothing is written when a numeric flag is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-'));
    expect((await runCli('run', 'models/example.yaml', '--years', '0x5', '--out', join(dir, 'out'))).code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('--seed', () => {
  it('reads a numeric seed as a number: 42, 042, 42.0 and 42. are one seed', () => {
    for (const s of ['42', '042', '42.0', '42.', '0042.000']) expect(parseSeed(s)).toBe('42');
    expect(parseSeed('0')).toBe('0');
    expect(parseSeed('000')).toBe('0');
    expect(parseSeed('-0')).toBe('0');
    expect(parseSeed('-07')).toBe('-7');
    expect(parseSeed('4.20')).toBe('4.2');
  });

  it('keeps an integer seed as it was, so seed 42 and seed 1 give the draws they always gave', () => {
    for (const s of ['1', '42', '123456789']) expect(parseSeed(s)).toBe(s);
  });

  it('uses a word as written, case and all', () => {
    expect(parseSeed('Board-2025')).toBe('Board-2025');
    expect(parseSeed('board-2025')).toBe('board-2025');
    expect(parseSeed('1e3')).toBe('1e3');
  });

  it('refuses a seed with other characters, or longer than 64', () => {
    for (const s of ['', 'a b', '4/2', 'x'.repeat(65)]) expect(() => parseSeed(s)).toThrow(/--seed must be a number or a word/);
  });

  it('042 and 42.0 print the same draws as 42; a different seed prints different ones', async () => {
    const draws = (seed: string) => runCli('run', 'models/example.yaml', '--years', '2', '--draws', '20', '--seed', seed, '--format', 'csv');
    const base = await draws('42');
    expect(base.code).toBe(0);
    expect((await draws('042')).stdout).toBe(base.stdout);
    expect((await draws('42.0')).stdout).toBe(base.stdout);
    expect((await draws('43')).stdout).not.toBe(base.stdout);
  });
});

describe('the range a flag takes, in its message', () => {
  it('gives years as years and counts with separators', async () => {
    const { parseWholeNumber, parseYear } = await import('../../src/cli/options.js');
    expect(() => parseYear('--from', '16')).toThrow("--from must be a year from 1990 to 2100, written in digits, not '16'");
    expect(() => parseWholeNumber('--draws', '0', 1, 100000)).toThrow("--draws must be a whole number from 1 to 100,000, written in digits, not '0'");
  });
});
