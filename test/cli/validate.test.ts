/**
 * `carecast validate MODEL [SCENARIO…]`: the checks a run makes of its inputs, without the run:
 * a line per valid file and "valid" (exit 0), or every problem of every file (exit 2).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

/** A copy of the example model (and its data folder reference made absolute) in a fresh folder. */
function exampleCopy(edit: (text: string) => string = (t) => t): { dir: string; model: string } {
  const dir = mkdtempSync(join(tmpdir(), 'carecast-validate-'));
  const text = readFileSync('models/example.yaml', 'utf8').replaceAll('../data/', `${process.cwd()}/data/`);
  writeFileSync(join(dir, 'model.yaml'), edit(text));
  return { dir, model: join(dir, 'model.yaml') };
}

describe('carecast validate', () => {
  it('a valid model and scenarios: a summary line per file, then "valid", exit 0, nothing written', async () => {
    const r = await runCli('validate', 'models/example.yaml', 'scenarios/early-help.yaml', 'scenarios/edge-of-care.yaml', 'scenarios/early-help-delayed.yaml');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    // 20 states: universal, early help, CIN, CPP, the eight placement states of group cic and the
    // care leavers 18-20 (Staying Put, supported accommodation, other support) and 21-24 are active (16); left care, moved away, reached 18 and support
    // ended are absorbing (4). Bands 0-4, 5-9, 10-15, 16-17 and, for care leavers, 18-20 and 21-24.
    expect(lines[0]).toMatch(/^models\/example\.yaml: valid \(.*20 states \(16 active\), 6 age bands, monthly steps from 2025-04-01 for 10 years, population from data\/example\/population\.csv\)$/);
    expect(lines[1]).toMatch(/^scenarios\/early-help\.yaml: valid \(Early help investment: 3 rate changes, 1 programme\)$/);
    expect(lines[3]).toContain('extends scenarios/early-help.yaml');
    expect(lines[4]).toBe('valid');
    expect(r.stderr).toBe('');
  });

  it('a model alone', async () => {
    const r = await runCli('validate', 'models/textbook/hiv-monotherapy.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/hiv-monotherapy\.yaml: valid \(.*\)\nvalid\n$/);
  });

  it('lists the problems of every file at once: a bad model, a missing scenario, and checks the scenarios it can on their own', async () => {
    const { model } = exampleCopy((t) => t.replace('step: month', 'step: fortnight'));
    const r = await runCli('validate', model, 'scenarios/early-help.yaml', '/no/such/scenario.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[MODEL_INVALID]');
    expect(r.stderr).toMatch(/model\.yaml:\d+:\d+ +time\.step: 'fortnight' is not allowed/);
    expect(r.stderr).toContain('error[INPUT_NOT_FOUND]: file not found: /no/such/scenario.yaml');
    expect(r.stderr).toContain('2 files with problems');
    expect(r.stdout).toContain('scenarios/early-help.yaml: valid on its own');
    expect(r.stdout).not.toMatch(/^valid$/m);
  });

  it('checks the CSVs a model names: a bad population cell is found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-validate-'));
    writeFileSync(join(dir, 'population.csv'), readFileSync('data/example/population.csv', 'utf8').replace('0,2022,5034.3', '0,2022,lots'));
    const text = readFileSync('models/example.yaml', 'utf8').replace(/file: \S*population\.csv/, 'file: population.csv').replaceAll('../data/', `${process.cwd()}/data/`);
    writeFileSync(join(dir, 'model.yaml'), text);
    const r = await runCli('validate', join(dir, 'model.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(join(dir, 'population.csv'));
    expect(readdirSync(dir).sort()).toEqual(['model.yaml', 'population.csv']);
  });

  it("checks each scenario against the model: a state the model lacks, and a change that pushes a probability past 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-validate-'));
    const early = readFileSync('scenarios/early-help.yaml', 'utf8');
    writeFileSync(join(dir, 'unknown-state.yaml'), early.replace('from: early_help', 'from: early_hlep'));
    // cpp → cic (the group) is 0.012 a month, shared by the group's split: at 0-4, 52% to
    // in-house foster care, 0.012 × 0.52 = 0.00624. × 200 = 1.248, more than the row can give
    // (its stay 1 − 0.099 = 0.901, plus the move's own 0.00624: 0.9072); found only when the
    // change is applied to the plan.
    writeFileSync(join(dir, 'toomuch.yaml'), 'carecast: 1\nscenario: Too much\nchanges:\n  - { from: cpp, to: cic, multiply: 200, start: 2026-04-01 }\n');
    const r = await runCli('validate', 'models/example.yaml', join(dir, 'unknown-state.yaml'), 'scenarios/edge-of-care.yaml', join(dir, 'toomuch.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr.match(/error\[SCENARIO_INVALID\]/g)).toHaveLength(2);
    expect(r.stderr).toMatch(/unknown-state\.yaml:\d+:\d+ .*early_hlep/);
    expect(r.stderr).toContain('ages 0-4, cpp to in_house_foster from 2026-04-01: the move would have probability 1.248, more than the 0.9072 the stay probability leaves');
    expect(r.stdout).toContain('scenarios/edge-of-care.yaml: valid');
    expect(r.stderr).toContain('2 files with problems');
  });

  it('needs a model', async () => {
    const r = await runCli('validate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Run `carecast validate --help`');
  });
});
