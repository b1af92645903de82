/**
 * The age range and leaving ages as a user writes them (src/model/build/age-range.ts): what is
 * read, and each mistake refused with the field it is in and what was expected. Line numbers
 * are counted by hand in the text below.
 */
import { describe, expect, it } from 'vitest';
import { edit, oneIssueAt, refusedModel } from '../helpers.js';
import { parseModel } from '../../src/model/load.js';

const FILE = 'models/leavers.yaml';

const LEAVERS = [
  'carecast: 1', //                                          1
  'name: Care leavers', //                                   2
  'time: { start: 2025-04-01, step: year, horizon_years: 2 }', // 3
  'states:', //                                              4
  '  - { id: home }', //                                     5
  '  - { id: cic }', //                                      6
  '  - { id: care_leaver }', //                              7
  '  - { id: aged_18, absorbing: true }', //                 8
  '  - { id: left, absorbing: true }', //                    9
  'ages:', //                                               10
  '  range: 0-24', //                                       11
  '  bands: [0-17, 18-20, 21-24]', //                       12
  '  age_out_to: left', //                                  13
  '  leave:', //                                            14
  '    home: { at: 18, to: aged_18 }', //                   15
  '    cic: { at: 18, to: care_leaver }', //                16
  '    care_leaver: { at: 21, to: left }', //               17
  'transitions:', //                                        18
  '  per: step', //                                         19
  '  matrices:', //                                         20
  '    - rows:', //                                         21
  '        home: { cic: 0.01 }', //                         22
  '        cic: { home: 0.1 }', //                          23
  '        care_leaver: {}', //                             24
  'initial:', //                                            25
  '  home: { 0-17: 1000 }', //                              26
  '  cic: { 0-17: 60 }', //                                 27
  '  care_leaver: { 18-20: 30 }', //                        28
].join('\n') + '\n';

const invalid = (text: string) => refusedModel(text, FILE);
const issueAt = oneIssueAt;

describe('ages.range and ages.leave', () => {
  it('reads the range, the bands over it and each state\'s leaving age', () => {
    const m = parseModel(LEAVERS, FILE);
    expect(m.ages!.range).toEqual({ from: 0, to: 24 });
    expect(m.ages!.bands.map((b) => b.label)).toEqual(['0-17', '18-20', '21-24']);
    expect(m.ages!.leaving).toEqual({ home: { age: 18, to: 'aged_18' }, cic: { age: 18, to: 'care_leaver' }, care_leaver: { age: 21, to: 'left' } });
    expect(m.populationBands).toBeUndefined();
  });

  it('keeps 0-17 and no leaving ages when the file gives neither (as before)', () => {
    let text = edit(edit(LEAVERS, "  range: 0-24\n", ''), '[0-17, 18-20, 21-24]', '[0-17]');
    text = edit(text, "  leave:\n    home: { at: 18, to: aged_18 }\n    cic: { at: 18, to: care_leaver }\n    care_leaver: { at: 21, to: left }\n", '');
    const m = parseModel(edit(text, "  care_leaver: { 18-20: 30 }\n", ''), FILE);
    expect(m.ages!.range).toBeUndefined();
    expect(m.ages!.leaving).toBeUndefined();
  });

  it('refuses bands that do not cover the range, saying which range', () => {
    const i = issueAt(invalid(edit(LEAVERS, '[0-17, 18-20, 21-24]', '[0-17, 18-20]')), 'ages.bands');
    expect(i.message).toBe('the bands must cover ages 0 to 24 in order: the bands end at 20, not at 24');
    expect(i.location.line).toBe(12);
  });

  it('tells a user with bands past 17 and no range how to state one', () => {
    const text = edit(LEAVERS, "  range: 0-24\n", '');
    const i = issueAt(invalid(text), 'ages.bands');
    expect(i.message).toBe('the bands must cover ages 0 to 17 in order: the bands end at 24, not at 17');
    expect(i.expected).toContain('range: 0-25');
  });

  it('refuses a leaving age that does not start a band', () => {
    const i = issueAt(invalid(edit(LEAVERS, 'care_leaver: { at: 21,', 'care_leaver: { at: 22,')), 'ages.leave.care_leaver.at');
    expect(i.message).toBe('no band starts at age 22');
    expect(i.expected).toBe('an age that starts a band: 18, 21');
    expect(i.location.line).toBe(17);
  });

  it('refuses a leaving age at the top of the range (that is age_out_to)', () => {
    const i = issueAt(invalid(edit(LEAVERS, 'care_leaver: { at: 21,', 'care_leaver: { at: 25,')), 'ages.leave.care_leaver.at');
    expect(i.message).toBe('children leave at 25, the top of the range, by age_out_to');
  });

  it('refuses an active target its children would already have left', () => {
    const text = edit(LEAVERS, 'care_leaver: { at: 21, to: left }', 'care_leaver: { at: 18, to: left }');
    const i = issueAt(invalid(text), 'ages.leave.cic.to');
    expect(i.message).toBe("children in 'cic' enter 'care_leaver' at 18, but 'care_leaver' is left at 18");
  });

  it('refuses a stock past the state\'s leaving age, pointing at it', () => {
    const i = issueAt(invalid(edit(LEAVERS, "  cic: { 0-17: 60 }", "  cic: { 0-17: 60, 18-20: 5 }")), 'initial.cic.18-20');
    expect(i.message).toBe("5 children in 'cic' aged 18-20, but its children leave at 18");
    expect(i.location.line).toBe(27);
  });

  it('refuses an unknown target state with a suggestion', () => {
    const i = issueAt(invalid(edit(LEAVERS, 'to: care_leaver }', 'to: care_leavers }')), 'ages.leave.cic.to');
    expect(i.message).toContain("unknown state 'care_leavers'");
  });
});

describe('population.ages', () => {
  const withPopulation = (ages: string) =>
    edit(LEAVERS, 'initial:\n', `population:\n  entry_state: home\n  ages: ${ages}\n  births: { 2025: 100, 2026: 100 }\ninitial:\n`);

  it('counts the youngest bands up to the one it ends with', () => {
    expect(parseModel(withPopulation('0-17'), FILE).populationBands).toBe(1);
    expect(parseModel(withPopulation('0-20'), FILE).populationBands).toBe(2);
  });

  it('refuses ages that do not end with a band', () => {
    const i = issueAt(invalid(withPopulation('0-16')), 'population.ages');
    expect(i.message).toBe("'0-16' is not ages from 0 to the end of a band");
  });
});
