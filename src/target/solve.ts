/**
 * One-dimensional root finding that assumes no monotonicity: a scan of the range brackets every
 * sign change, then Brent's method closes each bracket. Pure numbers: the function may be slow
 * (a projection) or asynchronous, so every evaluation is counted and none is repeated.
 */

/** A function of one number, evaluated directly or asynchronously. */
export type Objective = (x: number) => number | Promise<number>;

/** One evaluation. */
export interface Sample {
  x: number;
  fx: number;
}

/** Options of `brent`. */
export interface BrentOptions {
  /** Stop when the bracket is narrower than this (absolute, in x). Default: 1e-12 × (1 + |x|). */
  xTolerance?: number;
  /** Stop when |f(x)| is at most this. Default 0: only the bracket's width stops it. */
  fTolerance?: number;
  /** Evaluations allowed (default 100). */
  maxEvaluations?: number;
}

/** A root found by `brent`. */
export interface BrentResult extends Sample {
  /** Evaluations made inside the bracket (the two ends are given, not counted). */
  evaluations: number;
  /** The final bracket [lo, hi], lo ≤ hi, holding the sign change. */
  bracket: [number, number];
  converged: boolean;
}

/**
 * Brent's method (Brent 1973, "Algorithms for minimization without derivatives", ch. 4, the
 * zeroin algorithm): inverse quadratic interpolation or the secant step where they make progress,
 * bisection where they do not, so it always converges (in at most about the square of
 * bisection's count of steps, and usually far fewer). `a` and `b` must bracket a
 * root: `fa` and `fb` of opposite signs (or one of them 0).
 *
 * @example
 * await brent((x) => x * x - 2, 1, 2, -1, 2); // { x: 1.4142135623730951, … }
 */
export async function brent(f: Objective, a: number, b: number, fa: number, fb: number, options: BrentOptions = {}): Promise<BrentResult> {
  const maxEvaluations = options.maxEvaluations ?? 100;
  const fTolerance = options.fTolerance ?? 0;
  const order = (u: number, v: number): [number, number] => (u <= v ? [u, v] : [v, u]);
  if (fa === 0) return { x: a, fx: 0, evaluations: 0, bracket: [a, a], converged: true };
  if (fb === 0) return { x: b, fx: 0, evaluations: 0, bracket: [b, b], converged: true };
  if (Math.sign(fa) === Math.sign(fb)) throw new RangeError(`brent: f(${a}) and f(${b}) have the same sign`);
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  let evaluations = 0;
  for (;;) {
    // b is the best estimate, a the previous one, c the other end of the bracket.
    if (Math.sign(fb) === Math.sign(fc)) {
      c = a;
      fc = fa;
      d = e = b - a;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = options.xTolerance ?? 1e-12 * (1 + Math.abs(b));
    const tol1 = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tol;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol1 || fb === 0 || Math.abs(fb) <= fTolerance) return { x: b, fx: fb, evaluations, bracket: order(b, c), converged: true };
    if (evaluations >= maxEvaluations) return { x: b, fx: fb, evaluations, bracket: order(b, c), converged: false };
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      // Interpolate: the secant when only two points are distinct, else inverse quadratic.
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      // Accept the step only if it falls well inside the bracket and shrinks faster than bisection.
      if (2 * p < Math.min(3 * m * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : m > 0 ? tol1 : -tol1;
    fb = await f(b);
    evaluations++;
    if (!Number.isFinite(fb)) throw new RangeError(`brent: f(${b}) is not a finite number`);
  }
}

/** Options of `findRoots`. */
export interface FindRootsOptions extends BrentOptions {
  /** Points of the scan, both ends included (default 17: 16 intervals). */
  points?: number;
}

/** Every root found in a range, with the samples that bracketed them. */
export interface RootsResult {
  roots: BrentResult[];
  /** The scan, in order of x. */
  samples: Sample[];
  /** Evaluations in all: the scan and every Brent search. */
  evaluations: number;
  /** The evaluation with the smallest |f| (a root when there is one). */
  best: Sample;
}

/**
 * The roots of `f` in [lo, hi]: `points` equally spaced evaluations, then Brent's method in every
 * interval whose ends differ in sign (a sample exactly 0 is a root itself). Monotonicity is not
 * assumed, so a function that crosses zero several times gives several roots; a root where `f`
 * touches zero without crossing, or two crossings inside one scan interval, can be missed (more
 * points find them).
 *
 * @example
 * (await findRoots((x) => (x - 1) * (x - 3), 0, 4)).roots.map((r) => r.x); // [1, 3]
 */
export async function findRoots(f: Objective, lo: number, hi: number, options: FindRootsOptions = {}): Promise<RootsResult> {
  const points = Math.max(2, options.points ?? 17);
  if (!(lo < hi)) throw new RangeError(`findRoots: the range must have lo < hi, not ${lo}..${hi}`);
  const samples: Sample[] = [];
  for (let i = 0; i < points; i++) {
    // The ends exactly as given, so a range's bounds are evaluated where the user put them.
    const x = i === points - 1 ? hi : lo + ((hi - lo) * i) / (points - 1);
    const fx = await f(x);
    if (!Number.isFinite(fx)) throw new RangeError(`findRoots: f(${x}) is not a finite number`);
    samples.push({ x, fx });
  }
  let evaluations = points;
  const roots: BrentResult[] = [];
  const fTolerance = options.fTolerance ?? 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    if (s.fx === 0 || Math.abs(s.fx) <= fTolerance) {
      // A sample on the root; its neighbour's interval is not searched again.
      if (!roots.some((r) => r.x === s.x)) roots.push({ ...s, evaluations: 0, bracket: [s.x, s.x], converged: true });
      continue;
    }
    const t = samples[i + 1];
    if (!t || t.fx === 0 || Math.abs(t.fx) <= fTolerance || Math.sign(s.fx) === Math.sign(t.fx)) continue;
    const r = await brent(f, s.x, t.x, s.fx, t.fx, options);
    evaluations += r.evaluations;
    roots.push(r);
  }
  const all = [...samples, ...roots];
  const best = all.reduce((m, v) => (Math.abs(v.fx) < Math.abs(m.fx) ? v : m), all[0]);
  return { roots, samples, evaluations, best: { x: best.x, fx: best.fx } };
}

/**
 * The root nearest `to` (ties: the lower); null when there are none.
 *
 * @example
 * nearestRoot([{ x: 1 }, { x: 3 }], 2.5); // { x: 3 }
 */
export function nearestRoot<T extends { x: number }>(roots: T[], to: number): T | null {
  let best: T | null = null;
  for (const r of roots) if (best === null || Math.abs(r.x - to) < Math.abs(best.x - to)) best = r;
  return best;
}
