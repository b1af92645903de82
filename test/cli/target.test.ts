/**
 * `carecast target`: the value found, written into the scenario file and run through
 * `carecast compare`, gives the target; every kind of bad input is a located error, exit 2.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edit, runCli } from '../helpers.js';

const EARLY_HELP = readFileSync('scenarios/early-help.yaml', 'utf8');

/** scenarios/early-help.yaml with one field's value replaced, written beside a copy of what it names (nothing: it extends nothing). */
function earlyHelpWith(from: string, to: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'carecast-target-')), 'early-help.yaml');
  writeFileSync(file, edit(EARLY_HELP, from, to));
  return file;
}

async function seek(...args: string[]) {
  const r = await runCli('target', 'models/example.yaml', 'scenarios/early-help.yaml', '--format', 'json', ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

async function compareJson(scenarioFile: string) {
  const r = await runCli('compare', 'models/example.yaml', scenarioFile, '--format', 'json');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).scenarios[0];
}

describe('carecast target: the value found, run through compare, meets the target', () => {
  it('net_saving@5y=2000000 on fewer_step_ups: compare gives a 5-year net saving of £2,000,000 to £1', async () => {
    const out = await seek('--vary', 'fewer_step_ups', '--target', 'net_saving@5y=2000000');
    expect(out.status).toBe('met');
    const file = earlyHelpWith('relative_risk: 0.8\n', `relative_risk: ${out.value.value}\n`);
    const s = await compareJson(file);
    const five = s.totals.find((t: { years: number }) => t.years === 5);
    expect(Math.abs(five.net_saving - 2_000_000)).toBeLessThanOrEqual(1);
    expect(five.net_saving).toBeCloseTo(out.value.result, 6);
  });

  it('payback@3y on the programme cost: compare pays back in the third year, 2027/28', async () => {
    const out = await seek('--vary', 'early_help_team.fixed_per_year', '--target', 'payback@3y');
    const file = earlyHelpWith('fixed_per_year: 900000', `fixed_per_year: ${out.value.value}`);
    const s = await compareJson(file);
    expect(s.payback).toMatchObject({ status: 'paid_back', label: '2027/28' });
  });

  it('children in care at 31 March 2030 (the group cic) on the step-up cut: compare gives that number', async () => {
    const CARE = /^(in_house_foster|ifa|in_house_residential|external_residential|supported|placed_with_parents|adoption|other_placement)$/;
    const inCare = (s: { periods: { period: string; children_end: Record<string, number> }[] }) =>
      Object.entries(s.periods.find((y) => y.period === '2029/30')!.children_end)
        .filter(([id]) => CARE.test(id))
        .reduce((t, [, v]) => t + v, 0);
    // 5 children fewer in care than the stated scenario gives.
    const wanted = Math.round(inCare(await compareJson('scenarios/early-help.yaml'))) - 5;
    const out = await seek('--vary', 'fewer_step_ups', '--target', `cic@2030=${wanted}`, '--range', '0.5..1');
    const s = await compareJson(earlyHelpWith('relative_risk: 0.8\n', `relative_risk: ${out.value.value}\n`));
    expect(Math.abs(inCare(s) - wanted)).toBeLessThanOrEqual(1e-3);
  });
});

describe('carecast target: output', () => {
  it('prints the board table and sentence; --out writes target.json and target.md', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'carecast-target-')), 'out');
    const r = await runCli('target', 'models/example.yaml', 'scenarios/early-help.yaml', '--vary', 'fewer_step_ups', '--target', 'net_saving@5y=2m', '--out', dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Goal-seek: Early help investment');
    expect(r.stdout).toContain('| Needed to meet the target |');
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('would need to cut moves from early help to child in need, child protection plan or child in care by 18% (stated assumption: 20%).');
    expect(readdirSync(dir).sort()).toEqual(['target.json', 'target.md']);
  });
});

describe('carecast target: bad input, exit 2 and nothing written', () => {
  const fails = async (pattern: RegExp, ...args: string[]) => {
    const r = await runCli('target', 'models/example.yaml', 'scenarios/early-help.yaml', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(pattern);
    return r;
  };

  it('an unknown lever lists the levers of the scenario file', async () => {
    await fails(/error\[USAGE\]: --vary: scenarios\/early-help\.yaml has no lever 'fewer_stepups': did you mean 'fewer_step_ups'\?; its levers: timing\.phase_in_months, reach, fewer_step_ups, fewer_referrals, early_help_team\.fixed_per_year/, '--vary', 'fewer_stepups', '--target', 'net_saving@5y=2m');
  });

  it('a date lever, an unknown target, bad grammar, a year past the horizon', async () => {
    await fails(/timing\.start in scenarios\/early-help\.yaml is a date/, '--vary', 'timing.start', '--target', 'net_saving@5y=2m');
    await fails(/unknown measure 'cpd' \(expected net_saving, .*a state or group of models\/example\.yaml: universal, .*: did you mean 'cpp'\?/, '--vary', 'reach', '--target', 'cpd@5y=700');
    await fails(/is not a target: expected MEASURE@WHEN=VALUE/, '--vary', 'reach', '--target', 'net_saving=2m');
    await fails(/'2 million' is not a number/, '--vary', 'reach', '--target', 'net_saving@5y=2 million');
    await fails(/break_even takes no value/, '--vary', 'reach', '--target', 'break_even@5y=0');
    await fails(/year 11 is past the horizon \(the projection's 10 whole financial years run to 2034\/35\)/, '--vary', 'reach', '--target', 'net_saving@11y=1m');
    await fails(/2035\/36 is past the horizon/, '--vary', 'reach', '--target', 'cic@2036=700');
  });

  it('a range that does not bracket: not reachable, with the best value found and its result', async () => {
    const r = await fails(/error\[TARGET_NOT_REACHABLE\]: scenarios\/early-help\.yaml: To save £20\.0m over the 5 years to 2029\/30: not reachable by fewer_step_ups in the range 0\.7000 to 1\.0000; the nearest, 0\.7000 \(cut .* by 30%\), gives £4\.\dm \(stated assumption: 20%, giving £2\.5m\)/, '--vary', 'fewer_step_ups', '--target', 'net_saving@5y=20m', '--range', '0.7..1');
    expect(r.stderr).toContain('What to do: Widen --range');
  });

  it('a badly written range or chance, and --chance without --draws', async () => {
    await fails(/--range must be LOW\.\.HIGH/, '--vary', 'reach', '--target', 'net_saving@5y=2m', '--range', '0.5-1');
    await fails(/--chance goes with --draws/, '--vary', 'reach', '--target', 'net_saving@5y=2m', '--chance', '0.8');
    await fails(/--chance must be a share between 0 and 1/, '--vary', 'reach', '--target', 'net_saving@5y=2m', '--draws', '10', '--chance', '1.5');
    await fails(/required option '--target <target>' not specified/, '--vary', 'reach');
  });
});

describe('carecast report --target', () => {
  it('puts the sentence and the goal-seek table in the board report, after the summary', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'carecast-target-')), 'report.html');
    const r = await runCli('report', 'models/example.yaml', 'scenarios/edge-of-care.yaml', 'scenarios/early-help.yaml', '--vary', 'fewer_step_ups', '--target', 'net_saving@5y=2m', '--out', out, '--quiet');
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const section = html.slice(html.indexOf('<section aria-labelledby="goal-seek">'), html.indexOf('<section aria-labelledby="charts">'));
    expect(html.indexOf('id="summary"')).toBeLessThan(html.indexOf('id="goal-seek"'));
    expect(section).toContain('<h2 id="goal-seek">What it would take</h2>');
    // The lever is early help's (the first scenario given that has it), not edge of care's.
    expect(section).toContain('<p>To save £2.0m over the 5 years to 2029/30, Early help investment would need to cut moves from early help');
    expect(section).toContain('<caption>Goal-seek: Early help investment</caption>');
    expect(section.match(/To save £2\.0m/g)).toHaveLength(1); // the sentence once, not again in the note
  });

  it('an unknown lever fails before any work, writing nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'carecast-target-')), 'report.html');
    const r = await runCli('report', 'models/example.yaml', 'scenarios/early-help.yaml', '--vary', 'nope', '--target', 'net_saving@5y=2m', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/scenarios\/early-help\.yaml has no lever 'nope'; its levers: /);
    expect(existsSync(out)).toBe(false);
  });
});
