/**
 * Duration bands (models/README.md, "durations"): a banded state is expanded into ordinary
 * sub-states, and results are read back by the model's own states and by band. Worked by hand:
 *
 * A child in care with two bands, under 12 months (leaving 5% a month) and 12 months or more (2%
 * a month), exact bands, 1,000 children starting at the start date: still in care after 12 months
 * 1000 × 0.95^12 = 540.360087662637, after 24 months 1000 × 0.95^12 × 0.98^12 = 424.029597627673;
 * leavers in year 1 are 1000 − 540.36, all under a year; leavers in year 2 all a year or more.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/engine/compile.js';
import { project } from '../../src/engine/project.js';
import { ModelInvalidError } from '../../src/errors.js';
import { dedent, edit, expectClose, yamlModel } from '../helpers.js';
import { COUNCIL, SURVIVAL } from './banded-models.js';
import { lengthOfStay } from '../../src/report/durations.js';


/** Issues of a model that must be refused, as `field: message` lines. */
function refusal(text: string): string {
  try {
    yamlModel(text);
  } catch (err) {
    if (err instanceof ModelInvalidError) return err.issues.map((i) => `${i.path}: ${i.message}`).join('\n');
    throw err;
  }
  throw new Error('the model was accepted');
}

describe('duration bands: the worked example', () => {
  it('gives the survival worked by hand, exactly: 1000 × 0.95^12 after a year, × 0.98^12 after two', async () => {
    const p = await project(yamlModel(SURVIVAL));
    const care = p.states.findIndex((s) => s.id === 'care');
    expect(p.states.map((s) => s.id)).toEqual(['care', 'home']);
    expectClose(p.result.stock[0 * 2 + care], 1000 * 0.95 ** 12, 1e-12, 'in care after 12 months');
    expectClose(p.result.stock[1 * 2 + care], 1000 * 0.95 ** 12 * 0.98 ** 12, 1e-12, 'in care after 24 months');
    expectClose(p.result.stock[2 * 2 + care], 1000 * 0.95 ** 12 * 0.98 ** 24, 1e-12, 'in care after 36 months');
    const d = p.durations![0];
    expect(d.bands.map((b) => b.label)).toEqual(['under 1 year', '1 year or more']);
    // Year 1: everyone still in care is just turning 12 months (in the 12+ band at 31 March).
    expectClose(d.stock[0], 0, 1e-12);
    expectClose(d.stock[1], 1000 * 0.95 ** 12, 1e-12);
    expectClose(d.leavers[0], 1000 - 1000 * 0.95 ** 12, 1e-12, 'leavers under a year');
    expectClose(d.leavers[2 + 1], 1000 * 0.95 ** 12 * (1 - 0.98 ** 12), 1e-12, 'leavers in year 2, a year or more');
  });

  it('counts no entry or exit when a child moves on to the next band', async () => {
    const p = await project(yamlModel(SURVIVAL));
    // Nobody enters care after the start; leaving is the only exit.
    // (0 to rounding: a sub-state's entries less the moves on from the one before.)
    for (let k = 0; k < 3; k++) expectClose(p.result.entries[k * 2], 0, 1e-12, `entries to care in year ${k + 1}`);
    expectClose(p.result.exits[0], 1000 - 1000 * 0.95 ** 12, 1e-12, 'exits in year 1');
    expectClose(p.result.entries[1], 1000 - 1000 * 0.95 ** 12, 1e-12, 'entries to home in year 1');
    // The band's entries: 540.36 reach "1 year or more" in year 1 (the 12th month's stayers).
    expectClose(p.durations![0].starts[1], 1000 * 0.95 ** 12, 1e-12);
  });

  it('gives the length of stay of leavers: in year 1 a leaver in month m+1 stayed m+1 months', async () => {
    const p = await project(yamlModel(SURVIVAL));
    // By hand: leavers in month m+1 are 1000 × 0.95^m × 0.05; mean = Σ (m+1) × that / Σ that.
    let n = 0;
    let months = 0;
    for (let m = 0; m < 12; m++) {
      const left = 1000 * 0.95 ** m * 0.05;
      n += left;
      months += left * (m + 1);
    }
    const los = lengthOfStay(p.durations![0], 0, 12);
    expectClose(los.leavers, n, 1e-12);
    expectClose(los.meanMonths, months / n, 1e-12);
    // Half of the 459.64 leavers have left by the end of month 6 (1000 × (1 − 0.95^6) = 264.9 > 229.8), not by month 5 (226.2).
    expect(los.medianMonths).toBe(6);
  });

  it('spreads a one-sub-state band: children move on with probability 1/width a step they stay', async () => {
    const p = await project(yamlModel(edit(SURVIVAL, 'exact: true', 'exact: false')));
    // By hand: band 1 holds a, band 2 b; each month a' = 0.95 × 11/12 × a, b' = 0.98 b + 0.95/12 a.
    let a = 1000;
    let b = 0;
    for (let m = 0; m < 12; m++) [a, b] = [0.95 * (11 / 12) * a, 0.98 * b + (0.95 / 12) * a];
    const d = p.durations![0];
    expectClose(d.stock[0], a, 1e-12, 'under a year after 12 months');
    expectClose(d.stock[1], b, 1e-12, 'a year or more after 12 months');
    expect(p.states.length).toBe(2);
  });

  it('spreads the start stock as a steady flow would, unless told', async () => {
    const steady = await compileModel(yamlModel(edit(SURVIVAL, 'initial: new', 'initial: steady')));
    // Exact bands: a steady flow of 1 a month leaves 0.95^t in month t of the first band and
    // 0.95^12 / 0.02 in the open band.
    const weights = [...Array.from({ length: 12 }, (_, t) => 0.95 ** t), 0.95 ** 12 / 0.02];
    const total = weights.reduce((s, w) => s + w, 0);
    weights.forEach((w, t) => expectClose(steady.plan.x0[t], (1000 * w) / total, 1e-12, `sub-state ${t}`));
    const shares = await compileModel(yamlModel(edit(SURVIVAL, 'initial: new', 'initial: { "0-12": 0.25, "12+": 0.75 }')));
    expectClose(shares.plan.x0[12], 750, 1e-12);
    expectClose(shares.plan.x0[0], (250 * 1) / weights.slice(0, 12).reduce((s, w) => s + w, 0), 1e-12);
  });
});

describe('duration bands: what the expanded model is', () => {
  it('names the sub-states, and makes the state and each band a group', () => {
    const m = yamlModel(edit(SURVIVAL, 'exact: true', 'exact: false'));
    expect(m.states.map((s) => s.id)).toEqual(['care_m0_12', 'care_m12_up', 'home']);
    expect(m.groups.map((g) => [g.id, g.states])).toEqual([
      ['care', ['care_m0_12', 'care_m12_up']],
      ['care_m0_12', ['care_m0_12']],
      ['care_m12_up', ['care_m12_up']],
    ]);
    const exact = yamlModel(SURVIVAL);
    expect(exact.states.length).toBe(14);
    expect(exact.states[3]).toEqual({ id: 'care_m0_12_3', label: 'In care: under 1 year, month 4', absorbing: false });
  });

  it('refuses what the engine cannot split, with a sentence', () => {
    const text = dedent(SURVIVAL);
    expect(refusal(edit(text, 'per: step', 'per: year'))).toMatch(/transitions.per: duration bands count steps/);
    expect(refusal(edit(text, '"12+": { home: 0.02 }', '"12-24": { home: 0.02 }'))).toMatch(/'12-24' is not one of the bands of 'care'/);
    expect(refusal(edit(text, 'bands: [12]', 'bands: [12, 6]'))).toMatch(/band ends must rise/);
    expect(refusal(edit(text, 'initial: new', 'initial: { "0-12": 0.5 }'))).toMatch(/add up to 0.5, not 1/);
    expect(refusal(edit(text, '  care:\n    bands', '  home:\n    bands'))).toMatch(/'home' is absorbing/);
    const agency = edit(edit(text, '  - { id: home, label: Gone home, absorbing: true }', '  - { id: home, label: Gone home, absorbing: true }\n  - { id: agency, label: Agency }'), 'care: { home: 0.03 }', 'care: { home: 0.03 }\n        agency: { home: 0.03 }');
    expect(refusal(`${agency}capacity:\n  care: { places: 2000, overflow: agency }\n`)).toMatch(/'care' has duration bands, so a capacity limit on it/);
    expect(refusal(edit(text, '      "12+": { home: 0.02 }', '    factor: { "12+": 40 }'))).toMatch(/in band 12\+, the moves out of 'care' add up to 1.2, more than 1/);
  });
});


describe('duration bands: invisible when every band has the state’s own rates', () => {
  for (const exact of [false, true]) {
    it(`${exact ? 'exact' : 'one-sub-state'} bands on a plan and on care leave every figure as it was`, async () => {
      const plain = await project(yamlModel(COUNCIL));
      const banded = await project(yamlModel(`${COUNCIL}durations:\n  cpp: { bands: [3, 12, 24], exact: ${exact}, initial: new }\n  care: { bands: [6, 12, 24, 60], exact: ${exact} }\n`));
      expect(banded.states).toEqual(plain.states);
      expect(banded.groups).toEqual(plain.groups);
      for (const key of ['stock', 'entries', 'exits', 'cost', 'costDiscounted', 'measures', 'flows', 'flowCost', 'population'] as const) {
        const a = plain.result[key];
        const b = banded.result[key];
        expect(b.length).toBe(a.length);
        a.forEach((v, i) => expectClose(b[i], v, 1e-9, `${key}[${i}]`));
      }
      // Per band: children add up to the state's, leavers to its exits.
      for (const d of banded.durations!) {
        const s = banded.states.findIndex((x) => x.id === d.state);
        const nk = d.bands.length;
        banded.periods.forEach((_, k) => {
          let stock = 0;
          let exits = 0;
          banded.bands.forEach((_, b) => {
            stock += banded.result.stock[(k * 2 + b) * 6 + s];
            exits += banded.result.exits[(k * 2 + b) * 6 + s];
          });
          expectClose(d.stock.subarray(k * nk, (k + 1) * nk).reduce((t, v) => t + v, 0), stock, 1e-9);
          expectClose(d.leavers.subarray(k * nk, (k + 1) * nk).reduce((t, v) => t + v, 0), exits, 1e-9);
        });
      }
    });
  }
});
