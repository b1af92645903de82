/**
 * Input paths and whole input files, as a user meets them on the command line: a folder where a
 * file is expected, a file where a folder is expected, an empty or cut-off return, an alias bomb
 * or an oversized model file. Each is refused with exit 2, the path and what was expected, and
 * never with a Node stack trace or `error[RUNTIME]`.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'carecast-input-paths-'));
const folder = join(dir, 'a-folder.yaml');
mkdirSync(folder);
const SAMPLE = 'data/ssda903-sample';
const FIT = ['--from', '2017-04-01', '--to', '2021-03-31', '-q'];

/** Runs the CLI expecting exit 2 without a fault; returns stderr. */
async function refused(...args: string[]): Promise<string> {
  const r = await runCli(...args);
  expect(r.stderr).not.toContain('RUNTIME');
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(r.code, r.stderr).toBe(2);
  return r.stderr;
}

/** A copy of the SSDA903 sample returns that a test may break. */
function sampleCopy(name: string): string {
  const to = join(dir, name);
  cpSync(SAMPLE, to, { recursive: true });
  return to;
}

describe('a folder where a file is expected', () => {
  it.each([
    ['the model', () => ['run', folder]],
    ['a scenario', () => ['compare', 'models/example.yaml', folder]],
    ['the model of synth', () => ['synth', '--model', folder, '--children', '10', '--out', join(dir, 'synth-out')]],
    ['the published series', () => ['calibrate', '--series', folder, '--la', 'E1', '--from', '2016', '--to', '2020']],
    ['the CIN census', () => ['fit', '--cin', folder, ...FIT]],
    ['the early-help episodes', () => ['fit', '--early-help', folder, ...FIT]],
  ])('%s: INPUT_NOT_A_FILE naming the path', async (_, args) => {
    const err = await refused(...args());
    expect(err).toContain('error[INPUT_NOT_A_FILE]');
    expect(err).toContain(`${folder} is a folder, but`);
    expect(err).toContain('Name the file itself');
  });

  it('a population or stock CSV named in a model: located at the field that names it', async () => {
    const text = readFileSync('models/example.yaml', 'utf8');
    // The line of population.projection.file in the example (116 since care became eight
    // placement states, with groups and capacity): counted from the text, not assumed.
    const line = text.split('\n').findIndex((l) => l.includes('file: ../data/example/population.csv')) + 1;
    expect(line).toBeGreaterThan(0);
    const model = text.replace('file: ../data/example/population.csv', `file: ${folder}`);
    writeFileSync(join(dir, 'pop-folder.yaml'), model);
    const err = await refused('run', join(dir, 'pop-folder.yaml'));
    expect(err).toContain('error[MODEL_INVALID]');
    expect(err).toMatch(new RegExp(`pop-folder\\.yaml:${line}:\\d+ {2}population\\.projection\\.file: .* is a folder, but a CSV file is expected there`));
  });

  it('a scenario that extends a folder', async () => {
    writeFileSync(join(dir, 'extends-folder.yaml'), `carecast: 1\nscenario: x\nextends: ${folder}\n`);
    const err = await refused('compare', 'models/example.yaml', join(dir, 'extends-folder.yaml'));
    expect(err).toContain(`extends: ${folder} is a folder`);
  });

  it('a folder named episodes.csv inside an SSDA903 year folder', async () => {
    const returns = sampleCopy('ep-folder');
    rmSync(join(returns, '2019', 'episodes.csv'));
    mkdirSync(join(returns, '2019', 'episodes.csv'));
    const err = await refused('fit', '--ssda903', returns, ...FIT);
    expect(err).toContain(`error[INPUT_NOT_A_FILE]: ${join(returns, '2019', 'episodes.csv')} is a folder`);
  });
});

describe('a file where a folder is expected', () => {
  it.each([['a CSV file', 'data/example/population.csv'], ['a model file', 'models/example.yaml']])('--ssda903 given %s: INPUT_NOT_A_FOLDER', async (_, file) => {
    const err = await refused('fit', '--ssda903', file, ...FIT);
    expect(err).toContain(`error[INPUT_NOT_A_FOLDER]: ${file} is not a folder, but a folder of SSDA903 returns`);
  });
});

describe('empty and cut-off returns are errors, not silent', () => {
  it('an empty CIN census file', async () => {
    const cin = join(dir, 'cin-empty.csv');
    writeFileSync(cin, '');
    expect(await refused('fit', '--cin', cin, ...FIT)).toContain(`${cin}  the file is empty`);
  });

  it('a CIN census with a header and no rows', async () => {
    const cin = join(dir, 'cin-header.csv');
    writeFileSync(cin, 'LAchildID,PersonBirthDate,CINreferralDate,CINclosureDate\n');
    expect(await refused('fit', '--cin', cin, ...FIT)).toContain(`${cin}:1  the file has a header but no rows`);
  });

  it('an empty episodes.csv for one year of SSDA903 returns', async () => {
    const returns = sampleCopy('ep-empty');
    writeFileSync(join(returns, '2018', 'episodes.csv'), '');
    expect(await refused('fit', '--ssda903', returns, ...FIT)).toContain(`${join(returns, '2018', 'episodes.csv')}  the file is empty`);
  });

  it('a return cut off mid-row: the last record has fewer fields than the header', async () => {
    const returns = sampleCopy('ep-cut');
    const file = join(returns, '2020', 'episodes.csv');
    const text = readFileSync(file, 'utf8');
    const lines = text.trimEnd().split('\n');
    writeFileSync(file, text.slice(0, text.trimEnd().lastIndexOf(',', text.trimEnd().lastIndexOf(',') - 1)));
    const err = await refused('fit', '--ssda903', returns, ...FIT);
    expect(err).toContain(`${file}:${lines.length}  the row has 11 fields and the header 13: the row is cut short (is the file truncated?)`);
  });

  it('a year folder with no episodes.csv', async () => {
    const returns = sampleCopy('ep-missing');
    rmSync(join(returns, '2019', 'episodes.csv'));
    expect(await refused('fit', '--ssda903', returns, ...FIT)).toContain(`${join(returns, '2019')}  the year folder 2019 has no episodes.csv`);
  });
});

describe('YAML that would take too long or too much memory', () => {
  const bomb = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]', 'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]', 'g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]'].join('\n') + '\n';

  it('an alias bomb in a model file: MODEL_INVALID, located at the first alias', async () => {
    writeFileSync(join(dir, 'bomb.yaml'), bomb);
    const err = await refused('run', join(dir, 'bomb.yaml'));
    expect(err).toContain('error[MODEL_INVALID]');
    expect(err).toContain(`${join(dir, 'bomb.yaml')}:2:8  YAML: the aliases (*name) expand to too much data, as in an alias bomb (expected aliases that expand at most 100 times)`);
  });

  it('an alias bomb in a scenario file: SCENARIO_INVALID', async () => {
    writeFileSync(join(dir, 'bomb-scenario.yaml'), `carecast: 1\nscenario: x\n${bomb}`);
    const err = await refused('compare', 'models/example.yaml', join(dir, 'bomb-scenario.yaml'));
    expect(err).toContain('error[SCENARIO_INVALID]');
    expect(err).toContain('as in an alias bomb');
  });

  it('still reads a model that reuses a few aliases', async () => {
    const model = readFileSync('models/example.yaml', 'utf8').replace('  cin: { 0-4: 520, 5-9: 568, 10-15: 851, 16-17: 426 }', '  cin: &cin { 0-4: 520, 5-9: 568, 10-15: 851, 16-17: 426 }');
    // The copy lives in a temporary folder: its population file is named by its absolute path.
    const copy = model.replace('  cpp: { 0-4: 173, 5-9: 139, 10-15: 149, 16-17: 34 }', '  cpp: *cin').replace('file: ../data/example/population.csv', `file: ${resolve('data/example/population.csv')}`);
    writeFileSync(join(dir, 'aliases.yaml'), copy);
    expect((await runCli('run', join(dir, 'aliases.yaml'), '--years', '1')).code).toBe(0);
  });

  it('a model file over 2 MB is refused at once, before it is read', async () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, readFileSync('models/example.yaml', 'utf8') + 'extra:\n' + Array.from({ length: 200_000 }, (_, i) => `  k${i}: ${i}\n`).join(''));
    // The message gives the size read from the file's metadata: it was refused before being parsed.
    const err = await refused('run', big);
    expect(err).toMatch(/big\.yaml {2}the file is 3\.\d MB, larger than the 2\.0 MB a model file may be/);
  });

  it('a model file just under the limit with an unknown field is answered within seconds', async () => {
    const lines: string[] = [];
    for (let i = 0, size = 0; size < 1.9 * 1024 * 1024; i++) {
      lines.push(`  k${i}: ${i}\n`);
      size += lines[i].length;
    }
    const big = join(dir, 'just-under.yaml');
    writeFileSync(big, readFileSync('models/example.yaml', 'utf8').replace('../data', resolve('data')) + 'extra:\n' + lines.join(''));
    const err = await refused('run', big);
    expect(err).toContain("unknown field 'extra'");
  }, 30_000);

  it('still finds a key given twice (in one pass over the document)', async () => {
    const model = readFileSync('models/example.yaml', 'utf8').replace('../data', resolve('data')) + 'name: twice\n';
    writeFileSync(join(dir, 'twice.yaml'), model);
    expect(await refused('run', join(dir, 'twice.yaml'))).toMatch(/twice\.yaml:\d+:1 {2}YAML: Map keys must be unique/);
  });
});
