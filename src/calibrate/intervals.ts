/**
 * Year shocks fitted so a calibrated model's own draws give the intervals the backtest measured.
 * Each series gets one shock on the moves that fill it (care: every move into care; plans: every
 * move onto a plan; CIN: universal into need), an AR(1) in the log factor a year (sd and
 * persistence). The fit is a linearisation: J, the change in log stock at year h per unit
 * log-shock in year t ≤ h, by central differences on the deterministic model; the variance of
 * log stock is then Σ_k sd_k² · J_kᵀ C(ρ_k) J_k, with C the AR(1) correlation of the years'
 * shocks. For each series, over a grid of persistence, sd² is closed-form least squares on the
 * relative variance error, and the persistence whose widths are closest (in relative terms) is
 * kept; the series are fitted in turn, three passes, each taking the others' spread as given.
 */
import { runPlan } from '../engine/kernel.js';
import type { Plan } from '../engine/plan.js';
import type { Model } from '../model/types.js';
import { planWithValues, pointModelValues } from '../uncertainty/parameters.js';

/** The published stock series intervals are fitted to. */
export const INTERVAL_SERIES = ['cla', 'cpp', 'cin'] as const;
export type IntervalSeries = (typeof INTERVAL_SERIES)[number];

/** The moves each series' shock scales, and the states whose children make up the series (DfE's definitions). */
export const SHOCKED: Record<IntervalSeries, { from: string[]; to: string; stock: string[]; label: string }> = {
  cla: { from: ['universal', 'cin', 'cpp'], to: 'cic', stock: ['cic'], label: 'moves into care' },
  cpp: { from: ['universal', 'cin'], to: 'cpp', stock: ['cpp'], label: 'moves onto a plan' },
  cin: { from: ['universal'], to: 'cin', stock: ['cin', 'cpp', 'cic'], label: 'moves into need' },
};

/** z of the 90th percentile of the standard normal: an 80% interval is ±Z80 sd of the log. */
export const Z80 = 1.2815515655446004;

/** A fitted shock and the 80% log-widths it gives (linearised) against the target's. */
export interface FittedShock {
  series: IntervalSeries;
  sd: number;
  persistence: number;
  /** Target and fitted width of the 80% interval in log(actual / forecast), per horizon. */
  target: number[];
  fitted: number[];
}

/** Persistence values tried. */
const PERSISTENCE = Array.from({ length: 21 }, (_, i) => i / 20);
/** Log-shock used for the central differences. */
const EPS = 1e-4;

/** Log children in each series at the end of years 1..H, with the shocks' log factors `x[k][t]`. */
function logStocks(model: Model, plan: Plan, x: number[][], horizon: number): number[][] {
  const shocks = x.map((xs) => Float64Array.from(xs, Math.exp));
  const p = planWithValues(model, plan, { ...pointModelValues(model), shocks });
  const r = runPlan(p);
  const n = p.nStates;
  const index = (id: string) => model.states.findIndex((s) => s.id === id);
  return INTERVAL_SERIES.map((s) => Array.from({ length: horizon }, (_, h) => {
    let sum = 0;
    for (const id of SHOCKED[s].stock) for (let b = 0; b < p.nBands; b++) sum += r.stock[(h * p.nBands + b) * n + index(id)];
    return Math.log(sum);
  }));
}

/**
 * J[s][k][h][t]: d log stock of series s at year h+1 / d log factor of shock k in year t+1.
 * `model` has one year shock per series, in `INTERVAL_SERIES` order; `plan` its compiled plan.
 */
export function shockJacobian(model: Model, plan: Plan, horizon: number): number[][][][] {
  const K = INTERVAL_SERIES.length;
  const zero = () => Array.from({ length: K }, () => new Array<number>(horizon).fill(0));
  const J = INTERVAL_SERIES.map(() => INTERVAL_SERIES.map(() => Array.from({ length: horizon }, () => new Array<number>(horizon).fill(0))));
  for (let k = 0; k < K; k++) for (let t = 0; t < horizon; t++) {
    const up = zero();
    const down = zero();
    up[k][t] = EPS;
    down[k][t] = -EPS;
    const a = logStocks(model, plan, up, horizon);
    const b = logStocks(model, plan, down, horizon);
    for (let s = 0; s < K; s++) for (let h = 0; h < horizon; h++) J[s][k][h][t] = (a[s][h] - b[s][h]) / (2 * EPS);
  }
  return J;
}

/** jᵀ C(ρ) j, C the correlation of an AR(1) started at 0 with unit innovations: C_ij = Σ_{m≤min(i,j)} ρ^(i-m) ρ^(j-m). */
export function ar1Quadratic(j: number[], rho: number): number {
  let out = 0;
  for (let i = 0; i < j.length; i++) for (let k = 0; k < j.length; k++) {
    let c = 0;
    for (let m = 0; m <= Math.min(i, k); m++) c += rho ** (i - m) * rho ** (k - m);
    out += j[i] * c * j[k];
  }
  return out;
}

/**
 * Shocks (sd, persistence per series) whose linearised 80% intervals match `targets` (the width
 * of the 80% interval of log(actual / forecast) at horizons 1..H, per series).
 */
export function fitShocks(J: number[][][][], targets: Record<IntervalSeries, number[]>): FittedShock[] {
  const K = INTERVAL_SERIES.length;
  const H = targets.cla.length;
  const want = INTERVAL_SERIES.map((s) => targets[s].map((w) => (w / (2 * Z80)) ** 2));
  const sd2 = new Array<number>(K).fill(0);
  const rho = new Array<number>(K).fill(0);
  const variance = (s: number, h: number, sd2k: number[], rhok: number[]) => {
    let v = 0;
    for (let k = 0; k < K; k++) v += sd2k[k] * ar1Quadratic(J[s][k][h].slice(0, h + 1), rhok[k]);
    return v;
  };
  for (let pass = 0; pass < 3; pass++) {
    for (let k = 0; k < K; k++) {
      let best = { err: Infinity, sd2: 0, rho: 0 };
      for (const r of PERSISTENCE) {
        const a = Array.from({ length: H }, (_, h) => ar1Quadratic(J[k][k][h].slice(0, h + 1), r));
        const others = Array.from({ length: H }, (_, h) => variance(k, h, sd2.map((v, i) => (i === k ? 0 : v)), rho));
        const t = want[k].map((v, h) => v - others[h]);
        // Least squares of (sd² a_h − t_h) / v_h: relative errors in variance.
        const num = a.reduce((acc, ah, h) => acc + (ah * t[h]) / want[k][h] ** 2, 0);
        const den = a.reduce((acc, ah, h) => acc + ah ** 2 / want[k][h] ** 2, 0);
        const s2 = den > 0 ? Math.max(0, num / den) : 0;
        const err = a.reduce((acc, ah, h) => acc + (Math.sqrt(Math.max(0, s2 * ah + others[h]) / want[k][h]) - 1) ** 2, 0);
        if (err < best.err - 1e-12) best = { err, sd2: s2, rho: r };
      }
      sd2[k] = best.sd2;
      rho[k] = best.rho;
    }
  }
  return INTERVAL_SERIES.map((series, k) => ({
    series,
    sd: Math.sqrt(sd2[k]),
    persistence: rho[k],
    target: targets[series],
    fitted: Array.from({ length: H }, (_, h) => 2 * Z80 * Math.sqrt(variance(k, h, sd2, rho))),
  }));
}
