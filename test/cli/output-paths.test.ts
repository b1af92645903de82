/**
 * Output paths are checked before any work: a path that cannot be written fails at once, says
 * which path and why, exits 2, and leaves nothing behind (no temporary file, no folder).
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFolders, outputFileProblem } from '../../src/io/output-path.js';
import { runCli } from '../helpers.js';

const SERIES = 'data/published/la_timeseries_2013_2022.csv';
const root = mkdtempSync(join(tmpdir(), 'carecast-out-'));
afterAll(() => {
  chmodSync(join(root, 'read-only'), 0o755);
  rmSync(root, { recursive: true, force: true });
});

/** A fresh folder holding `file` (a plain file) and `dir` (an empty folder). */
function place(): { base: string; file: string; dir: string } {
  const base = mkdtempSync(join(root, 'case-'));
  writeFileSync(join(base, 'file'), 'x');
  mkdirSync(join(base, 'dir'));
  return { base, file: join(base, 'file'), dir: join(base, 'dir') };
}

/** Everything under `dir`, recursively, so a stray temporary file shows up. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).sort();
}

// Long runs (many draws, every council), so that a check made after the work would be slow.
const COMMANDS: { name: string; args: (out: string) => string[]; outIs: 'dir' | 'file' }[] = [
  { name: 'run', args: (o) => ['run', 'models/example.yaml', '--draws', '100000', '--out', o], outIs: 'dir' },
  { name: 'compare', args: (o) => ['compare', 'models/example.yaml', 'scenarios/early-help.yaml', '--draws', '100000', '--out', o], outIs: 'dir' },
  { name: 'sensitivity', args: (o) => ['sensitivity', 'models/example.yaml', '--out', o], outIs: 'dir' },
  { name: 'report', args: (o) => ['report', 'models/example.yaml', 'scenarios/early-help.yaml', '--draws', '100000', '--out', o], outIs: 'file' },
  { name: 'calibrate', args: (o) => ['calibrate', '--series', SERIES, '--la', 'E10000013', '--from', '2016', '--to', '2022', '--out', o], outIs: 'file' },
  { name: 'backtest', args: (o) => ['backtest', '--series', SERIES, '--origin', '2016..2019', '--draws', '1000', '--out', o], outIs: 'dir' },
  { name: 'fit', args: (o) => ['fit', '--ssda903', 'data/ssda903-sample', '--from', '2017-04-01', '--to', '2021-03-31', '--out', o], outIs: 'file' },
  { name: 'synth', args: (o) => ['synth', '--model', 'test/estimate/fixtures/truth.yaml', '--children', '5000000', '--out', o], outIs: 'dir' },
];

async function refusedFast(args: string[], base: string, says: RegExp): Promise<void> {
  const before = tree(base);
  const r = await runCli(...args);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain('error[OUTPUT_PATH]: --out ');
  expect(r.stderr).toMatch(says);
  expect(r.stderr).not.toMatch(/\.tmp|EEXIST|ENOTDIR|EISDIR|EACCES/);
  expect(r.stdout).toBe('');
  expect(tree(base)).toEqual(before);
  // Refused before the work (100,000 draws, every council): nothing written, nothing printed.
  // (Not timed: speed is proved in bench/, and a loaded machine makes any time limit flaky.)
}

describe('output paths checked before any work', () => {
  for (const c of COMMANDS) {
    it(`${c.name}: --out whose parent is a file`, async () => {
      const { base, file } = place();
      await refusedFast(c.args(join(file, 'sub', 'out')), base, /\/file is a file, not a folder/);
    });

    if (c.outIs === 'dir') {
      it(`${c.name}: --out naming an existing file where a folder is written`, async () => {
        const { base, file } = place();
        await refusedFast(c.args(file), base, /\/file is a file, not a folder/);
      });
    } else {
      it(`${c.name}: --out naming an existing folder where a file is written`, async () => {
        const { base, dir } = place();
        await refusedFast(c.args(dir), base, /\/dir is a folder; a file is written here/);
      });
    }
  }

  it('a file the command writes inside --out that is a folder (run --out X where X/projection.csv is a folder)', async () => {
    const { base, dir } = place();
    mkdirSync(join(dir, 'projection.csv'));
    await refusedFast(['run', 'models/example.yaml', '--out', dir], base, /projection\.csv is a folder/);
  });

  it('fit --report on the same file as --out', async () => {
    const { base } = place();
    const out = join(base, 'm.yaml');
    const r = await runCli('fit', '--ssda903', 'data/ssda903-sample', '--from', '2017-04-01', '--to', '2021-03-31', '--out', out, '--report', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('name the same file');
    expect(tree(base)).toEqual(['dir', 'file']);
  });

  // Root writes anywhere whatever the mode bits say, so this case can only be seen as a user.
  const ro = join(root, 'read-only');
  mkdirSync(ro);
  chmodSync(ro, 0o555);
  let permissionsHold = true;
  try {
    writeFileSync(join(ro, 'probe'), '');
    rmSync(join(ro, 'probe'));
    permissionsHold = false;
  } catch {
    // EACCES: permissions are enforced here
  }
  if (!permissionsHold) console.warn('output-paths.test.ts: running as root, where a read-only folder can be written; the read-only cases are skipped');
  it.skipIf(!permissionsHold)('a read-only folder, for every command, named as not writable', async () => {
    for (const c of COMMANDS) {
      const out = join(ro, c.outIs === 'dir' ? 'out' : 'out.file');
      const r = await runCli(...c.args(out));
      expect(r.code, c.name).toBe(2);
      expect(r.stderr).toContain(`the folder ${ro} is not writable`);
      expect(readdirSync(ro)).toEqual([]);
    }
  });

  it('a missing folder is made, one level at a time, when the path is fine', async () => {
    const { base } = place();
    const deep = join(base, 'a', 'b', 'c');
    expect(outputFileProblem(join(deep, 'x.csv'))).toBeNull();
    makeFolders(deep);
    expect(tree(base)).toEqual(['a', 'a/b', 'a/b/c', 'dir', 'file']);
    makeFolders(deep); // again: nothing to do
    const r = await runCli('run', 'models/example.yaml', '--years', '1', '--out', join(base, 'p', 'q'), '--quiet');
    expect(r.code).toBe(0);
    expect(readdirSync(join(base, 'p', 'q')).sort()).toEqual(['projection.csv', 'projection.json', 'projection.md']);
  });

  it('a special file (not a regular file) is not replaced', () => {
    expect(outputFileProblem('/dev/null')).toMatch(/not a regular file/);
  });
});
