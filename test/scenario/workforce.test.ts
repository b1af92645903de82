/**
 * Scenario workforce changes on the worked example of test/engine/workforce.test.ts: 1,000
 * children at 0.1 FTE each (100 FTE needed), 80 permanent FTE, establishment 100, turnover 15%,
 * 10 recruited a year, £50,000 an FTE, agency premium 40%; yearly steps counted on the start stock.
 */
import { describe, expect, it } from 'vitest';
import { ScenarioInvalidError } from '../../src/errors.js';
import { project } from '../../src/engine/project.js';
import { parseScenario } from '../../src/scenario/load.js';
import { compareScenarios, projectScenario } from '../../src/scenario/project.js';
import { dedent, edit, expectClose, yamlModel } from '../helpers.js';
import { WORKFORCE_MODEL } from '../engine/workforce-model.js';

const MODEL = WORKFORCE_MODEL;
const model = (text = MODEL) => yamlModel(text);
const scenario = (body: string) => parseScenario(dedent(`carecast: 1\nscenario: test\n${body}`), '/tmp/scenario.yaml');
const run = async (body: string) => (await projectScenario(model(), scenario(body))).workforce![0];

describe('a scenario changes the workforce', () => {
  it('caseloads 20% lower: 100 / 0.8 = 125 FTE needed, agency 125 - 80 = 45 in year 1', async () => {
    // Posts stay at 100, so vacancies are 100 - 80 = 20; the 25 FTE above the posts are agency too.
    // Agency cost year 1: 45 × 50,000 × 1.4 = £3,150,000.
    const w = await run('workforce: [{ caseload_multiply: 0.8 }]');
    expectClose(w.needed[0], 125, 1e-12, 'needed');
    expectClose(w.agency[0], 45, 1e-12, 'agency');
    expectClose(w.vacancies[0], 20, 1e-12, 'vacancies');
    expectClose(w.agencyCost[0], 3_150_000, 1e-12, 'agency cost');
  });

  it('the caseload change scales the FTE measure everywhere it is reported', async () => {
    const base = await project(model());
    const p = await projectScenario(model(), scenario('workforce: [{ measure: sw_fte, caseload_multiply: 0.8 }]'));
    const sum = (a: Float64Array) => a.reduce((t, v) => t + v, 0);
    expectClose(sum(p.result.measures), sum(base.result.measures) / 0.8, 1e-12, 'FTE-years');
  });

  it('recruitment 20 a year from April 2026: year 2 hires 20, so year 3 has 86.3 permanent and 13.7 agency', async () => {
    // year 1 as the model: 80 - 12 + 10 = 78. year 2: 78 - 11.7 + 20 = 86.3 (room 100 - 66.3 = 33.7).
    const w = await run('workforce: [{ recruitment: 20, start: 2026-04-01 }]');
    expectClose(w.recruited[0], 10, 1e-12, 'recruited, year 1');
    expectClose(w.recruited[1], 20, 1e-12, 'recruited, year 2');
    expectClose(w.permanent[2], 86.3, 1e-12, 'permanent, year 3');
    expectClose(w.agency[2], 13.7, 1e-12, 'agency, year 3');
  });

  it('an agency cap of 10% of need: 10 agency FTE, the other 10 of the gap unfilled', async () => {
    const w = await run('workforce: [{ agency_cap: 0.1 }]');
    expectClose(w.agency[0], 10, 1e-12, 'agency');
    expectClose(w.unfilled[0], 10, 1e-12, 'unfilled');
    expectClose(w.agencyCost[0], 10 * 50_000 * 1.4, 1e-12, 'agency cost');
  });

  it('a premium of 20% (e.g. a regional price cap): 20 × 50,000 × 1.2 = £1,200,000, premium £200,000', async () => {
    const w = await run('workforce: [{ agency_premium: 0.2 }]');
    expectClose(w.agencyCost[0], 1_200_000, 1e-12, 'agency cost');
    expectClose(w.premiumCost[0], 200_000, 1e-12, 'premium');
  });

  it('phases a caseload change in over 12 monthly steps: the year takes the mean factor', async () => {
    // Monthly weights 0, 1/12, …, 11/12 (mean 5.5/12); caseload × 0.5 doubles FTE per child at full
    // effect, so year 1's factor is 1 + 1 × 5.5/12 = 1.458333…: 100 × 1.458333 = 145.8333 FTE needed.
    const monthly = model(edit(MODEL, 'step: year', 'step: month'));
    const p = await projectScenario(monthly, scenario('workforce: [{ caseload_multiply: 0.5, phase_in_months: 12 }]'));
    expectClose(p.workforce![0].needed[0], 100 * (1 + 5.5 / 12), 1e-12, 'needed, year 1');
    expectClose(p.workforce![0].needed[1], 200, 1e-12, 'needed, year 2');
  });

  it('does not change the cost of services, so net saving is unchanged', async () => {
    const cmp = await compareScenarios(model(), [scenario('workforce: [{ caseload_multiply: 0.8 }]')]);
    expect(Array.from(cmp.runs[0].projection.result.cost)).toEqual(Array.from(cmp.baseline.result.cost));
  });
});

describe('a bad workforce change is refused, located', () => {
  const refused = async (body: string, text = MODEL) => {
    try {
      await projectScenario(model(text), scenario(body));
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioInvalidError);
      return (e as ScenarioInvalidError).issues;
    }
    return expect.fail('the scenario should be refused');
  };

  it('an unknown measure', async () => {
    const [i] = await refused('workforce: [{ measure: nurses, recruitment: 5 }]');
    expect(i).toMatchObject({ path: 'workforce[0].measure', message: "the model has no workforce for 'nurses'", expected: 'one of sw_fte' });
    expect(i.location).toMatchObject({ file: '/tmp/scenario.yaml', line: 3 });
  });

  it('a model with no workforce', async () => {
    const [i] = await refused('workforce: [{ recruitment: 5 }]', MODEL.slice(0, MODEL.indexOf('  workforce:')));
    expect(i.message).toBe('the model /tmp/x.yaml has no workforce section to change');
  });

  it('a change that changes nothing, and a second change to the same workforce', () => {
    let issues: ScenarioInvalidError['issues'] = [];
    try {
      scenario('workforce: [{ measure: sw_fte }, { measure: sw_fte, recruitment: 3 }]');
    } catch (e) {
      issues = (e as ScenarioInvalidError).issues;
    }
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['workforce[0]', 'the workforce change changes nothing'],
      ['workforce[1].measure', "a second change to the workforce of 'sw_fte'"],
    ]);
  });

  it('a negative caseload factor or a cap above 1 (schema)', () => {
    expect(() => scenario('workforce: [{ caseload_multiply: -1 }]')).toThrow(ScenarioInvalidError);
    expect(() => scenario('workforce: [{ agency_cap: 1.5 }]')).toThrow(ScenarioInvalidError);
  });
});

describe('the library scenario social-work-caseloads.yaml on the example council', () => {
  it('needs 1 / 0.92 times the FTE once in full, and leaves the cost of services alone', async () => {
    const { loadModel } = await import('../../src/model/load.js');
    const { loadScenario } = await import('../../src/scenario/load.js');
    const example = loadModel('models/example.yaml');
    const cmp = await compareScenarios(example, [loadScenario('scenarios/social-work-caseloads.yaml')], { years: 5 });
    const base = cmp.baseline.workforce![0];
    const w = cmp.runs[0].projection.workforce![0];
    // 2025/26 is before the start; 2027/28 onwards the change is in full.
    expectClose(w.needed[0], base.needed[0], 1e-12, '2025/26');
    expectClose(w.needed[2], base.needed[2] / 0.92, 1e-12, '2027/28');
    expect(Array.from(cmp.runs[0].projection.result.cost)).toEqual(Array.from(cmp.baseline.result.cost));
  });
});
