/**
 * Converting annual transition probabilities to a shorter step (src/engine/root.ts), specified:
 *
 *  (i)   the per-step matrix is the principal k-th root of the annual one: stepping it k times
 *        gives the annual matrix back, and where the root has a closed form it equals it;
 *  (ii)  an annual matrix whose exact root has a negative entry (the HIV monotherapy matrix of
 *        Chancellor et al. 1997) is refused with MATRIX_ROOT, or with `clip` corrected to a
 *        stochastic matrix whose error is reported;
 *  (iii) the same through a model file: `time.step: month` with `transitions.per: year`.
 *
 * Expected roots come from hand derivations (closed forms for 2 × 2 and triangular matrices) in
 * the comments; matrix powers are computed with test/helpers.ts, not with src.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/engine/compile.js';
import { project } from '../../src/engine/project.js';
import { annualToStep, logm } from '../../src/engine/root.js';
import { expectClose, flat, matPower, maxAbsDiff, reader, toRows, yamlModel, type Rows } from '../helpers.js';

/** f(x) = x^(1/k), and its first and second divided differences (for triangular matrices). */
const root = (k: number) => (x: number) => x ** (1 / k);
const dd1 = (f: (x: number) => number, x: number, y: number) => (f(x) - f(y)) / (x - y);
const dd2 = (f: (x: number) => number, x: number, y: number, z: number) => (dd1(f, x, y) - dd1(f, y, z)) / (x - z);

/** The 2 × 2 annual matrix [[1-a, a], [b, 1-b]]. */
const twoByTwo = (a: number, b: number): Rows => [[1 - a, a], [b, 1 - b]];

/**
 * hand derivation: P = [[1-a, a], [b, 1-b]] has eigenvalues 1 and λ = 1 - a - b. With Π the
 * projector on the stationary distribution (rows (b, a) / (a + b)), P = Π + λ (I - Π) and
 * P - I = -(a + b)(I - Π). So P^t = Π + λ^t (I - Π) = I - (1 - λ^t)(I - Π)
 *   = I + (1 - λ^t) / (a + b) × (P - I),
 * and the principal k-th root (real when λ > 0) is t = 1/k.
 */
function twoByTwoRoot(a: number, b: number, k: number): Rows {
  const c = (1 - (1 - a - b) ** (1 / k)) / (a + b);
  return [[1 - c * a, c * a], [c * b, 1 - c * b]];
}

describe('(i) the per-step matrix is the k-th root of the annual matrix', () => {
  it('2 × 2, a = 0.1, b = 0.3, monthly: equals the closed form I + (1 - 0.6^(1/12)) / 0.4 × (P - I)', async () => {
    // hand calculation: λ = 0.6; 0.6^(1/12) = exp(ln 0.6 / 12) = exp(-0.5108256 / 12) ≈ 0.9583245,
    // c = (1 - 0.9583245) / 0.4 ≈ 0.1041887, so the monthly root is about
    //   [[1 - 0.0104189, 0.0104189], [0.0312566, 1 - 0.0312566]].
    const P = twoByTwo(0.1, 0.3);
    const r = await annualToStep(flat(P), 2, 12, 'refuse', 'test');
    const expected = twoByTwoRoot(0.1, 0.3, 12);
    expect(maxAbsDiff(toRows(r.p, 2), expected)).toBeLessThan(1e-12);
    expectClose(r.p[1], 0.0104189, 1e-7);
    expectClose(r.p[2], 0.0312566, 1e-7);
    expect(maxAbsDiff(matPower(toRows(r.p, 2), 12), P)).toBeLessThan(1e-9);
    expect(r.mostNegative).toBe(0);
    expect(r.error).toBeLessThan(1e-9);
  });

  it('2 × 2 for several (a, b) and quarterly steps: equals the closed form and 4 steps give P', async () => {
    for (const [a, b] of [[0.1, 0.3], [0.02, 0.5], [0.25, 0.25], [0.4, 0.05]]) {
      for (const k of [4, 12]) {
        const P = twoByTwo(a, b);
        const r = await annualToStep(flat(P), 2, k, 'refuse', 'test');
        expect(maxAbsDiff(toRows(r.p, 2), twoByTwoRoot(a, b, k)), `a=${a} b=${b} k=${k}`).toBeLessThan(1e-12);
        expect(maxAbsDiff(matPower(toRows(r.p, 2), k), P), `a=${a} b=${b} k=${k}`).toBeLessThan(1e-9);
      }
    }
  });

  it('3 × 3 with an absorbing state (upper triangular): matches the divided-difference formula', async () => {
    // hand derivation: for upper-triangular T with distinct diagonal, f(T) has f(t_ii) on the
    // diagonal, f(T)_01 = t_01 f[t_00, t_11], f(T)_12 = t_12 f[t_11, t_22] and
    // f(T)_02 = t_02 f[t_00, t_22] + t_01 t_12 f[t_00, t_11, t_22], with f(x) = x^(1/12).
    //   0.9^(1/12) ≈ 0.9912584, 0.8^(1/12) ≈ 0.9815765
    //   f[.9, 1] = (0.9912584 - 1) / -0.1 ≈ 0.0874161;  f[.8, 1] = (0.9815765 - 1) / -0.2 ≈ 0.0921174
    //   f[.9, .8] = (0.9912584 - 0.9815765) / 0.1 ≈ 0.0968186
    //   f[.9, .8, 1] = (0.0968186 - 0.0921174) / (0.9 - 1) ≈ -0.0470124
    //   f(T)_01 = 0.05 × 0.0968186 ≈ 0.0048409;  f(T)_12 = 0.2 × 0.0921174 ≈ 0.0184235
    //   f(T)_02 = 0.05 × 0.0874161 + 0.05 × 0.2 × (-0.0470124) ≈ 0.0043708 - 0.0004701 = 0.0039007
    const P: Rows = [[0.9, 0.05, 0.05], [0, 0.8, 0.2], [0, 0, 1]];
    const f = root(12);
    const expected: Rows = [
      [f(0.9), 0.05 * dd1(f, 0.9, 0.8), 0.05 * dd1(f, 0.9, 1) + 0.05 * 0.2 * dd2(f, 0.9, 0.8, 1)],
      [0, f(0.8), 0.2 * dd1(f, 0.8, 1)],
      [0, 0, 1],
    ];
    const r = await annualToStep(flat(P), 3, 12, 'refuse', 'test');
    expect(maxAbsDiff(toRows(r.p, 3), expected)).toBeLessThan(1e-12);
    expectClose(r.p[2], 0.0039007, 1e-7);
    expect(maxAbsDiff(matPower(toRows(r.p, 3), 12), P)).toBeLessThan(1e-9);
    // Rows of the root also sum to 1 (the hand values above do: 0.9912584 + 0.0048409 + 0.0039007 = 1).
    expectClose(expected[0].reduce((s, v) => s + v, 0), 1, 1e-12);
  });

  it('4 × 4 with moves both ways and an absorbing state: 12 monthly steps give the annual matrix', async () => {
    const P: Rows = [
      [0.8, 0.1, 0.05, 0.05],
      [0.1, 0.7, 0.1, 0.1],
      [0.05, 0.15, 0.7, 0.1],
      [0, 0, 0, 1],
    ];
    const r = await annualToStep(flat(P), 4, 12, 'refuse', 'test');
    expect(maxAbsDiff(matPower(toRows(r.p, 4), 12), P)).toBeLessThan(1e-9);
    expect(Math.min(...r.p)).toBeGreaterThanOrEqual(0);
    // The absorbing row stays absorbing.
    expect(Array.from(r.p.subarray(12))).toEqual([0, 0, 0, 1]);
  });

  it('one step a year (k = 1) returns the annual matrix unchanged', async () => {
    const P = flat(twoByTwo(0.1, 0.3));
    const r = await annualToStep(P, 2, 1, 'refuse', 'test');
    expect(Array.from(r.p)).toEqual(Array.from(P));
  });

  it('logm of the 2 × 2 matrix is ln(λ) / (λ - 1) × (P - I)', async () => {
    // hand derivation: log P = log(Π + λ(I - Π)) = ln λ × (I - Π) = ln λ / (λ - 1) × (P - I).
    // With a = 0.1, b = 0.3: ln 0.6 / -0.4 ≈ 1.2770641, so log P ≈ [[-0.1277064, 0.1277064],
    // [0.3831192, -0.3831192]].
    const q = await logm(twoByTwo(0.1, 0.3));
    const s = Math.log(0.6) / (0.6 - 1);
    expect(maxAbsDiff(q, [[-0.1 * s, 0.1 * s], [0.3 * s, -0.3 * s]])).toBeLessThan(1e-12);
    expectClose(q[1][0], 0.3831192, 1e-7);
  });
});

describe('(ii) the HIV monotherapy matrix has a negative monthly root', () => {
  // Chancellor et al. (1997) annual probabilities (Briggs et al. 2006, table 2.1, rounded).
  const A: Rows = [
    [0.721, 0.202, 0.067, 0.01],
    [0, 0.581, 0.407, 0.012],
    [0, 0, 0.75, 0.25],
    [0, 0, 0, 1],
  ];
  const ids = ['a', 'b', 'c', 'd'];
  // hand derivation of the b → d entry of the exact monthly root (upper-triangular, f(x) = x^(1/12)):
  //   f(T)_bd = t_bd f[t_bb, t_dd] + t_bc t_cd f[t_bb, t_cc, t_dd]
  //   f(.581) = exp(ln 0.581 / 12) ≈ 0.9557582, f(.75) = exp(ln 0.75 / 12) ≈ 0.9763116
  //   f[.581, 1] = (0.9557582 - 1) / (0.581 - 1) ≈ 0.1055891;  f[.75, 1] = (0.9763116 - 1) / -0.25 ≈ 0.0947537
  //   f[.581, .75] = (0.9557582 - 0.9763116) / (0.581 - 0.75) ≈ 0.1216178
  //   f[.581, .75, 1] = (0.1216178 - 0.0947537) / (0.581 - 1) ≈ -0.0641148
  //   f(T)_bd ≈ 0.012 × 0.1055891 + 0.407 × 0.25 × (-0.0641148) ≈ 0.0012671 - 0.0065237 = -0.0052566
  // Negative: in a year, b reaches d mostly through c, which a one-month matrix cannot undo.
  const f = root(12);
  const bd = 0.012 * dd1(f, 0.581, 1) + 0.407 * 0.25 * dd2(f, 0.581, 0.75, 1);
  // The b → c entry is 0.407 f[.581, .75] ≈ 0.0494985, and the row of the exact root sums to 1.
  const bb = f(0.581);
  const bc = 0.407 * dd1(f, 0.581, 0.75);

  it('the hand value of the b → d entry is about -0.0052566', () => {
    expectClose(bd, -0.0052566, 1e-7);
    expectClose(bb + bc + bd, 1, 1e-12);
  });

  it("'refuse' throws MATRIX_ROOT naming the negative entry", async () => {
    const err = await annualToStep(flat(A), 4, 12, 'refuse', 'hiv', ids).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'MATRIX_ROOT' });
    expect((err as Error).message).toContain('from b to d');
    expect((err as Error).message).toContain(bd.toExponential(3)); // -5.257e-3
  });

  it("'clip' returns a stochastic matrix, reports the negative entry and the error it causes", async () => {
    const r = await annualToStep(flat(A), 4, 12, 'clip', 'hiv', ids);
    for (let i = 0; i < 4; i++) {
      const row = Array.from(r.p.subarray(i * 4, i * 4 + 4));
      expect(Math.abs(row.reduce((s, v) => s + v, 0) - 1), `row ${ids[i]}`).toBeLessThanOrEqual(1e-12);
      for (const v of row) expect(v).toBeGreaterThanOrEqual(0);
    }
    expectClose(r.mostNegative, bd, 1e-9);
    expect(r.at).toEqual([1, 3]);
    // hand derivation of the clipped row b: b → d set to 0, the rest rescaled by 1 / (bb + bc)
    // = 1 / (1 - bd) ≈ 1 / 1.0052566.
    expectClose(r.p[5], bb / (bb + bc), 1e-9);
    expectClose(r.p[6], bc / (bb + bc), 1e-9);
    expect(r.p[7]).toBe(0);
    // The error is the largest gap between 12 clipped steps and the annual matrix.
    const gap = maxAbsDiff(matPower(toRows(r.p, 4), 12), A);
    expect(r.error).toBeGreaterThan(0);
    expectClose(r.error, gap, 1e-9);
  });
});

describe('(iii) through a model file: monthly steps from annual probabilities', () => {
  const yaml = (negativeRoot: string) => `
    carecast: 1
    name: HIV monotherapy, monthly
    time: { start: 1996-04-01, step: month, horizon_years: 2 }
    states: [{ id: a }, { id: b }, { id: c }, { id: d, absorbing: true }]
    transitions:
      per: year
      ${negativeRoot}
      matrices:
        - rows:
            a: { a: 0.721, b: 0.202, c: 0.067, d: 0.01 }
            b: { b: 0.581, c: 0.407, d: 0.012 }
            c: { c: 0.75, d: 0.25 }
    initial: { a: 1000 }
  `;

  it('by default (negative_root: refuse) project() rejects with MATRIX_ROOT', async () => {
    await expect(project(yamlModel(yaml('')))).rejects.toMatchObject({ code: 'MATRIX_ROOT' });
    await expect(project(yamlModel(yaml('negative_root: refuse')))).rejects.toMatchObject({ code: 'MATRIX_ROOT' });
  });

  it('with negative_root: clip it runs, warning of the negative entry and the size of the error', async () => {
    const model = yamlModel(yaml('negative_root: clip'));
    const p = await project(model);
    expect(p.warnings).toHaveLength(1);
    const w = p.warnings[0];
    expect(w).toContain('from b to d');
    expect(w).toContain(bdMonthly().toExponential(3));
    // The error the warning states is the gap between 12 compiled steps and the annual matrix.
    const { plan } = await compileModel(model);
    const annual = toRows(model.transitions.matrices[0].p, 4);
    const gap = maxAbsDiff(matPower(toRows(plan.P, 4), 12), annual);
    expect(gap).toBeGreaterThan(1e-3);
    expect(w).toContain(gap.toExponential(3));
  });

  /** The hand value of the b → d monthly entry, as in (ii). */
  function bdMonthly(): number {
    const f = root(12);
    return 0.012 * dd1(f, 0.581, 1) + 0.407 * 0.25 * dd2(f, 0.581, 0.75, 1);
  }

  it('a convertible annual matrix: 12 monthly (or 4 quarterly) steps reproduce a year of the annual chain', async () => {
    // hand calculation (as in worked example a): from (1000, 0) with well→ill 0.1 and ill→well
    // 0.3 a year, the stock is (900, 100) after one year and (840, 160) after two. Monthly or
    // quarterly steps of the annual root must land on the same year-end stocks.
    for (const step of ['month', 'quarter']) {
      const r = reader(
        await project(
          yamlModel(`
            carecast: 1
            name: two states, ${step}ly
            time: { start: 2025-04-01, step: ${step}, horizon_years: 2 }
            states: [{ id: well }, { id: ill }]
            transitions: { per: year, matrices: [{ rows: { well: { ill: 0.1 }, ill: { well: 0.3 } } }] }
            initial: { well: 1000 }
          `),
        ),
      );
      expectClose(r.stock(0, 'well'), 900, 1e-9, `${step}, year 1`);
      expectClose(r.stock(0, 'ill'), 100, 1e-9, `${step}, year 1`);
      expectClose(r.stock(1, 'well'), 840, 1e-9, `${step}, year 2`);
      expectClose(r.stock(1, 'ill'), 160, 1e-9, `${step}, year 2`);
    }
  });
});
