/**
 * Specification of bad input: each case is a small model text given to `parseModel`, and the
 * thrown `ModelInvalidError` must name the right file, line, column and field. Line numbers are
 * counted by hand in the texts below (the numbered comments give them).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edit, oneIssueAt, refusedModel } from '../helpers.js';
import { CarecastError, formatIssue, InputNotFoundError, ModelInvalidError, type Issue } from '../../src/errors.js';
import { loadModel, parseModel } from '../../src/model/load.js';

const FILE = 'models/bad.yaml';

/** A closed model without ages. */
const CLOSED = [
  'carecast: 1', //                                    1
  'name: Bad model', //                                2
  'time:', //                                          3
  '  start: 2025-04-01', //                            4
  '  step: year', //                                   5
  '  horizon_years: 5', //                             6
  'states:', //                                        7
  '  - { id: home }', //                               8
  '  - { id: cin }', //                                9
  '  - { id: cic }', //                               10
  '  - { id: left, absorbing: true }', //             11
  'transitions:', //                                  12
  '  per: step', //                                   13
  '  matrices:', //                                   14
  '    - rows:', //                                   15
  '        home: { cin: 0.05 }', //                   16
  '        cin: { home: 0.3, cic: 0.05, left: 0.01 }', // 17
  '        cic: { cic: 0.9, home: 0.06, left: 0.04 }', // 18
  'initial:', //                                      19
  '  home: 1000', //                                  20
  '  cin: 50', //                                     21
  '  cic: 20', //                                     22
  'values:', //                                       23
  '  costs:', //                                      24
  '    cin: { per_week: 170 }', //                    25
  '    cic: { per_week: 2100 }', //                   26
].join('\n') + '\n';

/** A model with two age bands and a row for ages 0-4 that overrides the one for all ages. */
const AGED = [
  'carecast: 1', //                                    1
  'name: Bad aged model', //                           2
  'time:', //                                          3
  '  start: 2025-04-01', //                            4
  '  step: month', //                                  5
  '  horizon_years: 5', //                             6
  'states:', //                                        7
  '  - { id: home }', //                               8
  '  - { id: cin }', //                                9
  '  - { id: aged_18, absorbing: true }', //          10
  'ages:', //                                         11
  '  bands: [0-4, 5-17]', //                          12
  '  age_out_to: aged_18', //                         13
  'transitions:', //                                  14
  '  per: step', //                                   15
  '  matrices:', //                                   16
  '    - ages: all', //                               17
  '      rows:', //                                   18
  '        home: { cin: 0.004 }', //                  19
  '        cin: { home: 0.1 }', //                    20
  '    - ages: 0-4', //                               21
  '      rows:', //                                   22
  '        cin: { home: 0.05 }', //                   23
  'initial:', //                                      24
  '  home: { 0-4: 300, 5-17: 700 }', //               25
  '  cin: { 0-4: 10, 5-17: 30 }', //                  26
].join('\n') + '\n';

/** Parses `text`, expecting a `ModelInvalidError`, and returns it. */
const invalid = (text: string, file = FILE): ModelInvalidError => refusedModel(text, file);

/** The one issue with this field path (fails if there is none or several). */
const issueAt = oneIssueAt;

describe('the base models are valid', () => {
  it('parses both texts the cases below break', () => {
    expect(parseModel(CLOSED, FILE).states).toHaveLength(4);
    expect(parseModel(AGED, FILE).ages?.bands.map((b) => b.label)).toEqual(['0-4', '5-17']);
  });
});

describe('transition rows', () => {
  it('refuses a row that gives its own state and does not sum to 1, naming the row, the sum and the state', () => {
    const err = invalid(edit(CLOSED, 'cic: { cic: 0.9, home: 0.06, left: 0.04 }', 'cic: { cic: 0.9, home: 0.06, left: 0.02 }'));
    expect(err.code).toBe('MATRIX_NOT_STOCHASTIC');
    expect(err.exitCode).toBe(2);
    const i = issueAt(err, 'transitions.matrices[0].rows.cic');
    expect(i.location).toEqual({ file: FILE, line: 18, column: 9 });
    expect(i.message).toBe("row 'cic' sums to 0.98, not 1 (difference -0.02)");
    expect(i.expected).toContain('sum to 1 within 1e-9');
    expect(i.expected).toContain("'rest'");
  });

  it('accepts rounding within 1e-9 in a row that gives its own state', () => {
    const m = parseModel(edit(CLOSED, 'cic: { cic: 0.9, home: 0.06, left: 0.04 }', 'cic: { cic: 0.7, home: 0.2, left: 0.1000000001 }'), FILE);
    expect(m.transitions.matrices[0].p[2 * 4 + 2]).toBe(0.7);
  });

  it('refuses moves that add up to more than 1 before the stay probability takes the complement', () => {
    const err = invalid(edit(CLOSED, 'cin: { home: 0.3, cic: 0.05, left: 0.01 }', 'cin: { home: 0.7, cic: 0.25, left: 0.1 }'));
    expect(err.code).toBe('MATRIX_NOT_STOCHASTIC');
    const i = issueAt(err, 'transitions.matrices[0].rows.cin');
    expect(i.location).toEqual({ file: FILE, line: 17, column: 9 });
    expect(i.message).toBe("row 'cin' sums to 1.05 before its complement ('rest' for cin), more than 1");
    expect(i.expected).toBe('moves that add up to at most 1');
  });

  it("names the state that takes 'rest' when the other entries add up to more than 1", () => {
    const err = invalid(edit(CLOSED, 'cin: { home: 0.3, cic: 0.05, left: 0.01 }', 'cin: { home: rest, cic: 0.8, left: 0.3 }'));
    expect(err.code).toBe('MATRIX_NOT_STOCHASTIC');
    expect(issueAt(err, 'transitions.matrices[0].rows.cin').message).toBe("row 'cin' sums to 1.1 before its complement ('rest' for home), more than 1");
  });

  it('reports a row that does not sum to 1 once, not also as a missing row', () => {
    // build.ts skips the rejected row, then reports "state 'cin' has no transition row" as well.
    const err = invalid(edit(CLOSED, 'cin: { home: 0.3, cic: 0.05, left: 0.01 }', 'cin: { home: 0.7, cic: 0.25, left: 0.1 }'));
    expect(err.issues.map(formatIssue)).toEqual([expect.stringContaining("row 'cin' sums to 1.05")]);
  });

  it('refuses an unknown state a row moves to, at that entry', () => {
    const err = invalid(edit(CLOSED, 'left: 0.01 }', 'lft: 0.01 }'));
    expect(err.code).toBe('MODEL_INVALID');
    const i = issueAt(err, 'transitions.matrices[0].rows.cin.lft');
    expect(i.location).toEqual({ file: FILE, line: 17, column: 38 });
    expect(i.message).toBe("unknown state 'lft': did you mean 'left'?");
    expect(i.expected).toBe('one of home, cin, cic, left');
  });

  it('refuses a row for an unknown state, and then the real state has no row', () => {
    const err = invalid(edit(CLOSED, '        cic: { cic: 0.9', '        cla: { cic: 0.9'));
    expect(issueAt(err, 'transitions.matrices[0].rows.cla')).toMatchObject({ location: { line: 18, column: 9 }, message: "unknown state 'cla'" });
    expect(issueAt(err, 'transitions.matrices')).toMatchObject({ location: { line: 14, column: 3 }, message: "state 'cic' has no transition row" });
    expect(err.issues).toHaveLength(2);
  });

  it('refuses a probability above 1 or below 0, at the entry', () => {
    const high = issueAt(invalid(edit(CLOSED, 'home: { cin: 0.05 }', 'home: { cin: 1.2 }')), 'transitions.matrices[0].rows.home.cin');
    expect(high.location).toEqual({ file: FILE, line: 16, column: 17 });
    expect(high.message).toBe('a probability must be at most 1');
    const low = issueAt(invalid(edit(CLOSED, 'home: { cin: 0.05 }', 'home: { cin: -0.05 }')), 'transitions.matrices[0].rows.home.cin');
    expect(low.location.line).toBe(16);
    expect(low.message).toBe('a probability must be at least 0');
  });

  it("refuses a probability written as a percentage or as text", () => {
    for (const bad of ['5%', '"0.05"', 'five']) {
      const i = issueAt(invalid(edit(CLOSED, 'home: { cin: 0.05 }', `home: { cin: ${bad} }`)), 'transitions.matrices[0].rows.home.cin');
      expect(i.location.line).toBe(16);
      expect(i.message).toBe("expected a probability between 0 and 1, or 'rest'");
    }
  });

  it("refuses two 'rest' entries in one row, at the second", () => {
    const err = invalid(edit(CLOSED, 'cin: { home: 0.3, cic: 0.05, left: 0.01 }', 'cin: { home: rest, cic: rest, left: 0.01 }'));
    const i = issueAt(err, 'transitions.matrices[0].rows.cin.cic');
    expect(i.location).toEqual({ file: FILE, line: 17, column: 28 });
    expect(i.message).toBe("only one entry of a row can be 'rest'");
  });

  it('refuses a row for an absorbing state', () => {
    const err = invalid(edit(CLOSED, 'left: 0.04 }\n', 'left: 0.04 }\n        left: { home: 0.1 }\n'));
    const i = issueAt(err, 'transitions.matrices[0].rows.left');
    expect(i.location).toEqual({ file: FILE, line: 19, column: 9 });
    expect(i.message).toBe("'left' is absorbing, so it has no row");
    expect(err.issues).toHaveLength(1);
  });

  it('refuses two rows for the same state and ages, naming the first', () => {
    const err = invalid(edit(CLOSED, 'left: 0.04 }\n', 'left: 0.04 }\n    - rows:\n        home: { cin: 0.06 }\n'));
    const i = issueAt(err, 'transitions.matrices[1].rows.home');
    expect(i.location.line).toBe(20);
    expect(i.message).toBe("state 'home' in ages all already has a row (transitions.matrices[0])");
  });

  it('refuses a matrix with both rows and counts', () => {
    const err = invalid(edit(CLOSED, '    - rows:\n', '    - counts: { home: { home: 9, cin: 1 } }\n      rows:\n'));
    expect(issueAt(err, 'transitions.matrices[0]')).toMatchObject({
      location: { line: 15, column: 7 },
      message: 'give either rows (probabilities) or counts (observed moves), not both or neither',
    });
  });

  it('refuses a row of counts that add up to 0', () => {
    const err = invalid(edit(CLOSED, '    - rows:\n        home: { cin: 0.05 }\n', '    - counts:\n        home: { home: 0, cin: 0 }\n'));
    expect(issueAt(err, 'transitions.matrices[0].counts.home')).toMatchObject({
      location: { line: 16, column: 9 },
      message: "the counts of row 'home' add up to 0",
    });
  });
});

describe('states, initial stock and values', () => {
  it('refuses an unknown state in initial', () => {
    const err = invalid(edit(CLOSED, '  cic: 20', '  cpp: 20'));
    const i = issueAt(err, 'initial.cpp');
    expect(i.location).toEqual({ file: FILE, line: 22, column: 3 });
    expect(formatIssue(i)).toBe("models/bad.yaml:22:3  initial.cpp: unknown state 'cpp' (expected one of home, cin, cic, left)");
  });

  it('refuses a negative count in initial', () => {
    const i = issueAt(invalid(edit(CLOSED, '  cin: 50', '  cin: -50')), 'initial.cin');
    expect(i.location).toEqual({ file: FILE, line: 21, column: 3 });
    expect(i.message).toBe('must not be negative');
  });

  it('refuses an unknown state in the unit costs', () => {
    const i = issueAt(invalid(edit(CLOSED, '    cic: { per_week: 2100 }', '    cla: { per_week: 2100 }')), 'values.costs.cla');
    expect(i.location).toEqual({ file: FILE, line: 26, column: 5 });
    expect(i.message).toBe("unknown state 'cla'");
  });

  it('refuses a cost given both per week and per year', () => {
    const i = issueAt(invalid(edit(CLOSED, 'cin: { per_week: 170 }', 'cin: { per_week: 170, per_year: 8000 }')), 'values.costs.cin');
    expect(i.location.line).toBe(25);
    expect(i.message).toBe('give the unit cost as per_week or per_year (one of them)');
  });

  it('refuses a placement mix whose shares do not add up to 1, at the mix', () => {
    const mix = "cic: { per_week: 300, mix: { foster: { share: 0.7, per_week: 800 }, residential: { share: 0.2, per_week: 7000 } } }";
    const i = issueAt(invalid(edit(CLOSED, 'cic: { per_week: 2100 }', mix)), 'values.costs.cic.mix');
    expect(i.location.line).toBe(26);
    expect(i.message).toBe('the shares add up to 0.9, not 1');
  });

  it('refuses a placement type without a cost, at the type', () => {
    const mix = 'cic: { mix: { foster: { share: 0.8, per_week: 800 }, residential: { share: 0.2 } } }';
    const i = issueAt(invalid(edit(CLOSED, 'cic: { per_week: 2100 }', mix)), 'values.costs.cic.mix.residential');
    expect(i.message).toBe('give the placement cost as per_week or per_year (one of them)');
  });

  it('refuses an unknown state in a report group', () => {
    const err = invalid(CLOSED + 'report:\n  groups:\n    - { id: cin_dfe, states: [cin, cpp, cic] }\n');
    expect(issueAt(err, 'report.groups[0].states[1]')).toMatchObject({ location: { line: 29 }, message: "unknown state 'cpp'" });
  });

  it('refuses a state declared twice and an id that is not lower case', () => {
    const twice = issueAt(invalid(edit(CLOSED, '  - { id: cic }', '  - { id: cin }')), 'states[2].id');
    expect(twice).toMatchObject({ location: { line: 10, column: 7 }, message: "state 'cin' is declared twice" });
    const upper = issueAt(invalid(edit(CLOSED, '  - { id: cic }', '  - { id: CiC }')), 'states[2].id');
    expect(upper).toMatchObject({ location: { line: 10 }, message: 'an id is lower-case letters, digits and _, starting with a letter' });
  });
});

describe('age bands', () => {
  it('refuses bands that stop short of 17', () => {
    const err = invalid(edit(AGED, '[0-4, 5-17]', '[0-4, 5-15]'));
    const i = issueAt(err, 'ages.bands');
    expect(i.location).toEqual({ file: FILE, line: 12, column: 3 });
    expect(i.message).toBe('the bands must cover ages 0 to 17 in order: the bands end at 15, not at 17');
  });

  it('refuses bands with a gap or an overlap', () => {
    expect(issueAt(invalid(edit(AGED, '[0-4, 5-17]', '[0-4, 6-17]')), 'ages.bands').message).toBe('the bands must cover ages 0 to 17 in order: band 6-17 should start at age 5');
    expect(issueAt(invalid(edit(AGED, '[0-4, 5-17]', '[0-4, 4-17]')), 'ages.bands').message).toBe('the bands must cover ages 0 to 17 in order: band 4-17 should start at age 5');
  });

  it('refuses a band label that is not a band, at the label', () => {
    const err = invalid(edit(AGED, '[0-4, 5-17]', '[0-4, five-17]'));
    expect(issueAt(err, 'ages.bands[1]')).toMatchObject({ location: { line: 12, column: 16 }, message: "'five-17' is not an age band" });
  });

  it('after a band label that is not a band, does not report every use of the bands as unknown', () => {
    // build.ts falls back to the single band 'all', so 0-4 and 5-17 in the matrices and initial
    // are each reported as "unknown age band '0-4' (expected one of all or all)".
    const err = invalid(edit(AGED, '[0-4, 5-17]', '[0-4, five-17]'));
    expect(err.issues.map((i) => i.path)).toEqual(['ages.bands[1]']);
  });

  it('refuses a model where a state has no row for some band', () => {
    // The first matrix now covers 5-17 only; the second gives cin (not home) a row for 0-4.
    const err = invalid(edit(AGED, '    - ages: all', '    - ages: 5-17'));
    const i = issueAt(err, 'transitions.matrices');
    expect(i.location).toEqual({ file: FILE, line: 16, column: 3 });
    expect(i.message).toBe("state 'home' has no transition row for ages 0-4");
    expect(err.issues).toHaveLength(1);
  });

  it('refuses a matrix for an age band the model does not have', () => {
    const err = invalid(edit(AGED, '    - ages: 0-4', '    - ages: 0-5'));
    const i = issueAt(err, 'transitions.matrices[1].ages');
    expect(i.location).toEqual({ file: FILE, line: 21, column: 7 });
    expect(i.message).toBe("unknown age band '0-5'");
    expect(i.expected).toBe('one of 0-4, 5-17 or all');
  });

  it('refuses age bands in a model that has no ages section', () => {
    const err = invalid(edit(AGED, 'ages:\n  bands: [0-4, 5-17]\n  age_out_to: aged_18\n', ''));
    // Without the three lines, the 0-4 matrix is on line 18.
    expect(issueAt(err, 'transitions.matrices[1].ages')).toMatchObject({ location: { line: 18 }, expected: "'all' (the model has no ages)" });
  });

  it('refuses a single number as the initial stock of a model with bands', () => {
    const i = issueAt(invalid(edit(AGED, '  cin: { 0-4: 10, 5-17: 30 }', '  cin: 40')), 'initial.cin');
    expect(i.location).toEqual({ file: FILE, line: 26, column: 3 });
    expect(i.message).toBe('the model has age bands, so give the stock per band');
  });

  it('refuses an unknown band in the initial stock, at the band', () => {
    const i = issueAt(invalid(edit(AGED, '5-17: 30 }', '5-16: 30 }')), 'initial.cin.5-16');
    expect(i.location).toEqual({ file: FILE, line: 26, column: 19 });
    expect(i.message).toBe("unknown age band '5-16': did you mean '5-17'?");
  });

  it("refuses 'all' as a band of the initial stock when the model has bands (it is silently dropped)", () => {
    // build.ts resolves 'all' to every band and keeps it only when that is one band, so
    // `cin: { all: 40 }` leaves cin empty without a word.
    const err = invalid(edit(AGED, '  cin: { 0-4: 10, 5-17: 30 }', '  cin: { all: 40 }'));
    expect(issueAt(err, 'initial.cin.all').location.line).toBe(26);
  });

  it('refuses an age_out_to state that is not absorbing, or a map without a default for some state', () => {
    expect(issueAt(invalid(edit(AGED, 'age_out_to: aged_18', 'age_out_to: cin')), 'ages.age_out_to')).toMatchObject({
      location: { line: 13, column: 3 },
      message: "state 'cin' is not absorbing",
    });
    expect(issueAt(invalid(edit(AGED, 'age_out_to: aged_18', 'age_out_to: { cin: aged_18 }')), 'ages.age_out_to')).toMatchObject({
      location: { line: 13 },
      message: "no exit state for children aged 18 in 'home'",
    });
  });

  it('refuses a model with ages that lacks the band list', () => {
    const err = invalid(edit(AGED, '  bands: [0-4, 5-17]\n', ''));
    expect(issueAt(err, 'ages.bands').location).toEqual({ file: FILE, line: 11, column: 1 });
  });

  it('refuses a direct entry without an age band in a model with bands', () => {
    const err = invalid(AGED + 'direct_entries:\n  - { state: cin, per_year: 5 }\n');
    expect(issueAt(err, 'direct_entries[0]')).toMatchObject({ location: { line: 28, column: 5 }, message: 'the age band is missing' });
  });

  it('reports a direct entry without an age band once', () => {
    // build.ts also adds "direct_entries[0].ages: name one age band per entry".
    const err = invalid(AGED + 'direct_entries:\n  - { state: cin, per_year: 5 }\n');
    expect(err.issues).toHaveLength(1);
  });
});

describe('time', () => {
  it('refuses a date in the wrong form', () => {
    const i = issueAt(invalid(edit(CLOSED, 'start: 2025-04-01', 'start: 01/04/2025')), 'time.start');
    expect(i.location).toEqual({ file: FILE, line: 4, column: 3 });
    expect(i.message).toBe("'01/04/2025' is not a date");
    expect(i.expected).toBe('YYYY-MM-DD, e.g. 2025-04-01');
  });

  it('refuses a date that does not exist', () => {
    expect(issueAt(invalid(edit(CLOSED, 'start: 2025-04-01', 'start: 2025-02-30')), 'time.start').message).toBe("'2025-02-30' is not a date");
  });

  it('refuses a start that is not the first of a month, or not the start of a financial year or quarter', () => {
    expect(issueAt(invalid(edit(CLOSED, 'start: 2025-04-01', 'start: 2025-04-15')), 'time.start').message).toBe('the start must be the first day of a month');
    const yearly = issueAt(invalid(edit(CLOSED, 'start: 2025-04-01', 'start: 2025-01-01')), 'time.start');
    expect(yearly.message).toContain('a yearly model must start at the start of a financial year');
    expect(yearly.expected).toBe('1 April');
    const quarterly = issueAt(invalid(edit(edit(CLOSED, 'step: year', 'step: quarter'), 'start: 2025-04-01', 'start: 2025-05-01')), 'time.start');
    expect(quarterly.expected).toBe('1 April, 1 July, 1 October or 1 January');
  });

  it('accepts a monthly model starting in any month', () => {
    expect(parseModel(edit(edit(CLOSED, 'step: year', 'step: month'), 'start: 2025-04-01', 'start: 2025-09-01'), FILE).time.start).toBe('2025-09-01');
  });

  it('refuses a step that is not month, quarter or year', () => {
    const i = issueAt(invalid(edit(CLOSED, 'step: year', 'step: fortnight')), 'time.step');
    expect(i.location).toEqual({ file: FILE, line: 5, column: 3 });
    expect(i.message).toBe("'fortnight' is not allowed");
    expect(i.expected).toBe('one of month, quarter, year');
  });
});

describe('fields', () => {
  it('reports an unknown field (a typo) at its line, and the field it replaced as missing', () => {
    const err = invalid(edit(CLOSED, 'horizon_years: 5', 'horizon_year: 5'));
    const typo = issueAt(err, 'time.horizon_year');
    expect(typo.location).toEqual({ file: FILE, line: 6, column: 3 });
    expect(typo.message).toBe("unknown field 'horizon_year'");
    expect(typo.expected).toContain('check the spelling');
    const missing = issueAt(err, 'time.horizon_years');
    expect(missing.location).toEqual({ file: FILE, line: 3, column: 1 });
    expect(missing.message).toBe('is missing');
    expect(err.issues).toHaveLength(2);
  });

  it('reports an unknown field inside a flow map at the key', () => {
    const i = issueAt(invalid(edit(CLOSED, 'absorbing: true', 'absorbed: true')), 'states[3].absorbed');
    expect(i.location).toEqual({ file: FILE, line: 11, column: 17 });
  });

  it('reports a missing required field', () => {
    const i = issueAt(invalid(edit(CLOSED, 'name: Bad model\n', '')), 'name');
    expect(i.location).toEqual({ file: FILE, line: 1, column: 1 });
    expect(i.message).toBe('is missing');
    expect(i.expected).toBe('a string');
  });

  it('reports a missing field with a fixed set of values (time.step) as missing', () => {
    const i = issueAt(invalid(edit(CLOSED, '  step: year\n', '')), 'time.step');
    expect(i.location.line).toBe(3);
    expect(i.message).toBe('is missing');
  });

  it('reports a missing field of several possible forms (initial) as missing', () => {
    const text = CLOSED.replace(/initial:\n(  .*\n)+/, '');
    const i = issueAt(invalid(text), 'initial');
    expect(i.message).toBe('is missing');
  });

  it('refuses a format version other than 1', () => {
    const i = issueAt(invalid(edit(CLOSED, 'carecast: 1', 'carecast: 2')), 'carecast');
    expect(i.location).toEqual({ file: FILE, line: 1, column: 1 });
    expect(i.expected).toBe('carecast: 1');
  });

  it('lists several problems in one file at once', () => {
    let text = edit(CLOSED, 'start: 2025-04-01', 'start: 2025-13-01'); // line 4: cross-check
    text = edit(text, 'home: { cin: 0.05 }', 'home: { cin: 1.5 }'); //   line 16: schema
    text = edit(text, '  cin: 50', '  cin: -50'); //                     line 21: schema
    text = edit(text, 'cin: { per_week: 170 }', 'cin: { per_week: 170, per_year: 8000 }'); // line 25
    text = edit(text, '    cic: { per_week: 2100 }', '    cla: { per_week: 2100 }'); //      line 26
    const err = invalid(text);
    expect(err.code).toBe('MODEL_INVALID');
    expect(err.message).toBe('models/bad.yaml: 5 problems in the model');
    expect(err.issues.map((i) => `${i.location.line} ${i.path}`).sort((a, b) => parseInt(a) - parseInt(b))).toEqual([
      '4 time.start',
      '16 transitions.matrices[0].rows.home.cin',
      '21 initial.cin',
      '25 values.costs.cin',
      '26 values.costs.cla',
    ]);
  });

  it('gives the code MATRIX_NOT_STOCHASTIC only when every problem is a row sum; mixed problems are MODEL_INVALID', () => {
    const rowOnly = edit(CLOSED, 'left: 0.04 }', 'left: 0.14 }');
    expect(invalid(rowOnly).code).toBe('MATRIX_NOT_STOCHASTIC');
    const mixed = edit(rowOnly, '  cic: 20', '  cpp: 20');
    const err = invalid(mixed);
    expect(err.code).toBe('MODEL_INVALID');
    expect(issueAt(err, 'initial.cpp').location.line).toBe(22);
  });
});

describe('YAML syntax', () => {
  it('reports a syntax error with its line, before any field is checked', () => {
    const err = invalid(edit(CLOSED, 'horizon_years: 5', 'horizon_years 5'));
    expect(err.code).toBe('MODEL_INVALID');
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0].location).toEqual({ file: FILE, line: 6, column: 3 });
    expect(err.issues[0].path).toBe('');
    expect(err.issues[0].message).toMatch(/^YAML: /);
  });

  it('reports tabs used for indentation and a key given twice', () => {
    expect(invalid(edit(CLOSED, '  horizon_years: 5', '\thorizon_years: 5')).issues[0]).toMatchObject({ location: { line: 6 }, message: 'YAML: Tabs are not allowed as indentation' });
    expect(invalid(edit(CLOSED, '  cic: 20\n', '  cic: 20\n  cin: 5\n')).issues[0]).toMatchObject({ location: { line: 23, column: 3 }, message: 'YAML: Map keys must be unique' });
  });

  it('reports a flow map left open on the line after it opens, where the parser notices', () => {
    const err = invalid(edit(CLOSED, 'home: { cin: 0.05 }', 'home: { cin: 0.05'));
    expect(err.issues[0].location).toEqual({ file: FILE, line: 17, column: 9 });
    expect(err.issues[0].message).toContain('end with a }');
  });
});

describe('files the model names', () => {
  const dir = mkdtempSync(join(tmpdir(), 'carecast-validation-'));
  const model = join(dir, 'model.yaml');
  const write = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  /** The aged model with `initial:` (line 24) replaced by `initial` and `tail` appended. */
  const withInitial = (initial: string, tail = '') => AGED.replace(/initial:[\s\S]*$/, `initial: ${initial}\n`) + tail;
  /** Population rows for ages 0-18 and the given mid-years, in order (line 2 is age 0 of the first year). */
  const populationCsv = (years: number[], cell: (age: number, year: number) => string = () => '1000', header = 'age,mid_year,population') => {
    const lines = [header];
    for (const y of years) for (let age = 0; age <= 18; age++) lines.push(`${age},${y},${cell(age, y)}`);
    return lines.join('\n') + '\n';
  };
  const years = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);
  /** Lines 24-27: initial, population, entry_state, projection. */
  const projection = (file: string, extra = '') =>
    withInitial('{ cin: { 0-4: 10, 5-17: 30 } }', `population:\n  entry_state: home\n  projection: { file: ${file}${extra} }\n`);

  it('reads an initial stock CSV (state, age_band, children)', () => {
    write('initial-ok.csv', 'state,age_band,children\nhome,0-4,300\nhome,5-17,"1,000"\ncin,0-4,10\ncin,5-17,30\n');
    expect(parseModel(withInitial('{ file: initial-ok.csv }'), model).initial).toEqual([[300, 10, 0], [1000, 30, 0]]);
  });

  it('refuses a state and band given twice in the initial stock CSV, naming both lines (rows are not added together)', () => {
    const csv = write('initial-twice.csv', 'state,age_band,children\nhome,0-4,300\nhome,5-17,1000\ncin,0-4,10\ncin,5-17,20\ncin,5-17,10\nhome,00-04,1\n');
    expect(invalid(withInitial('{ file: initial-twice.csv }'), model).issues).toEqual([
      { location: { file: csv, line: 6 }, path: 'age_band', message: 'state cin, ages 5-17 appears twice (first on line 5)', expected: 'one row per state and age band' },
      { location: { file: csv, line: 7 }, path: 'age_band', message: 'state home, ages 00-04 appears twice (first on line 2)', expected: 'one row per state and age band' },
    ]);
  });

  it('names the CSV file and line of a bad number in the initial stock, every one', () => {
    const csv = write('initial-bad.csv', 'state,age_band,children\nhome,0-4,300\nhome,5-17,lots\ncin,0-4,-10\ncin,5-17,30\n');
    const err = invalid(withInitial('{ file: initial-bad.csv }'), model);
    expect(err.issues).toHaveLength(2);
    expect(err.issues[0]).toEqual({
      location: { file: csv, line: 3 },
      path: 'children',
      message: "'lots' is not a non-negative number",
      expected: 'a number such as 1234 or 1234.5',
    });
    expect(err.issues[1]).toMatchObject({ location: { file: csv, line: 4 }, path: 'children', message: "'-10' is not a non-negative number" });
    expect(formatIssue(err.issues[0])).toBe(`${csv}:3  children: 'lots' is not a non-negative number (expected a number such as 1234 or 1234.5)`);
  });

  it('names the CSV line of an unknown state or band in the initial stock', () => {
    const csv = write('initial-ids.csv', 'state,age_band,children\nhome,0-4,300\ncla,5-17,700\ncin,0-9,10\ncin,5-17,30\n');
    const err = invalid(withInitial('{ file: initial-ids.csv }'), model);
    expect(err.issues).toEqual([
      { location: { file: csv, line: 3 }, path: 'state', message: "unknown state 'cla'", expected: 'one of home, cin, aged_18' },
      { location: { file: csv, line: 4 }, path: 'age_band', message: "unknown age band '0-9'", expected: 'one of 0-4, 5-17' },
    ]);
  });

  it('names a missing column of the initial stock CSV', () => {
    const csv = write('initial-cols.csv', 'state,band,children\nhome,0-4,300\n');
    expect(invalid(withInitial('{ file: initial-cols.csv }'), model).issues).toEqual([
      { location: { file: csv, line: 1 }, path: 'age_band', message: "column 'age_band' is missing", expected: 'a header with state, age_band, children' },
    ]);
  });

  it('names a CSV file that cannot be parsed', () => {
    const csv = write('initial-quote.csv', 'state,age_band,children\nhome,0-4,300\n"home,5-17,700\ncin,0-4,10\n');
    const err = invalid(withInitial('{ file: initial-quote.csv }'), model);
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0].location.file).toBe(csv);
    expect(err.issues[0].message).toMatch(/quote/i);
  });

  it('says clearly that an initial stock file does not exist, where it was looked for and where it is named', () => {
    const err = invalid(withInitial('{ file: nowhere.csv }'), model);
    const i = issueAt(err, 'initial.file');
    expect(i.location).toEqual({ file: model, line: 24, column: 12 });
    expect(i.message).toBe(`file not found: ${join(dir, 'nowhere.csv')} (named in ${model})`);
    expect(i.expected).toBe('an existing file, relative to the model file');
  });

  it('says clearly that the model file itself does not exist', () => {
    expect(() => loadModel(join(dir, 'no-model.yaml'))).toThrow(InputNotFoundError);
    try {
      loadModel(join(dir, 'no-model.yaml'));
    } catch (err) {
      expect((err as CarecastError).code).toBe('INPUT_NOT_FOUND');
      expect((err as CarecastError).exitCode).toBe(2);
      expect((err as Error).message).toBe(`file not found: ${join(dir, 'no-model.yaml')}`);
    }
  });

  it('reads a population projection and derives the entry state stock as population minus the other states', () => {
    write('pop-ok.csv', populationCsv(years(2024, 2031)));
    const m = parseModel(projection('pop-ok.csv'), model);
    // 5 ages × 1,000 in 0-4 and 13 × 1,000 in 5-17 (age 18 is ignored); home = population − cin.
    expect(m.initial).toEqual([[4990, 10, 0], [12970, 30, 0]]);
    // `year` is accepted for `mid_year`.
    write('pop-year.csv', populationCsv(years(2024, 2031), undefined, 'age,year,population'));
    expect(parseModel(projection('pop-year.csv'), model).initial).toEqual(m.initial);
  });

  it('names the CSV file and line of a bad number in the population projection', () => {
    // Year 2024: age 0 on line 2, so age 3 on line 5.
    const csv = write('pop-bad.csv', populationCsv(years(2024, 2031), (age, y) => (age === 3 && y === 2024 ? 'n/a' : '1000')));
    expect(invalid(projection('pop-bad.csv'), model).issues).toEqual([
      { location: { file: csv, line: 5 }, path: 'population', message: "'n/a' is not a non-negative number", expected: 'a number such as 1234 or 1234.5' },
    ]);
  });

  it('says clearly that a population projection file does not exist', () => {
    const i = issueAt(invalid(projection('pop-none.csv'), model), 'population.projection.file');
    expect(i.location).toEqual({ file: model, line: 27, column: 17 });
    expect(i.message).toBe(`file not found: ${join(dir, 'pop-none.csv')} (named in ${model})`);
  });

  it('names a missing column of the population projection', () => {
    const csv = write('pop-cols.csv', 'age,mid_year,people\n0,2024,1000\n');
    expect(invalid(projection('pop-cols.csv'), model).issues).toEqual([
      { location: { file: csv, line: 1 }, path: 'population', message: "column 'population' is missing", expected: 'a header with age, mid_year, population' },
    ]);
  });

  it('refuses a projection that does not span the start and the horizon', () => {
    // Start 2025-04-01 needs mid-2024; the horizon 2030-04-01 needs mid-2030.
    write('pop-short.csv', populationCsv(years(2024, 2028)));
    const i = issueAt(invalid(projection('pop-short.csv'), model), 'population.projection.file');
    expect(i.message).toBe('the projection covers mid-2024 to mid-2028');
    expect(i.expected).toBe('mid-years from 2024 to 2030 to span 5 years from 2025-04-01');
  });

  it('refuses a projection of several areas unless `area` names one', () => {
    const rows = (code: string) => populationCsv(years(2024, 2031)).split('\n').slice(1).filter(Boolean).map((l) => `${code},${l}`);
    write('pop-areas.csv', ['la_code,age,mid_year,population', ...rows('E06000001'), ...rows('E06000002')].join('\n') + '\n');
    const i = issueAt(invalid(projection('pop-areas.csv'), model), 'population.projection');
    expect(i.message).toBe('the file holds 2 areas (E06000001, E06000002…)');
    expect(i.expected).toBe('area: the la_code to use');
    expect(parseModel(projection('pop-areas.csv', ', area: E06000002'), model).population?.kind).toBe('projection');
    expect(issueAt(invalid(projection('pop-areas.csv', ', area: E09000001'), model), 'population.projection').message).toContain('no rows for area E09000001');
  });

  it('refuses other states holding more children than the projected population', () => {
    write('pop-small.csv', populationCsv(years(2024, 2031), (age) => (age <= 4 ? '1' : '1000')));
    // Pointed at the number (the largest stock of the band), not at the `initial:` key.
    const i = issueAt(invalid(projection('pop-small.csv'), model), 'initial.cin.0-4');
    expect(i.location).toEqual({ file: model, line: 24, column: 19 });
    expect(i.message).toBe('ages 0-4: the other states hold 10 children (cin the most, 10), more than the projected population of 5');
  });

  it('lists problems in a CSV file together with a schema error elsewhere in the model', () => {
    // load.ts crossChecksOfValidSections drops located (CSV) issues whenever the schema failed, so
    // the analyst sees the CSV problems only after fixing the typo.
    write('initial-bad2.csv', 'state,age_band,children\nhome,0-4,300\nhome,5-17,lots\ncin,0-4,10\ncin,5-17,30\n');
    const err = invalid(edit(withInitial('{ file: initial-bad2.csv }'), 'horizon_years: 5', 'horizon_years: 5\n  horizon_yaers: 5'), model);
    expect(err.issues.map((i) => i.path).sort()).toEqual(['children', 'time.horizon_yaers']);
  });
});

describe('the uncertainty section', () => {
  // Appended to CLOSED, whose last line is 26.
  const withUncertainty = (lines: string[]) => CLOSED + ['uncertainty:', ...lines].join('\n') + '\n'; // 'uncertainty:' is line 27

  it('accepts Dirichlet rows, a beta probability, cost factors and growth', () => {
    const m = parseModel(
      withUncertainty([
        '  transitions:', //                                     28
        '    - { rows: [cin, cic], sample_size: 500 }', //       29
        '  probabilities:', //                                   30
        '    - { from: home, to: cin, distribution: beta, sd: 0.01 }', // 31
        '  costs:', //                                           32
        '    cic: { distribution: gamma, cv: 0.1 }', //          33
        '  population_growth: { distribution: normal, sd: 0.003 }', // 34
      ]),
      FILE,
    );
    expect(m.uncertainty.rows.map((r) => r.label)).toEqual(['moves out of cin', 'moves out of cic']);
    // α = 500 × the cin row (home 0.3, cic 0.05, left 0.01, stay 0.64)
    expect(Array.from(m.uncertainty.rows[0].alpha)).toEqual([150, 320, 25, 5]);
    expect(m.uncertainty.probabilities[0].distribution).toMatchObject({ kind: 'beta' });
    expect(m.uncertainty.costs[0].distribution).toMatchObject({ kind: 'gamma' });
  });

  it('refuses a distribution a field does not offer, a spread that cannot be, and an unknown row, each located', () => {
    const err = invalid(
      withUncertainty([
        '  transitions:', //                                     28
        '    - { rows: [cin, cla], sample_size: 500 }', //       29
        '  probabilities:', //                                   30
        '    - { from: home, to: cin, distribution: beta, sd: 0.5 }', // 31
        '  costs:', //                                           32
        '    cic: { distribution: beta, sd: 0.1 }', //           33
      ]),
    );
    expect(issueAt(err, 'uncertainty.transitions[0].rows[1]')).toMatchObject({ location: { line: 29 }, message: "unknown state 'cla'" });
    expect(issueAt(err, 'uncertainty.probabilities[0]')).toMatchObject({ location: { line: 31 }, message: 'sd 0.5 is too large for a mean of 0.05' });
    expect(issueAt(err, 'uncertainty.costs.cic.distribution').message).toBe("'beta' is not offered here");
  });

  it('refuses sample sizes on annual rows that are converted to monthly ones', () => {
    const annual = edit(edit(CLOSED, '  step: year', '  step: month'), '  per: step', '  per: year');
    const err = invalid(annual + 'uncertainty:\n  transitions:\n    - { rows: cin, sample_size: 100 }\n');
    expect(issueAt(err, 'uncertainty.transitions[0].sample_size').message).toContain('draws are made on per-step rows');
  });
});
