/**
 * The solver against functions whose roots are known exactly: √2, the cube root of 2, π (where
 * sin crosses 0), a straight line, roots of a polynomial given by its factors, and the cases the
 * scan must handle (a sample exactly on a root, no sign change, several crossings).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brent, findRoots, nearestRoot } from '../../src/target/solve.js';

describe("Brent's method", () => {
  it('finds √2 as the root of x² − 2 on [1, 2] to full precision', async () => {
    const r = await brent((x) => x * x - 2, 1, 2, -1, 2);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x - Math.SQRT2)).toBeLessThanOrEqual(4e-12);
    expect(r.evaluations).toBeLessThan(15); // bisection would take about 40 to reach 1e-12
  });

  it('finds π as the root of sin on [3, 4] and the cube root of 2 of x³ − 2 on [0, 5]', async () => {
    const pi = await brent(Math.sin, 3, 4, Math.sin(3), Math.sin(4));
    expect(Math.abs(pi.x - Math.PI)).toBeLessThanOrEqual(5e-12);
    const cube = await brent((x) => x ** 3 - 2, 0, 5, -2, 123);
    expect(Math.abs(cube.x - Math.cbrt(2))).toBeLessThanOrEqual(3e-12);
  });

  it('solves a straight line in at most two evaluations (the secant step is exact)', async () => {
    // 3x − 7 = 0 at x = 7/3
    const r = await brent((x) => 3 * x - 7, 0, 10, -7, 23);
    expect(Math.abs(r.x - 7 / 3)).toBeLessThanOrEqual(1e-15);
    expect(r.evaluations).toBeLessThanOrEqual(3);
  });

  it('converges on a function flat around its root, (x − 1)^9, within the square of bisection\'s count', async () => {
    // Brent's bound: at most about k² evaluations where bisection takes k (here k = 35).
    const f = (x: number) => (x - 1) ** 9;
    const r = await brent(f, 0, 3, f(0), f(3), { xTolerance: 1e-10 });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x - 1)).toBeLessThan(1e-9);
    expect(r.evaluations).toBeLessThanOrEqual(Math.ceil(Math.log2(3 / 1e-10)) ** 2);
  });

  it('reports no convergence when the evaluations run out', async () => {
    const f = (x: number) => (x - 1) ** 9;
    const r = await brent(f, 0, 3, f(0), f(3), { xTolerance: 1e-14, maxEvaluations: 5 });
    expect(r.converged).toBe(false);
    expect(r.evaluations).toBe(5);
    expect(r.bracket[0]).toBeLessThanOrEqual(1);
    expect(r.bracket[1]).toBeGreaterThanOrEqual(1);
  });

  it('works with an asynchronous function and stops at an f tolerance', async () => {
    const r = await brent(async (x) => x - 0.3, 0, 1, -0.3, 0.7, { fTolerance: 1e-3 });
    expect(Math.abs(r.fx)).toBeLessThanOrEqual(1e-3);
  });

  it('refuses ends of the same sign', async () => {
    await expect(brent((x) => x * x + 1, -1, 1, 2, 2)).rejects.toThrow(/same sign/);
  });

  it('property: any line through zero inside the bracket is solved to 1e-12', async () => {
    await fc.assert(
      fc.asyncProperty(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 1000, noNaN: true }), async (root, slope) => {
        const f = (x: number) => slope * (x - root);
        const r = await brent(f, -101, 101, f(-101), f(101));
        expect(Math.abs(r.x - root)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(root)));
      }),
      { numRuns: 50 },
    );
  });
});

describe('scanning a range for every root', () => {
  it('reports both roots of (x − 1)(x − 3) on [0, 4], and the one nearest a given value', async () => {
    // Samples at 0, 0.25, …, 4: 1 and 3 fall exactly on samples, so each is found without a search.
    const r = await findRoots((x) => (x - 1) * (x - 3), 0, 4);
    expect(r.roots.map((x) => x.x)).toEqual([1, 3]);
    expect(nearestRoot(r.roots, 2.5)!.x).toBe(3);
    expect(nearestRoot(r.roots, 1.9)!.x).toBe(1);
  });

  it('reports the three roots of (x − 0.3)(x − 1.7)(x − 2.9) on [0, 4] between samples', async () => {
    const f = (x: number) => (x - 0.3) * (x - 1.7) * (x - 2.9);
    const r = await findRoots(f, 0, 4, { points: 10 });
    expect(r.roots).toHaveLength(3);
    [0.3, 1.7, 2.9].forEach((root, i) => expect(Math.abs(r.roots[i].x - root)).toBeLessThanOrEqual(1e-11));
    expect(r.evaluations).toBe(10 + r.roots.reduce((a, x) => a + x.evaluations, 0));
  });

  it('with no sign change, returns no roots and the sample nearest zero', async () => {
    const r = await findRoots((x) => (x - 2) ** 2 + 1, 0, 4, { points: 9 });
    expect(r.roots).toEqual([]);
    expect(r.best).toEqual({ x: 2, fx: 1 });
    expect(r.evaluations).toBe(9);
  });

  it('evaluates the ends of the range exactly as given', async () => {
    const seen: number[] = [];
    await findRoots((x) => (seen.push(x), x - 0.55), 0.1, 0.7, { points: 7 });
    expect(seen[0]).toBe(0.1);
    expect(seen[6]).toBe(0.7);
  });
});

describe('property: every root of a polynomial with well-separated roots', () => {
  it('finds each of up to four roots at least one scan interval apart, to 1e-10', async () => {
    // Roots on [0, 16] with 17 points: scan intervals of 1; roots kept 1.5 apart fall in different intervals.
    const separated = fc
      .uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 4 })
      .map((xs) => xs.map((x) => 0.05 + x * 0.16).sort((a, b) => a - b))
      .filter((rs) => rs.every((r, i) => i === 0 || r - rs[i - 1] >= 1.5));
    await fc.assert(
      fc.asyncProperty(separated, async (roots) => {
        const f = (x: number) => roots.reduce((p, r) => p * (x - r), 1);
        const r = await findRoots(f, 0, 16);
        expect(r.roots).toHaveLength(roots.length);
        roots.forEach((root, i) => expect(Math.abs(r.roots[i].x - root)).toBeLessThanOrEqual(1e-10));
      }),
      { numRuns: 60 },
    );
  });
});
