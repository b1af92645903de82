/**
 * Specification of bad scenario files: each must be refused with every problem located (file,
 * line, column, field). Line numbers are counted by hand in the texts (the numbered comments).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edit } from '../helpers.js';
import { formatIssue, ScenarioInvalidError, type Issue } from '../../src/errors.js';
import { loadModel } from '../../src/model/load.js';
import { loadScenario, parseScenario } from '../../src/scenario/load.js';
import { resolveScenario } from '../../src/scenario/resolve.js';

const FILE = 'scenarios/bad.yaml';
// The scenario below changes a placement-mix cost and shifts the mix (costs[].type,
// placement_mix), which need a care state whose cost is a mix: the example council before care
// was split into placement states (test/fixtures/single-care.yaml).
const model = loadModel('test/fixtures/single-care.yaml');

/** A valid scenario on the single-care model. */
const GOOD = [
  'carecast: 1', //                                         1
  'scenario: Test', //                                      2
  'timing: { start: 2026-04-01, phase_in_months: 12 }', //  3
  'changes:', //                                            4
  '  - id: fewer', //                                       5
  '    from: early_help', //                                6
  '    to: [cin, cpp]', //                                  7
  '    relative_risk: 0.8', //                              8
  'costs:', //                                              9
  '  - { state: cic, type: residential, multiply: 0.9 }', // 10
  'placement_mix:', //                                     11
  '  - { state: cic, from: residential, to: in_house_foster, move: 0.1 }', // 12
  'programmes:', //                                        13
  '  - { id: team, fixed_per_year: 100000 }', //           14
].join('\n') + '\n';

/** Loads and resolves `text` against the single-care model, expecting a `ScenarioInvalidError`. */
function invalid(text: string, file = FILE): ScenarioInvalidError {
  let thrown: unknown;
  try {
    resolveScenario(parseScenario(text, file), model);
  } catch (err) {
    thrown = err;
  }
  expect(thrown, 'the scenario should be refused').toBeInstanceOf(ScenarioInvalidError);
  return thrown as ScenarioInvalidError;
}

function issueAt(err: ScenarioInvalidError, path: string): Issue {
  const found = err.issues.filter((i) => i.path === path);
  expect(found, `issues at ${path} among:\n${err.issues.map(formatIssue).join('\n')}`).toHaveLength(1);
  return found[0];
}

describe('a valid scenario', () => {
  it('loads and resolves against the single-care model', () => {
    const r = resolveScenario(parseScenario(GOOD, FILE), model);
    expect(r.rateChanges).toHaveLength(1);
    // 2026-04-01 is 12 months after the model's start, 2025-04-01.
    expect(r.rateChanges[0].timing).toEqual({ startMonth: 12, phaseMonths: 12, endMonth: null });
    expect(r.costChanges).toHaveLength(1);
    expect(r.mixShifts).toHaveLength(1);
    expect(r.programmes.map((p) => p.id)).toEqual(['team']);
  });
});

describe('bad scenario files: located errors, code SCENARIO_INVALID (exit 2)', () => {
  it('an unknown state, at the field', () => {
    const err = invalid(edit(GOOD, '    from: early_help', '    from: early_hlp'));
    expect(err.code).toBe('SCENARIO_INVALID');
    expect(err.exitCode).toBe(2);
    const i = issueAt(err, 'changes[0].from');
    expect(i.location).toEqual({ file: FILE, line: 6, column: 5 });
    expect(i.message).toBe("unknown state 'early_hlp': did you mean 'early_help'?");
    expect(i.expected).toContain('universal, early_help, cin, cpp, cic');
  });

  it('an unknown state in a list of targets, at the list entry', () => {
    const i = issueAt(invalid(edit(GOOD, 'to: [cin, cpp]', 'to: [cin, cpd]')), 'changes[0].to[1]');
    expect(i.location.line).toBe(7);
    expect(i.message).toBe("unknown state 'cpd': did you mean 'cpp'?");
  });

  it('an unknown field, at its key, with the README to check', () => {
    const i = issueAt(invalid(edit(GOOD, '    relative_risk: 0.8', '    relative_risks: 0.8')), 'changes[0].relative_risks');
    expect(i.location).toEqual({ file: FILE, line: 8, column: 5 });
    expect(i.expected).toContain('scenarios/README.md');
  });

  it('two kinds of change on one item, and none', () => {
    const two = issueAt(invalid(edit(GOOD, '    relative_risk: 0.8', '    relative_risk: 0.8\n    add: 0.01')), 'changes[0]');
    expect(two.message).toBe('give one kind of change, not relative_risk and add');
    expect(two.location.line).toBe(5);
    const none = issueAt(invalid(edit(GOOD, '    relative_risk: 0.8\n', '')), 'changes[0]');
    expect(none.message).toBe('the change is missing');
  });

  it('a date that is not a date, and an end before the start', () => {
    const err = invalid(edit(GOOD, 'timing: { start: 2026-04-01, phase_in_months: 12 }', 'timing: { start: 2026-02-30, end: 2025-01-01 }'));
    expect(issueAt(err, 'timing.start').message).toBe("'2026-02-30' is not a date");
    expect(issueAt(err, 'timing.end').message).toBe('the end 2025-01-01 is before the start 2026-02-30');
  });

  it('an age band the model does not have', () => {
    const i = issueAt(invalid(edit(GOOD, '    to: [cin, cpp]', '    to: [cin, cpp]\n    ages: 0-3')), 'changes[0].ages');
    expect(i.message).toBe("unknown age band '0-3': did you mean '0-4'?");
    expect(i.expected).toContain('0-4, 5-9, 10-15, 16-17');
  });

  it('a change from an absorbing state, and to the state it is from', () => {
    expect(issueAt(invalid(edit(GOOD, '    from: early_help', '    from: aged_18')), 'changes[0].from').message).toBe("'aged_18' is absorbing: children do not leave it");
    expect(issueAt(invalid(edit(GOOD, 'to: [cin, cpp]', 'to: early_help')), 'changes[0].to').message).toBe("'early_help' is the state the change is from");
  });

  it('a placement type the mix does not have, and a mix on a state without one', () => {
    const i = issueAt(invalid(edit(GOOD, 'from: residential, to: in_house_foster', 'from: residental, to: in_house_foster')), 'placement_mix[0].from');
    expect(i.location.line).toBe(12);
    expect(i.expected).toBe('one of in_house_foster, ifa, residential, other');
    const j = issueAt(invalid(edit(GOOD, '{ state: cic, type: residential', '{ state: cin, type: residential')), 'costs[0].type');
    expect(j.message).toBe("the model gives no placement mix for 'cin'");
  });

  it('a programme without a cost, and per_child without the children served', () => {
    expect(issueAt(invalid(edit(GOOD, '{ id: team, fixed_per_year: 100000 }', '{ id: team }')), 'programmes[0]').message).toBe('the programme has no cost');
    expect(issueAt(invalid(edit(GOOD, '{ id: team, fixed_per_year: 100000 }', '{ id: team, per_child: 100 }')), 'programmes[0].per_child').message).toContain('needs serves');
  });

  it('a schema error is reported alone; the cross-checks it stops follow once it is fixed', () => {
    const err = invalid(edit(edit(GOOD, '    from: early_help', '    from: nobody'), 'move: 0.1 }', 'move: 1.5 }'));
    expect(err.issues.map((i) => `${i.location.line} ${i.path}`)).toEqual(['12 placement_mix[0].move']);
    // The schema error stops the cross-checks; fixing it shows the next problem.
    const next = invalid(edit(GOOD, '    from: early_help', '    from: nobody'));
    expect(next.issues.map((i) => `${i.location.line} ${i.path}`)).toEqual(['6 changes[0].from']);
  });

  it('YAML that does not parse, at the line', () => {
    const err = invalid(edit(GOOD, '    to: [cin, cpp]', '    to: [cin, cpp'));
    expect(err.issues[0].message).toMatch(/^YAML: /);
    expect(err.issues[0].location.line).toBeGreaterThanOrEqual(7);
  });

  it('a model file given where a scenario belongs', () => {
    let err: unknown;
    try {
      loadScenario('models/example.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioInvalidError);
    expect((err as ScenarioInvalidError).issues[0].message).toBe('this is a model file, not a scenario');
  });
});

describe('extends', () => {
  const dir = mkdtempSync(join(tmpdir(), 'carecast-scenarios-'));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const parent = write('parent.yaml', GOOD.replace('scenario: Test', 'scenario: Parent\nsources: [parent source]'));

  it('inherits items; an item with the same id replaces the parent\'s in place; remove drops one', () => {
    const child = write(
      'child.yaml',
      [
        'carecast: 1',
        'scenario: Child',
        'extends: parent.yaml',
        'sources: [child source]',
        'timing: { start: 2027-04-01 }',
        'changes:',
        '  - { id: fewer, from: cin, to: cic, multiply: 0.5 }',
        '  - { from: cpp, to: cic, multiply: 0.9 }',
        'remove: [team]',
      ].join('\n'),
    );
    const s = loadScenario(child);
    expect(s.name).toBe('Child');
    expect(s.files).toEqual([child, parent]);
    expect(s.sources).toEqual(['parent source', 'child source']);
    expect(s.changes.map((c) => `${c.id ?? '-'} ${c.from}`)).toEqual(['fewer cin', '- cpp']);
    expect(s.programmes).toEqual([]);
    expect(s.costs).toHaveLength(1);
    // Timing merges field by field: the child's start, the parent's 12-month phase-in.
    expect(s.timing).toEqual({ start: '2027-04-01', phaseInMonths: 12 });
    // Each item keeps the file it was written in, for messages.
    expect(s.costs[0].origin.file).toBe(parent);
    expect(s.changes[0].origin.file).toBe(child);
  });

  it('refuses a loop, naming the chain, and a file that does not exist', () => {
    write('a.yaml', 'carecast: 1\nscenario: A\nextends: b.yaml\n');
    write('b.yaml', 'carecast: 1\nscenario: B\nextends: a.yaml\n');
    let err: unknown;
    try {
      loadScenario(join(dir, 'a.yaml'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioInvalidError);
    const issue = (err as ScenarioInvalidError).issues[0];
    expect(issue.path).toBe('extends');
    expect(issue.location).toMatchObject({ file: join(dir, 'b.yaml'), line: 3 });
    expect(issue.message).toContain('makes a loop');
    const missing = write('m.yaml', 'carecast: 1\nscenario: M\nextends: nowhere.yaml\n');
    expect(() => loadScenario(missing)).toThrow(ScenarioInvalidError);
  });

  it('refuses to remove an id nothing inherited has', () => {
    const child = write('r.yaml', 'carecast: 1\nscenario: R\nextends: parent.yaml\nremove: [tema]\n');
    let err: unknown;
    try {
      loadScenario(child);
    } catch (e) {
      err = e;
    }
    const issue = (err as ScenarioInvalidError).issues[0];
    expect(issue.path).toBe('remove[0]');
    expect(issue.message).toBe("no inherited item has id 'tema'");
  });

  it('locates a problem in the parent in the parent file', () => {
    const bad = write('badparent.yaml', edit(GOOD, '    from: early_help', '    from: nobody'));
    const child = write('c2.yaml', 'carecast: 1\nscenario: C2\nextends: badparent.yaml\n');
    let err: unknown;
    try {
      resolveScenario(loadScenario(child), model);
    } catch (e) {
      err = e;
    }
    expect((err as ScenarioInvalidError).issues[0].location).toMatchObject({ file: bad, line: 6 });
  });
});
