/**
 * Rate changes on a row of a transition matrix, their timing, and their application to a
 * compiled plan. Every expected number is worked out by hand in the comment beside it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/engine/compile.js';
import { runPlan } from '../../src/engine/kernel.js';
import { applyRateChanges, type PlannedChange } from '../../src/scenario/apply-rates.js';
import { effectWeight } from '../../src/scenario/phase.js';
import { applyToRow, changedValue } from '../../src/scenario/rates.js';
import { yamlModel } from '../helpers.js';

const row = () => new Float64Array([0.7, 0.2, 0.1]); // from state 0: stay 0.7, to 1 0.2, to 2 0.1

describe('a change to one row; the stay probability absorbs it', () => {
  it('relative risk 0.5 on every move out of a 3-state row', () => {
    // hand: moves 0.2 × 0.5 = 0.1 and 0.1 × 0.5 = 0.05; stay 1 - 0.1 - 0.05 = 0.85
    const r = row();
    expect(applyToRow(r, 0, [1, 2], { kind: 'relative_risk', rr: 0.5 })).toBeNull();
    expect(Array.from(r)).toEqual([0.85, 0.1, 0.05].map((v) => expect.closeTo(v, 12)));
  });

  it('multiply, add and set on one move', () => {
    // hand: 0.1 × 0.8 = 0.08, stay 0.7 + 0.02 = 0.72
    const a = row();
    applyToRow(a, 0, [2], { kind: 'multiply', factor: 0.8 });
    expect(Array.from(a)).toEqual([0.72, 0.2, 0.08].map((v) => expect.closeTo(v, 12)));
    // hand: 0.2 + 0.05 = 0.25, stay 0.7 - 0.05 = 0.65
    const b = row();
    applyToRow(b, 0, [1], { kind: 'add', amount: 0.05 });
    expect(Array.from(b)).toEqual([0.65, 0.25, 0.1].map((v) => expect.closeTo(v, 12)));
    // hand: set 0.3, stay 0.7 - 0.1 = 0.6
    const c = row();
    applyToRow(c, 0, [1], { kind: 'set', value: 0.3 });
    expect(Array.from(c)).toEqual([0.6, 0.3, 0.1].map((v) => expect.closeTo(v, 12)));
  });

  it('refuses a change that leaves [0, 1] and leaves the row as it was; clips only when asked', () => {
    // hand: 0.2 × 5 = 1.0, but stay + move = 0.9 is all there is to take from.
    const r = row();
    const problem = applyToRow(r, 0, [1], { kind: 'multiply', factor: 5 });
    expect(problem?.value).toBeCloseTo(1.0, 12);
    expect(problem?.message).toMatch(/more than the 0\.9/);
    expect(Array.from(r)).toEqual([0.7, 0.2, 0.1]);
    // clipped: the move takes all of the stay: [0, 0.9, 0.1]
    expect(applyToRow(r, 0, [1], { kind: 'multiply', factor: 5 }, 1, true)).toBeNull();
    expect(Array.from(r)).toEqual([0, 0.9, 0.1].map((v) => expect.closeTo(v, 12)));
    // hand: 0.2 - 0.3 = -0.1 below 0; clipped to 0 with stay 0.9
    const s = row();
    expect(applyToRow(s, 0, [1], { kind: 'add', amount: -0.3 })?.message).toMatch(/below 0/);
    applyToRow(s, 0, [1], { kind: 'add', amount: -0.3 }, 1, true);
    expect(Array.from(s)).toEqual([0.9, 0, 0.1].map((v) => expect.closeTo(v, 12)));
  });

  it('keeps rows stochastic and non-negative for any change with clipping (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 6 }),
        fc.oneof(
          fc.record({ kind: fc.constant('multiply' as const), factor: fc.double({ min: 0, max: 10, noNaN: true }) }),
          fc.record({ kind: fc.constant('add' as const), amount: fc.double({ min: -1, max: 1, noNaN: true }) }),
          fc.record({ kind: fc.constant('set' as const), value: fc.double({ min: 0, max: 1, noNaN: true }) }),
          fc.record({ kind: fc.constant('relative_risk' as const), rr: fc.double({ min: 0, max: 10, noNaN: true }) }),
        ),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (raw, change, weight) => {
          const total = raw.reduce((a, v) => a + v, 0) || 1;
          const r = Float64Array.from(raw, (v) => v / total);
          const targets = Array.from({ length: r.length - 1 }, (_, j) => j + 1);
          expect(applyToRow(r, 0, targets, change, weight, true)).toBeNull();
          expect(Math.abs(r.reduce((a, v) => a + v, 0) - 1)).toBeLessThan(1e-9);
          for (const v of r) expect(v).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('timing: start, phase-in and end', () => {
  it('phases in linearly over 12 months: months 0, 6, 12, 18 give 0, 0.5, 1, 1', () => {
    const t = { startMonth: 0, phaseMonths: 12, endMonth: null };
    expect([0, 6, 12, 18].map((m) => effectWeight(t, m))).toEqual([0, 0.5, 1, 1]);
    // hand: relative risk 0.5 on a move of 0.2 at those weights: 0.2, 0.2 × 0.75 = 0.15, 0.1, 0.1
    expect([0, 6, 12, 18].map((m) => changedValue(0.2, { kind: 'relative_risk', rr: 0.5 }, effectWeight(t, m)))).toEqual(
      [0.2, 0.15, 0.1, 0.1].map((v) => expect.closeTo(v, 12)),
    );
  });

  it('starts late and ends: start month 6, 12 months phase, end month 18', () => {
    const t = { startMonth: 6, phaseMonths: 12, endMonth: 18 };
    // hand: month 0 before the start: 0; month 6: 0/12 = 0; month 12: 6/12 = 0.5; month 18: ended
    expect([0, 6, 12, 17, 18].map((m) => effectWeight(t, m))).toEqual([0, 0, 0.5, 11 / 12, 0]);
    expect(effectWeight({ startMonth: 3, phaseMonths: 0, endMonth: null }, 3)).toBe(1);
  });
});

describe('applying changes to a compiled plan', () => {
  const model = () =>
    yamlModel(`
      carecast: 1
      name: three states, monthly
      time: { start: 2025-04-01, step: month, horizon_years: 2 }
      states: [{ id: a }, { id: b }, { id: c, absorbing: true }]
      transitions:
        per: step
        matrices:
          - rows:
              a: { b: 0.2, c: 0.1 }
              b: { a: 0.05 }
      initial: { a: 1000 }
      values: { costs: { a: { per_year: 1200 }, b: { per_year: 2400 } } }
    `);

  it('gives one matrix set per distinct weight, with the phased row by hand at month 6', async () => {
    const { plan } = await compileModel(model());
    const change: PlannedChange = {
      from: 0, to: [], bands: [], change: { kind: 'relative_risk', rr: 0.5 },
      timing: { startMonth: 0, phaseMonths: 12, endMonth: null }, clip: false, label: 'test',
    };
    const { plan: changed, problems } = applyRateChanges(plan, [change], 1);
    expect(problems).toEqual([]);
    // weights 0, 1/12, …, 11/12, then 1 from month 12 on: 13 sets
    expect(changed.nSets).toBe(13);
    const n = 3;
    const set6 = changed.stepSet[6];
    // hand: weight 0.5 -> rr 0.75: a->b 0.2 × 0.75 = 0.15, a->c 0.1 × 0.75 = 0.075, stay 0.775
    expect(Array.from(changed.P.subarray(set6 * n * n, set6 * n * n + n))).toEqual([0.775, 0.15, 0.075].map((v) => expect.closeTo(v, 12)));
    // the base plan is untouched
    expect(Array.from(plan.P.subarray(0, 3))).toEqual([0.7, 0.2, 0.1].map((v) => expect.closeTo(v, 12)));
  });

  it('with no changes, or a change that never takes effect, equals the baseline exactly', async () => {
    const { plan } = await compileModel(model());
    const base = runPlan(plan);
    expect(applyRateChanges(plan, [], 1).plan).toBe(plan);
    const never: PlannedChange = {
      from: 0, to: [1], bands: [], change: { kind: 'multiply', factor: 2 },
      timing: { startMonth: 99, phaseMonths: 0, endMonth: null }, clip: false, label: 'never',
    };
    const r = runPlan(applyRateChanges(plan, [never], 1).plan);
    expect(Array.from(r.stock)).toEqual(Array.from(base.stock));
    expect(Array.from(r.cost)).toEqual(Array.from(base.cost));
  });

  it('reports the step and band where a change would leave [0, 1]', async () => {
    const { plan } = await compileModel(model());
    const tooBig: PlannedChange = {
      from: 1, to: [0], bands: [], change: { kind: 'add', amount: 2 },
      timing: { startMonth: 12, phaseMonths: 0, endMonth: null }, clip: false, label: 'scenarios/x.yaml: changes[0]',
    };
    const { problems } = applyRateChanges(plan, [tooBig], 1);
    expect(problems[0]).toMatchObject({ label: 'scenarios/x.yaml: changes[0]', step: 12, band: 0, to: 0 });
  });
});
