/**
 * Seeded random draws: every draw in carecast comes from `seedrandom`'s alea generator, seeded
 * per draw, so a draw is the same whichever worker computes it. Distributions are sampled with
 * standard exact methods (named at each function).
 */
import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). */
export type Uniform = () => number;

/**
 * The generator for one Monte Carlo draw: alea seeded with `seed/draw[/stream]`. Streams keep
 * the model's parameters and each scenario's effects apart, so adding a scenario does not change
 * the model's draws (common random numbers).
 *
 * @example
 * const u = drawGenerator(42, 0); u(); // the same number on every machine
 */
export function drawGenerator(seed: number | string, draw: number, stream = ''): Uniform {
  return seedrandom.alea(`${seed}/${draw}${stream ? `/${stream}` : ''}`);
}

/** A standard normal draw (Marsaglia's polar method; the second value is discarded for simplicity of seeding). */
export function normal(u: Uniform): number {
  for (;;) {
    const a = 2 * u() - 1;
    const b = 2 * u() - 1;
    const s = a * a + b * b;
    if (s > 0 && s < 1) return a * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/**
 * A gamma draw with shape `k` and scale 1 (Marsaglia & Tsang 2000; for k < 1, boosted by
 * U^(1/k)). Mean k, variance k.
 */
export function gamma(u: Uniform, k: number): number {
  if (!(k > 0)) return 0;
  if (k < 1) {
    let v = u();
    while (v === 0) v = u();
    return gamma(u, k + 1) * v ** (1 / k);
  }
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(u);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = u();
    if (w < 1 - 0.0331 * x * x * x * x) return d * v;
    if (w > 0 && Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A beta(a, b) draw, as X / (X + Y) with X ~ gamma(a), Y ~ gamma(b). Mean a / (a + b). */
export function beta(u: Uniform, a: number, b: number): number {
  const x = gamma(u, a);
  const y = gamma(u, b);
  return x + y > 0 ? x / (x + y) : a / (a + b);
}

/**
 * A Dirichlet(α) draw into `out` (normalised gamma draws). Entries with α = 0 stay 0. Mean
 * α_j / Σα, variance α_j (Σα − α_j) / (Σα² (Σα + 1)).
 */
export function dirichlet(u: Uniform, alpha: ArrayLike<number>, out: Float64Array): Float64Array {
  let sum = 0;
  for (let j = 0; j < alpha.length; j++) {
    const g = alpha[j] > 0 ? gamma(u, alpha[j]) : 0;
    out[j] = g;
    sum += g;
  }
  if (sum > 0) for (let j = 0; j < alpha.length; j++) out[j] /= sum;
  return out;
}

/** A lognormal draw: exp(μ + σZ). */
export function lognormal(u: Uniform, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * normal(u));
}
