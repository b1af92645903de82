/**
 * Sampling functions against their known moments (closed forms in the comments), over many
 * seeded draws; tolerances are several standard errors of the sample moments.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeDistribution } from '../../src/model/distribution.js';
import { sample } from '../../src/uncertainty/parameters.js';
import { beta, dirichlet, drawGenerator, gamma, lognormal, normal } from '../../src/uncertainty/random.js';

const N = 100_000;

function moments(draw: () => number, n = N): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean };
}

describe('seeded generator', () => {
  it('gives the same numbers for the same seed and draw, different ones otherwise', () => {
    const a = drawGenerator(42, 7);
    const b = drawGenerator(42, 7);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(drawGenerator(42, 8)()).not.toBe(xs[0]);
    expect(drawGenerator(42, 7, 'scenario:x')()).not.toBe(xs[0]);
  });
});

describe('distributions: sample mean and variance match the closed forms', () => {
  it('standard normal: mean 0, variance 1', () => {
    const u = drawGenerator('normal', 0);
    const m = moments(() => normal(u));
    expect(Math.abs(m.mean)).toBeLessThan(0.015); // SE 1/√N ≈ 0.0032
    expect(Math.abs(m.variance - 1)).toBeLessThan(0.02);
  });

  it.each([0.5, 2, 9])('gamma(k = %s, scale 1): mean k, variance k', (k) => {
    const u = drawGenerator('gamma', k);
    const m = moments(() => gamma(u, k));
    expect(Math.abs(m.mean - k) / k).toBeLessThan(0.02);
    expect(Math.abs(m.variance - k) / k).toBeLessThan(0.05);
  });

  it('beta(2, 5): mean 2/7, variance ab / ((a + b)²(a + b + 1)) = 10/392', () => {
    const u = drawGenerator('beta', 0);
    const m = moments(() => beta(u, 2, 5));
    expect(Math.abs(m.mean - 2 / 7)).toBeLessThan(0.002);
    expect(Math.abs(m.variance - 10 / 392)).toBeLessThan(0.0008);
  });

  it('Dirichlet(1, 2, 3): means 1/6, 2/6, 3/6; variances α_j(α₀ − α_j) / (α₀²(α₀ + 1)) = 5/252, 8/252, 9/252', () => {
    const u = drawGenerator('dirichlet', 0);
    const out = new Float64Array(3);
    const sums = [0, 0, 0];
    const squares = [0, 0, 0];
    for (let i = 0; i < N; i++) {
      dirichlet(u, [1, 2, 3], out);
      for (let j = 0; j < 3; j++) {
        sums[j] += out[j];
        squares[j] += out[j] * out[j];
      }
    }
    [1 / 6, 2 / 6, 3 / 6].forEach((mean, j) => expect(Math.abs(sums[j] / N - mean)).toBeLessThan(0.003));
    [5 / 252, 8 / 252, 9 / 252].forEach((v, j) => expect(Math.abs(squares[j] / N - (sums[j] / N) ** 2 - v) / v).toBeLessThan(0.04));
  });

  it('lognormal(μ = 0.1, σ = 0.3): mean exp(μ + σ²/2) = exp(0.145), variance (exp(σ²) − 1)·exp(2μ + σ²)', () => {
    const u = drawGenerator('lognormal', 0);
    const m = moments(() => lognormal(u, 0.1, 0.3));
    expect(Math.abs(m.mean - Math.exp(0.145)) / Math.exp(0.145)).toBeLessThan(0.005);
    const v = (Math.exp(0.09) - 1) * Math.exp(0.29);
    expect(Math.abs(m.variance - v) / v).toBeLessThan(0.04);
  });

  it('keeps Dirichlet draws on the simplex, with zeros where α is 0 (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 50, noNaN: true })), { minLength: 2, maxLength: 9 }), fc.nat(), (alpha, seed) => {
        fc.pre(alpha.some((a) => a > 0));
        const out = dirichlet(drawGenerator(seed, 0), alpha, new Float64Array(alpha.length));
        const sum = out.reduce((a, v) => a + v, 0);
        expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
        alpha.forEach((a, j) => (a === 0 ? expect(out[j]).toBe(0) : expect(out[j]).toBeGreaterThanOrEqual(0)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('distributions from what users state', () => {
  it('gamma with mean 1 and cv 0.1: shape 100, scale 0.01; draws have mean 1 and sd 0.1', () => {
    const d = makeDistribution({ distribution: 'gamma', cv: 0.1 }, 1);
    if ('problem' in d) throw new Error(d.problem);
    const { shape, scale } = d.distribution as { shape: number; scale: number };
    expect(shape).toBeCloseTo(100, 9);
    expect(scale).toBeCloseTo(0.01, 12);
    const u = drawGenerator('g', 0);
    const m = moments(() => sample(d.distribution, u), 50_000);
    expect(Math.abs(m.mean - 1)).toBeLessThan(0.003);
    expect(Math.abs(Math.sqrt(m.variance) - 0.1)).toBeLessThan(0.003);
  });

  it('lognormal from a 90% interval 0.6 to 0.9: median √0.54 ≈ 0.7348, 5% of draws below 0.6 and 5% above 0.9', () => {
    const d = makeDistribution({ distribution: 'lognormal', low: 0.6, high: 0.9 }, 0.75);
    if ('problem' in d) throw new Error(d.problem);
    const u = drawGenerator('ln', 0);
    const xs = Array.from({ length: 50_000 }, () => sample(d.distribution, u)).sort((a, b) => a - b);
    expect(Math.abs(xs[25_000] - Math.sqrt(0.54))).toBeLessThan(0.003);
    expect(Math.abs(xs.filter((x) => x < 0.6).length / 50_000 - 0.05)).toBeLessThan(0.004);
    expect(Math.abs(xs.filter((x) => x > 0.9).length / 50_000 - 0.05)).toBeLessThan(0.004);
  });

  it('beta from mean 0.2 and sd 0.05: a = 0.2 × 63 = 12.6, b = 0.8 × 63 = 50.4', () => {
    // c = m(1 − m)/sd² − 1 = 0.16 / 0.0025 − 1 = 63
    const d = makeDistribution({ distribution: 'beta', sd: 0.05 }, 0.2);
    if ('problem' in d) throw new Error(d.problem);
    expect(d.distribution).toMatchObject({ kind: 'beta' });
    const { a, b } = d.distribution as { a: number; b: number };
    expect(a).toBeCloseTo(12.6, 10);
    expect(b).toBeCloseTo(50.4, 10);
  });

  it('refuses a beta sd too large for its mean, and a gamma without a spread', () => {
    expect(makeDistribution({ distribution: 'beta', sd: 0.5 }, 0.2)).toMatchObject({ problem: 'sd 0.5 is too large for a mean of 0.2' });
    expect(makeDistribution({ distribution: 'gamma' }, 1)).toMatchObject({ problem: 'the spread is missing' });
  });
});
