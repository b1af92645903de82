/**
 * Rates that change by financial year (`transitions.by_year`): worked examples with numbers
 * worked out by hand, properties (rows stay stochastic, no child is made or lost), and the
 * problems a bad entry is refused with.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/engine/compile.js';
import { runPlan } from '../../src/engine/kernel.js';
import { ModelInvalidError } from '../../src/errors.js';
import { ruleProbability, yearMatrices } from '../../src/model/year-rates.js';
import type { YearRate } from '../../src/model/types.js';
import { edit, expectClose, reader, runYaml, yamlModel } from '../helpers.js';

const BASE = `
  carecast: 1
  name: leaving by year
  time: { start: 2025-04-01, step: year, horizon_years: 3 }
  states: [{ id: a }, { id: b }, { id: gone, absorbing: true }]
  transitions:
    per: step
    matrices:
      - rows:
          a: { gone: 0.1 }
          b: { a: 0.2 }
    by_year:
      - { from: a, to: gone, value: { 2026/27: 0.2, 2027: 0.3 } }
  initial: { a: 1000 }
`;

describe('worked examples', () => {
  it('value: the probability of the year, the matrices before the first year named, held after the last', async () => {
    // a → gone: 0.1 in 2025/26 (the matrix), 0.2 in 2026/27, 0.3 in 2027/28 (and held after).
    //   a: 1000 × 0.9 = 900;  900 × 0.8 = 720;  720 × 0.7 = 504
    //   gone: 100; 100 + 180 = 280; 280 + 216 = 496
    const r = reader(await runYaml(BASE));
    [[900, 100], [720, 280], [504, 496]].forEach(([a, gone], t) => {
      expectClose(r.stock(t, 'a'), a, 1e-12, `a, year ${t + 1}`);
      expectClose(r.stock(t, 'gone'), gone, 1e-12, `gone, year ${t + 1}`);
    });
    const r4 = reader(await runYaml(BASE, 4));
    expectClose(r4.stock(3, 'a'), 504 * 0.7, 1e-12, 'a in 2028/29: 0.3 held');
  });

  it('factor: a multiple of the matrices\' probability', async () => {
    // factor 1.5 from 2026/27: 0.1, 0.15, 0.15 → a: 900, 765, 650.25
    const r = reader(await runYaml(edit(BASE, 'value: { 2026/27: 0.2, 2027: 0.3 }', 'factor: { 2026: 1.5 }')));
    [900, 765, 650.25].forEach((a, t) => expectClose(r.stock(t, 'a'), a, 1e-12, `a, year ${t + 1}`));
  });

  it('trend: the k-th year from its start changes the log by change × (φ + … + φ^k)', async () => {
    // change ln 0.5, damping 0.5, from 2026/27:
    //   2025/26: 0.1; 2026/27 (k = 1): 0.1 × 0.5^0.5 = 0.0707107; 2027/28 (k = 2): 0.1 × 0.5^0.75 = 0.0594604
    //   a: 900; 900 × (1 − 0.0707107) = 836.3604; 836.3604 × (1 − 0.0594604) = 786.6305
    const text = edit(BASE, 'value: { 2026/27: 0.2, 2027: 0.3 }', `trend: { change: ${Math.log(0.5)}, damping: 0.5, from: 2026/27 }`);
    const r = reader(await runYaml(text));
    [900, 836.3604, 786.6305].forEach((a, t) => expectClose(r.stock(t, 'a'), a, 1e-6, `a, year ${t + 1}`));
    // Far ahead the trend approaches change × φ / (1 − φ) = ln 0.5: half the matrices' probability.
    expectClose(ruleProbability({ kind: 'trend', change: Math.log(0.5), damping: 0.5, from: 2026 }, 0.1, 2100), 0.05, 1e-12);
  });

  it('annual rates with monthly steps: each year\'s matrix has its own monthly root', async () => {
    // (b's move to a is left out: its monthly root would need a negative b → gone.)
    const text = edit(edit(edit(BASE, 'step: year', 'step: month'), 'per: step', 'per: year'), 'b: { a: 0.2 }', 'b: { b: 1 }');
    const model = yamlModel(text);
    const { plan } = await compileModel(model);
    expect(plan.nSets).toBe(3);
    // A year of 12 monthly steps of 2026/27's set leaves 0.8 of a in a.
    const n = 3;
    const stay = plan.P[(plan.stepSet[12] * n + 0) * n + 0];
    expectClose(stay ** 12, 0.8, 1e-9);
    const r = reader(await runYaml(text));
    [900, 720, 504].forEach((a, t) => expectClose(r.stock(t, 'a'), a, 1e-9, `a, year ${t + 1}`));
  });

  it('a model without by_year compiles to one matrix set, as before', async () => {
    const { plan } = await compileModel(yamlModel(BASE.replace(/ {4}by_year:\n.*\n/, '')));
    expect(plan.nSets).toBe(1);
  });
});

describe('properties', () => {
  const matrix = (n: number) =>
    fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }).map((rows) => {
      const p = new Float64Array(n * n);
      rows.forEach((r, i) => {
        const s = r.reduce((a, v) => a + v, 0) || 1;
        r.forEach((v, j) => (p[i * n + j] = v / s));
      });
      return p;
    });

  it('each year\'s rows sum to 1 and the stay probability takes up the change', () => {
    fc.assert(
      fc.property(matrix(3), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 2020, max: 2040 }), (p, shrink, fy) => {
        // Factors below 1 keep every row valid; the change lands on the stay probability only.
        const rates: YearRate[] = [{ from: 0, to: [1, 2], bands: [0], rule: { kind: 'factor', years: [[2025, shrink]] } }];
        const [m] = yearMatrices([{ n: 3, p }], rates, fy);
        for (let i = 0; i < 3; i++) expectClose(m.p[i * 3] + m.p[i * 3 + 1] + m.p[i * 3 + 2], 1, 1e-12, `row ${i}`);
        const f = fy >= 2025 ? shrink : 1;
        expectClose(m.p[1], p[1] * f, 1e-12);
        expectClose(m.p[2], p[2] * f, 1e-12);
        for (let j = 3; j < 9; j++) expect(m.p[j]).toBe(p[j]);
      }),
      { numRuns: 300 },
    );
  });

  it('a closed cohort keeps every child, whatever the yearly rates (conservation)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: 0.01, max: 0.3, noNaN: true }),
        // Rising trends at most e^(0.1 × 0.9 / 0.1) = 2.46 times, so every model is valid.
        fc.double({ min: -0.5, max: 0.1, noNaN: true }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        async (p, change, damping, v) => {
          const text = edit(BASE, '- { from: a, to: gone, value: { 2026/27: 0.2, 2027: 0.3 } }', `- { from: a, to: gone, trend: { change: ${change}, damping: ${damping} } }\n      - { from: b, to: a, value: { 2026: ${v} } }`).replace('gone: 0.1', `gone: ${p}, b: 0.05`);
          const r = reader(await runYaml(text, 6));
          for (let t = 0; t < 6; t++) expectClose(r.stock(t, 'a') + r.stock(t, 'b') + r.stock(t, 'gone'), 1000, 1e-9, `year ${t + 1}`);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('problems', () => {
  const problems = (text: string): string[] => {
    try {
      yamlModel(text);
    } catch (e) {
      if (e instanceof ModelInvalidError) return e.issues.map((i) => `${i.path}: ${i.message}`);
      throw e;
    }
    return [];
  };

  it('refuses a year that would push the moves over 1, naming the entry and the year', () => {
    const p = problems(edit(BASE, '2027: 0.3', '2027: 0.3, 2029: 1'));
    expect(p).toEqual([]); // 1 is a valid probability of leaving a
    // b 0.75 + gone 0.3 in 2027/28 = 1.05 (2026/27: 0.95, allowed)
    const q = problems(edit(BASE, 'a: { gone: 0.1 }', 'a: { gone: 0.1, b: 0.75 }'));
    expect(q).toEqual(["transitions.by_year[0]: the moves out of 'a' would add up to 1.05 in 2027/28, more than 1"]);
  });

  it('refuses a trend whose limit pushes the moves over 1', () => {
    const p = problems(edit(BASE, 'value: { 2026/27: 0.2, 2027: 0.3 }', 'trend: { change: 0.9, damping: 0.9 }'));
    // 0.1 × e^(0.9 × 0.9 / 0.1) = 0.1 × e^8.1 in the long run
    expect(p).toEqual(["transitions.by_year[0]: the move a to gone would be 329.4468075 in the long run (the trend's limit), above 1"]);
  });

  it('refuses unknown states, bad years, two rules, the row\'s own state and a move given twice', () => {
    expect(problems(edit(BASE, 'to: gone', 'to: gnoe'))[0]).toMatch(/by_year\[0\]\.to: unknown state 'gnoe'.*did you mean 'gone'/);
    expect(problems(edit(BASE, '2026/27: 0.2', '2026/28: 0.2'))).toEqual(["transitions.by_year[0].value.2026/28: '2026/28' is not a financial year"]);
    expect(problems(edit(BASE, 'value: { 2026/27: 0.2, 2027: 0.3 }', 'value: { 2026: 0.2 }, factor: { 2026: 2 }'))).toEqual(['transitions.by_year[0]: give one of value, factor or trend, not value and factor']);
    expect(problems(edit(BASE, 'to: gone', 'to: a'))[0]).toContain("'a' is the row's own state");
    const twice = edit(BASE, '- { from: a, to: gone, value: { 2026/27: 0.2, 2027: 0.3 } }', '- { from: a, to: gone, value: { 2026: 0.2 } }\n      - { from: a, to: [gone], factor: { 2027: 2 } }');
    expect(problems(twice)).toEqual(['transitions.by_year[1]: the move a to gone already changes by year (transitions.by_year[0])']);
  });

  it('refuses rates by year on a row that also has uncertainty', () => {
    const text = edit(BASE, 'initial: { a: 1000 }', 'initial: { a: 1000 }\n  uncertainty:\n    transitions: [{ rows: a, sample_size: 100 }]');
    expect(problems(text)[0]).toContain("the row of 'a' also has uncertainty");
  });
});

describe('runs', () => {
  it('the engine counts the same children in every year of a model with yearly rates (ledger)', async () => {
    const { plan } = await compileModel(yamlModel(BASE));
    const r = runPlan(plan);
    expect(plan.nSets).toBe(3);
    expect(Array.from(r.stock.slice(0, 3)).reduce((a, v) => a + v, 0)).toBeCloseTo(1000, 9);
  });
});
