/**
 * Distributions from what users state (a point value and a spread), with the parameterisation
 * each uses. models/README.md and scenarios/README.md document the same rules.
 */
import type { Distribution, StatedRange } from './types.js';

/** z of the 95th percentile of the standard normal: a 90% interval is ± 1.6449 σ. */
export const Z95 = 1.6448536269514722;

/** A distribution as written in a file. */
export interface DistributionSpec {
  distribution: 'gamma' | 'lognormal' | 'beta' | 'normal';
  cv?: number;
  sd?: number;
  mean?: number;
  low?: number;
  high?: number;
}

/**
 * Builds a distribution around `point` (the value the model or scenario states), or returns why
 * it cannot:
 * - gamma: mean `point` (or `mean`), coefficient of variation `cv` (or `sd`): shape 1/cv², scale mean·cv².
 * - lognormal: with `low` and `high`, the 90% interval (μ = mean of the logs, σ = log range / 2×1.6449);
 *   otherwise mean-preserving with `cv`: σ² = ln(1 + cv²), μ = ln(mean) − σ²/2.
 * - beta: mean `point` (or `mean`) and `sd`: a = m·c, b = (1 − m)·c with c = m(1 − m)/sd² − 1.
 * - normal: mean `point` (or `mean`) and `sd`.
 * `low` and `high`, where given, are also the values one-at-a-time sensitivity uses.
 *
 * @example
 * makeDistribution({ distribution: 'gamma', cv: 0.1 }, 1); // { kind: 'gamma', shape: 100, scale: 0.01 }
 */
export function makeDistribution(spec: DistributionSpec, point: number): { distribution: Distribution; stated: StatedRange | null } | { problem: string; expected: string } {
  const mean = spec.mean ?? point;
  const stated = spec.low !== undefined && spec.high !== undefined ? { low: spec.low, high: spec.high } : null;
  if ((spec.low === undefined) !== (spec.high === undefined)) return { problem: 'give both low and high, or neither', expected: 'low and high: the 5th and 95th percentiles (lognormal) or the values for sensitivity' };
  if (stated && stated.low > stated.high) return { problem: `low ${stated.low} is above high ${stated.high}`, expected: 'low ≤ high' };
  const sd = spec.sd ?? (spec.cv !== undefined ? spec.cv * Math.abs(mean) : undefined);
  switch (spec.distribution) {
    case 'gamma': {
      if (!(mean > 0)) return { problem: `a gamma distribution needs a mean above 0, not ${mean}`, expected: 'a positive value' };
      if (sd === undefined) return { problem: 'the spread is missing', expected: 'cv (sd ÷ mean) or sd' };
      const cv = sd / mean;
      return { distribution: { kind: 'gamma', shape: 1 / (cv * cv), scale: mean * cv * cv }, stated };
    }
    case 'lognormal': {
      if (stated) {
        if (!(stated.low > 0)) return { problem: 'a lognormal interval needs low above 0', expected: 'low > 0' };
        return { distribution: { kind: 'lognormal', mu: (Math.log(stated.low) + Math.log(stated.high)) / 2, sigma: (Math.log(stated.high) - Math.log(stated.low)) / (2 * Z95) }, stated };
      }
      if (!(mean > 0)) return { problem: `a lognormal distribution needs a mean above 0, not ${mean}`, expected: 'a positive value' };
      if (sd === undefined) return { problem: 'the spread is missing', expected: 'cv, sd, or low and high (a 90% interval)' };
      const s2 = Math.log(1 + (sd / mean) ** 2);
      return { distribution: { kind: 'lognormal', mu: Math.log(mean) - s2 / 2, sigma: Math.sqrt(s2) }, stated };
    }
    case 'beta': {
      if (!(mean > 0 && mean < 1)) return { problem: `a beta distribution needs a mean between 0 and 1, not ${mean}`, expected: 'a probability or share strictly between 0 and 1' };
      if (sd === undefined) return { problem: 'the spread is missing', expected: 'sd' };
      const c = (mean * (1 - mean)) / (sd * sd) - 1;
      if (!(c > 0)) return { problem: `sd ${sd} is too large for a mean of ${mean}`, expected: `sd below √(m(1 − m)) = ${Math.sqrt(mean * (1 - mean)).toPrecision(4)}` };
      return { distribution: { kind: 'beta', a: mean * c, b: (1 - mean) * c }, stated };
    }
    case 'normal': {
      if (sd === undefined) return { problem: 'the spread is missing', expected: 'sd' };
      return { distribution: { kind: 'normal', mean, sd }, stated };
    }
  }
}

/** The mean of a distribution. */
export function distributionMean(d: Distribution): number {
  switch (d.kind) {
    case 'gamma': return d.shape * d.scale;
    case 'lognormal': return Math.exp(d.mu + (d.sigma * d.sigma) / 2);
    case 'beta': return d.a / (d.a + d.b);
    case 'normal': return d.mean;
  }
}
