/**
 * "Did you mean …?" in model and scenario files: a misspelt state, band or placement type gets
 * the close match where there is one, and a scenario written for another model gets one line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { edit } from '../helpers.js';
import { ModelInvalidError, ScenarioInvalidError } from '../../src/errors.js';
import { withBandSuggestion } from '../../src/model/bands.js';
import { loadModel, parseModel } from '../../src/model/load.js';
import { parseScenario } from '../../src/scenario/load.js';
import { resolveScenario } from '../../src/scenario/resolve.js';

const model = loadModel('models/example.yaml');
const BANDS = model.ages!.bands; // 0-4, 5-9, 10-15, 16-17
// The scenario below changes the cost of a placement type (costs[].type), which needs a care
// state whose cost is a mix: the example council before care was split into placement states.
const singleCare = loadModel('test/fixtures/single-care.yaml');

/** The messages of resolving scenario `text` against the single-care model. */
function scenarioMessages(text: string): string[] {
  try {
    resolveScenario(parseScenario(text, 'scenarios/x.yaml'), singleCare);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioInvalidError);
    return (e as ScenarioInvalidError).issues.map((i) => i.message);
  }
  return expect.fail('the scenario should be refused');
}

const SCENARIO = 'carecast: 1\nscenario: T\nchanges:\n  - { from: early_help, to: [cin, cpp], relative_risk: 0.8, ages: 0-4 }\ncosts:\n  - { state: cic, type: residential, multiply: 0.9 }\n';

describe('in scenario files', () => {
  it.each([
    ['from: early_help', 'from: earlyhelp', "unknown state 'earlyhelp': did you mean 'early_help'?"],
    ['[cin, cpp]', '[cin, ccp]', "unknown state 'ccp': did you mean 'cpp'?"],
    ['state: cic', 'state: CIC', "unknown state 'CIC': did you mean 'cic'?"],
    ['type: residential', 'type: residental', "unknown placement type 'residental': did you mean 'residential'?"],
    ['ages: 0-4', 'ages: 0-3', "unknown age band '0-3': did you mean '0-4'?"],
    ['ages: 0-4', 'ages: 0-9', "unknown age band '0-9': did you mean [0-4, 5-9]?"],
  ])('%s written %s', (from, to, message) => {
    expect(scenarioMessages(edit(SCENARIO, from, to))).toEqual([message]);
  });

  it('offers nothing when no name is close', () => {
    expect(scenarioMessages(edit(SCENARIO, 'state: cic', 'state: adoption'))).toEqual(["unknown state 'adoption'"]);
  });

  it('says in one line that none of the states a scenario names is in the model', () => {
    const other = 'carecast: 1\nscenario: Other model\nchanges:\n  - { from: s1, to: s2, multiply: 0.9 }\n  - { from: s2, to: [s3, s4], multiply: 0.9 }\ncosts:\n  - { state: s3, multiply: 0.9 }\n';
    expect(scenarioMessages(other)).toEqual([`none of the states this scenario names (s1, s2, s3, s4) is in the model ${singleCare.file}`]);
  });
});

describe('in model files', () => {
  const text = loadModelText();
  it.each([
    ['  cpp: { 0-4: 173', '  cp: { 0-4: 173', "unknown state 'cp': did you mean 'cpp'?"],
    ['cin: { 0-4: 520, 5-9: 568', 'cin: { 0-4: 520, 5-8: 568', "unknown age band '5-8': did you mean '5-9'?"],
    ['  - { state: cic, ages: 16-17, per_year: 20 }', '  - { state: cic, ages: 16-16, per_year: 20 }', "unknown age band '16-16': did you mean '16-17'?"],
    ['  - { state: cic, ages: 16-17, per_year: 20 }', '  - { state: cci, ages: 16-17, per_year: 20 }', "unknown state 'cci': did you mean 'cic'?"],
  ])('%s written %s', (from, to, message) => {
    try {
      parseModel(edit(text, from, to), model.file);
      expect.fail('should refuse');
    } catch (e) {
      expect(e).toBeInstanceOf(ModelInvalidError);
      expect((e as ModelInvalidError).issues.map((i) => i.message)).toContain(message);
    }
  });
});

describe('withBandSuggestion', () => {
  it.each([
    ['5-8', "x: did you mean '5-9'?"], // within one band
    ['0-9', 'x: did you mean [0-4, 5-9]?'], // exactly two bands
    ['3-7', 'x'], // across bands, not along their edges
    ['O-4', "x: did you mean '0-4'?"], // not a band: by spelling
    ['teens', 'x'],
  ])('%s', (label, message) => {
    expect(withBandSuggestion('x', label, BANDS)).toBe(message);
  });
});

function loadModelText(): string {
  return readFileSync(model.file, 'utf8');
}
