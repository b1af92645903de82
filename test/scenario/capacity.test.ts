/**
 * Scenario capacity changes: carers recruited (with attrition, a cost per recruit and support per
 * extra household held) and places opened, their programme cost, and a saving that comes only
 * from children who move into places that exist. Numbers by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/engine/compile.js';
import { parseScenario } from '../../src/scenario/load.js';
import { projectScenario } from '../../src/scenario/project.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { capacityPlan } from '../../src/scenario/capacity.js';
import { dedent, expectClose, reader, yamlModel } from '../helpers.js';
import { project } from '../../src/engine/project.js';

/** 15 children waiting all move into `home` (10 places, £100 a year) in year 1; the rest go to `agency` (£300). */
const model = () =>
  yamlModel(`
    carecast: 1
    name: capacity
    time: { start: 2025-04-01, step: year, horizon_years: 3 }
    states: [{ id: wait }, { id: home }, { id: agency }, { id: out, absorbing: true }]
    transitions:
      per: step
      matrices:
        - rows:
            wait: { home: 1 }
            home: { out: 0.5 }
            agency: { out: 0.5 }
    initial: { wait: 15 }
    values:
      count: end
      costs:
        home: { per_year: 100 }
        agency: { per_year: 300 }
    capacity:
      home: { households: 5, places_per_household: 2, attrition_per_year: 0.1, overflow: agency }
  `);
const scenario = (body: string) => parseScenario(`carecast: 1\nscenario: more places\n${dedent(body)}\n`, '/tmp/capacity-scenario.yaml');

describe('recruiting carers', () => {
  it('adds households that leave at their attrition, and costs each recruit and each extra household held', async () => {
    // 20 households a year, 12% attrition, yearly steps, 2 places a household:
    // extra households 20, 20 × 0.88 + 20 = 37.6, 37.6 × 0.88 + 20 = 53.088;
    // cost: 20 × £8,000 = £160,000 a year, plus £2,500 × extra households at the end of the year:
    // £50,000, £94,000, £132,720.
    const m = model();
    const r = resolveScenario(scenario(`
      capacity:
        - { state: home, recruit_per_year: 20, attrition_per_year: 0.12, cost_per_recruit: 8000, support_per_year: 2500 }
    `), m);
    const { plan } = await compileModel(m);
    const { capPlaces, costByStep } = capacityPlan(m, plan, r.capacityChanges, 12);
    // The model's own places: 5 households × 0.9 a year × 2 = 9, 8.1, 7.29.
    [9 + 40, 8.1 + 75.2, 7.29 + 106.176].forEach((v, k) => expectClose(capPlaces[k], v, 1e-12, `places, year ${k + 1}`));
    [210000, 254000, 292720].forEach((v, k) => expectClose(costByStep[k], v, 1e-9, `cost, year ${k + 1}`));
  });

  it('stops recruiting at the end but keeps the recruits, leaving at their attrition', async () => {
    // Recruits only in 2025-26: 10 households; then 10 × 0.9 = 9, 8.1 (the capacity's 10% attrition).
    const m = model();
    const r = resolveScenario(scenario(`
      capacity:
        - { state: home, recruit_per_year: 10, end: 2026-03-31 }
    `), m);
    const { plan } = await compileModel(m);
    const { capPlaces } = capacityPlan(m, plan, r.capacityChanges, 12);
    [9 + 20, 8.1 + 18, 7.29 + 16.2].forEach((v, k) => expectClose(capPlaces[k], v, 1e-12, `places, year ${k + 1}`));
  });
});

describe('opening places', () => {
  it('saves only on the children who move into the new places, and counts the set-up cost once', async () => {
    // Baseline year 1: 10 places × (5 households × 0.9 × 2 = 9 at the end of the year): home 9,
    // agency 6. With 6 more places from the start: home takes all 15 (15 places), agency 0.
    // Saving in year 1 (count: end): 6 children × (£300 − £100) = £1,200; set-up £5,000 in year 1.
    const m = model();
    const s = scenario(`
      capacity:
        - { id: new_home, label: New home, state: home, places: 6, setup_cost: 5000 }
    `);
    const base = reader(await project(m));
    const p = await projectScenario(m, s);
    const r = reader(p);
    expectClose(base.stock(0, 'agency'), 6, 1e-12);
    expectClose(r.stock(0, 'home'), 15, 1e-12);
    expectClose(r.stock(0, 'agency'), 0, 1e-12);
    expectClose(base.cost(0) - r.cost(0), 1200, 1e-9);
    expect(p.programmes).toEqual([{ id: 'new_home', label: 'New home' }]);
    expectClose(p.result.programmeCost[0], 5000, 1e-9);
    expectClose(p.result.programmeCost[1], 0, 1e-9);
  });

  it('refuses a change to a state without a capacity, and one that adds nothing', () => {
    const m = model();
    expect(() => resolveScenario(scenario('capacity:\n  - { state: agency, places: 2 }'), m)).toThrow(/scenario/);
    try {
      resolveScenario(scenario('capacity:\n  - { state: agency, places: 2 }'), m);
    } catch (e) {
      expect((e as { issues: { message: string }[] }).issues[0].message).toBe("the model gives no capacity for 'agency'");
    }
    expect(() => scenario('capacity:\n  - { state: home }')).toThrow();
  });
});

describe('review mends', () => {
  it('adds opened and closed places before clamping at 0, so their order does not matter', async () => {
    // 10 places (9 at the end of year 1): − 20 then + 4, or + 4 then − 20: −7 either way, so 0.
    const m = model();
    const { plan } = await compileModel(m);
    const a = capacityPlan(m, plan, resolveScenario(scenario('capacity:\n  - { id: a, state: home, places: -20 }\n  - { id: b, state: home, places: 4 }'), m).capacityChanges, 12);
    const b = capacityPlan(m, plan, resolveScenario(scenario('capacity:\n  - { id: b, state: home, places: 4 }\n  - { id: a, state: home, places: -20 }'), m).capacityChanges, 12);
    expect(Array.from(a.capPlaces)).toEqual(Array.from(b.capPlaces));
    expect(a.capPlaces[0]).toBe(0);
    // + 2: 9 + 2 = 11 in year 1 whatever the order of a closure of 0.
    const c = capacityPlan(m, plan, resolveScenario(scenario('capacity:\n  - { id: a, state: home, places: -20, start: 2030-04-01 }\n  - { id: b, state: home, places: 2 }'), m).capacityChanges, 12);
    expect(c.capPlaces[0]).toBe(11);
  });

  it('gives programmes and capacity changes one id namespace', () => {
    const s = scenario('programmes:\n  - { id: x, fixed_per_year: 1 }\ncapacity:\n  - { id: x, state: home, places: 2 }');
    expect(() => resolveScenario(s, model())).toThrow(/scenario/);
  });
});

describe('changes to a group', () => {
  it('refuses set and add on the moves to a group (they would land once per state of the group)', async () => {
    const { loadModel } = await import('../../src/model/load.js');
    const m = loadModel('models/example.yaml');
    const s = scenario('changes:\n  - { from: cin, to: cic, set: 0.005 }');
    try {
      resolveScenario(s, m);
      expect.unreachable();
    } catch (e) {
      expect((e as { issues: { message: string }[] }).issues[0].message).toBe("set on the moves to group 'cic' would apply to each of its 8 states");
    }
    // multiply scales each state's move, so the split is kept: 0.005 × 1.5 in all.
    const r = resolveScenario(scenario('changes:\n  - { from: cin, to: cic, multiply: 1.5 }'), m);
    expect(r.rateChanges).toHaveLength(1);
    expect(r.rateChanges[0].to).toHaveLength(8);
  });

  it('reads from a placement state to the group as the moves to the other placement types', async () => {
    const { loadModel } = await import('../../src/model/load.js');
    const m = loadModel('models/example.yaml');
    const r = resolveScenario(scenario('changes:\n  - { from: ifa, to: cic, multiply: 0.5 }'), m);
    expect(r.rateChanges[0].to.map((j) => m.states[j].id)).not.toContain('ifa');
    expect(r.rateChanges[0].to).toHaveLength(7);
  });
});
