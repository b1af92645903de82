/**
 * Year shocks (`uncertainty.year_shocks`), specified: a shock's factor for year t is exp(x_t),
 * x_1 = sd·z_1, x_t = persistence·x_{t-1} + sd·z_t; it multiplies the move's probability in that
 * year only, the stay taking up the change, so rows stay probabilities and children are
 * conserved; the specialised path agrees with the dense reference; a model without shocks draws
 * what it drew before.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/engine/compile.js';
import { runPlan } from '../../src/engine/kernel.js';
import { loadModel, parseModel } from '../../src/model/load.js';
import { figuresPerDraw, monteCarlo, prepare, runArms } from '../../src/uncertainty/montecarlo.js';
import { drawModelValues, drawScenarioValues, planWithValues } from '../../src/uncertainty/parameters.js';
import { parseScenario } from '../../src/scenario/load.js';
import { drawGenerator } from '../../src/uncertainty/random.js';
import { ModelInvalidError } from '../../src/errors.js';
import { referenceArms } from './reference-arms.js';

const ROOT = join(import.meta.dirname, '../..');

/** One state left with annual probability 0.1 (steps of a year, so the step's probability is the year's). */
const exitModel = (shock: string) => parseModel(
  `carecast: 1
name: one exit
time: { start: 2025-04-01, step: year, horizon_years: 3 }
states: [{ id: a }, { id: gone, absorbing: true }]
transitions:
  per: step
  matrices:
    - rows: { a: { gone: 0.1 } }
initial: { a: 1000000 }
uncertainty:
  year_shocks:
    - ${shock}
`,
  join(ROOT, 'models', 'exit.yaml'),
);

const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('year shocks', () => {
  it('scale a year\'s exits by a lognormal factor with the stated sd and persistence (worked example)', async () => {
    // Exits in year t are stock(t-1) × 0.1 × f_t, so f_t is read back from the draws' stocks.
    // With sd 0.2 and persistence 0.5: log f_1 ~ N(0, 0.2²), log f_2 ~ N(0, 0.2²(1 + 0.25)),
    // corr(log f_1, log f_2) = 0.5 / √1.25 = 0.447.
    const model = exitModel('{ from: a, to: gone, sd: 0.2, persistence: 0.5 }');
    const mc = await monteCarlo(model, [], { draws: 4000, seed: 11 });
    const f = 2 + 4;
    const per = mc.periods.length * f;
    const x1: number[] = [];
    const x2: number[] = [];
    for (let d = 0; d < mc.draws; d++) {
      const a = (k: number) => (k < 0 ? 1e6 : mc.figures[d * per + k * f]);
      x1.push(Math.log((a(-1) - a(0)) / (0.1 * a(-1))));
      x2.push(Math.log((a(0) - a(1)) / (0.1 * a(0))));
    }
    expect(Math.abs(median(x1))).toBeLessThan(0.015);
    expect(sd(x1) / 0.2).toBeGreaterThan(0.96);
    expect(sd(x1) / 0.2).toBeLessThan(1.04);
    expect(sd(x2) / (0.2 * Math.sqrt(1.25))).toBeGreaterThan(0.96);
    expect(sd(x2) / (0.2 * Math.sqrt(1.25))).toBeLessThan(1.04);
    const corr = mean(x1.map((v, i) => (v - mean(x1)) * (x2[i] - mean(x2)))) / (sd(x1) * sd(x2));
    expect(corr).toBeGreaterThan(0.447 - 0.05);
    expect(corr).toBeLessThan(0.447 + 0.05);
    // Children are conserved every draw.
    for (let d = 0; d < mc.draws; d++) for (let k = 0; k < mc.periods.length; k++) {
      expect(Math.abs(mc.figures[d * per + k * f] + mc.figures[d * per + k * f + 1] - 1e6)).toBeLessThan(1e-9 * 1e6);
    }
  });

  it('keep every row a probability and conserve children, whatever the sd, persistence and seed (property)', async () => {
    fc.assert(
      fc.asyncProperty(fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 1_000_000 }), async (sd, rho, d) => {
        const model = exitModel(`{ from: a, to: gone, sd: ${sd}, persistence: ${rho} }`);
        const { plan } = await compileModel(model);
        const p = planWithValues(model, plan, drawModelValues(model, drawGenerator('shocks', d), undefined, plan.nSets));
        for (let set = 0; set < p.nSets; set++) {
          expect(p.P[set * 4]).toBeGreaterThanOrEqual(0);
          expect(p.P[set * 4 + 1]).toBeGreaterThanOrEqual(0);
          expect(Math.abs(p.P[set * 4] + p.P[set * 4 + 1] - 1)).toBeLessThan(1e-12);
        }
        const ledger = runPlan(p).ledger;
        for (let k = 0; k < p.nSteps; k++) {
          const [start, inflow, outflow, toAbsorbing, end] = ledger.subarray(k * 5, k * 5 + 5);
          expect(Math.abs(start + inflow - outflow - toAbsorbing - end)).toBeLessThan(1e-9 * Math.max(1, start));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('clip a factor beyond what the stay holds: the stay goes to 0, never below', async () => {
    const model = exitModel('{ from: a, to: gone, sd: 2 }');
    const { plan } = await compileModel(model);
    let clipped = 0;
    for (let d = 0; d < 300; d++) {
      const p = planWithValues(model, plan, drawModelValues(model, drawGenerator(5, d), undefined, plan.nSets));
      for (let set = 0; set < p.nSets; set++) {
        const [stay, exit] = [p.P[set * 4], p.P[set * 4 + 1]];
        expect(stay).toBeGreaterThanOrEqual(0);
        expect(Math.abs(stay + exit - 1)).toBeLessThan(1e-12);
        if (stay === 0) clipped++;
      }
    }
    expect(clipped).toBeGreaterThan(0);
  });

  const council = () => loadModel(join(ROOT, 'models/example.yaml'));

  it('give the same figures on the specialised path as on the dense reference (with a scenario on top), and keep rows probabilities', async () => {
    const text = `carecast: 1
name: three states
time: { start: 2025-07-01, step: month, horizon_years: 3 }
states: [{ id: a }, { id: b }, { id: c }, { id: gone, absorbing: true }]
transitions:
  per: step
  matrices:
    - rows: { a: { b: 0.02, c: 0.01 }, b: { a: 0.05, gone: 0.01 }, c: { gone: 0.03 } }
  by_year:
    - { from: c, to: gone, trend: { change: -0.1, damping: 0.8 } }
initial: { a: 1000, b: 100, c: 50 }
values:
  price_base: 2025-26
  inflation: 0.03
  discount_rate: 0.035
  costs: { a: { per_year: 100 }, b: { per_year: 40000 }, c: { per_year: 9000 } }
uncertainty:
  transitions: [{ rows: b, sample_size: 200 }]
  year_shocks:
    - { from: a, to: [b, c], sd: 0.3, persistence: 0.7 }
    - { from: [b, c], to: gone, sd: 0.5 }
`;
    const model = parseModel(text, join(ROOT, 'models', 'three.yaml'));
    // A scenario on a shocked row, so its changes are applied on top of the shocked values.
    const scenario = parseScenario(`carecast: 1\nscenario: changed\ntiming: { start: 2026-01-01, phase_in_months: 4 }\nchanges:\n  - { from: a, to: b, multiply: 0.8, uncertainty: { distribution: lognormal, low: 0.6, high: 1 } }\n`, join(ROOT, 'scenarios', 'changed.yaml'));
    const setup = await prepare(model, [scenario]);
    const size = figuresPerDraw(setup);
    const n = model.states.length;
    expect(setup.arms[0].plans[0].nSets).toBe(setup.periods.length);
    for (let d = 0; d < 30; d++) {
      const mv = drawModelValues(model, drawGenerator(7, d), undefined, setup.periods.length);
      const got = new Float64Array(size);
      const want = new Float64Array(size);
      const sv = setup.arms.map((a) => (a.scenario ? drawScenarioValues(a.scenario, drawGenerator(7, d, `scenario:${a.key}`)) : null));
      runArms(setup, mv, sv, got, 0);
      referenceArms(setup, mv, sv, want, 0);
      for (let i = 0; i < size; i++) if (i % (n + 4) < n) expect(got[i], `draw ${d}, figure ${i}`).toBe(want[i]);
      const plan = planWithValues(model, setup.arms[0].plans[0], mv);
      for (let r = 0; r < plan.nSets * n; r++) {
        let sum = 0;
        for (let j = 0; j < n; j++) {
          expect(plan.P[r * n + j]).toBeGreaterThanOrEqual(0);
          sum += plan.P[r * n + j];
        }
        expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
      }
      const ledger = runPlan(plan).ledger;
      for (let k = 0; k < plan.nSteps; k++) {
        const [start, inflow, outflow, toAbsorbing, end] = ledger.subarray(k * 5, k * 5 + 5);
        expect(Math.abs(start + inflow - outflow - toAbsorbing - end)).toBeLessThan(1e-9 * Math.max(1, start));
      }
    }
    // Same seed, byte-identical figures.
    const a = await monteCarlo(model, [], { draws: 50, seed: 'same' });
    const b = await monteCarlo(model, [], { draws: 50, seed: 'same' });
    expect(Buffer.from(a.figures.buffer).equals(Buffer.from(b.figures.buffer))).toBe(true);
  });

  it('leave a model without them drawing exactly what it drew before', async () => {
    // The shocks are drawn last from the model's stream: every other value is as without them.
    const m = council();
    const withShock = { ...m, uncertainty: { ...m.uncertainty, yearShocks: [{ label: 's', from: [1], to: [2], bands: m.ages ? m.ages.bands.map((_, i) => i) : [0], sd: 0.1, persistence: 0 }] } };
    for (let d = 0; d < 5; d++) {
      const plain = drawModelValues(m, drawGenerator(3, d));
      const shocked = drawModelValues(withShock, drawGenerator(3, d));
      expect(shocked.rows).toEqual(plain.rows);
      expect(shocked.probabilities).toEqual(plain.probabilities);
      expect(shocked.costs).toEqual(plain.costs);
      expect(plain.shocks).toEqual([]);
    }
  });

  it('refuse a move onto its own state and an unknown state, with located errors', () => {
    const issues = (shock: string) => {
      try {
        exitModel(shock);
      } catch (err) {
        expect(err).toBeInstanceOf(ModelInvalidError);
        return (err as ModelInvalidError).issues;
      }
      throw new Error('the model should be refused');
    };
    expect(issues('{ from: a, to: a, sd: 0.1 }')).toEqual([expect.objectContaining({ path: 'uncertainty.year_shocks[0].to', message: expect.stringContaining('stay probability') })]);
    expect(issues('{ from: a, to: nowhere, sd: 0.1 }')).toEqual([expect.objectContaining({ path: 'uncertainty.year_shocks[0].to', message: expect.stringContaining('nowhere') })]);
    expect(issues('{ from: a, to: gone, sd: -1 }')[0].path).toBe('uncertainty.year_shocks[0].sd');
  });
});
