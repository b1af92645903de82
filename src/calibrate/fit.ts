/**
 * Calibration: the monthly move probabilities of a council's model, fitted so that the model
 * reproduces the council's published stocks at 31 March and flows in each year of a window.
 * Levenberg-Marquardt (ml-levenberg-marquardt) on relative errors, with the probabilities on a
 * multinomial-logit scale and a weak pull towards England's rates so sparse windows stay sane.
 */
import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import { compileModel } from '../engine/compile.js';
import { allocateResult, clearResult, runPlan } from '../engine/kernel.js';
import type { Plan, RawResult } from '../engine/plan.js';
import type { Council, SeriesName } from '../io/published.js';
import { yearMatrices } from '../model/year-rates.js';
import type { HazardTrend } from './trend.js';
import { councilModel, exitRates, FLOW_MOVES, MOVES, NATIONAL, parametersOf, probabilities, startProblem, STATES, STOCK_STATES } from './structure.js';

/** Weight of the pull towards England's rates, on the logit scale, against relative errors. */
const PRIOR_WEIGHT = 0.05;

/** One published figure against the calibrated model's. */
export interface FittedPoint {
  series: SeriesName;
  year: number;
  observed: number;
  fitted: number;
}

/** A council's calibration. */
export interface Calibration {
  code: string;
  name: string;
  from: number;
  to: number;
  /** Monthly move probabilities, in the order of `MOVES`. */
  p: number[];
  referralsPerCinStart: number | null;
  points: FittedPoint[];
  iterations: number;
  /**
   * Whether the fit converged: CHECK_ITERATIONS more iterations from where it stopped improve
   * its error (sum of squares) by less than the share CONVERGED.
   */
  converged: boolean;
}

/** Iterations of Levenberg-Marquardt. */
export const MAX_ITERATIONS = 200;
/** Iterations of the check that the fit has converged. */
export const CHECK_ITERATIONS = 10;
/** Improvement of the error (as a share of it) below which the fit has converged. */
export const CONVERGED = 1e-6;

/** Figures of one run: per year, stocks and flows by published series. */
export type ModelSeries = Record<'cin' | 'cpp' | 'cla' | 'cin_starts' | 'cpp_starts' | 'cla_starts' | 'cla_ceased', number[]>;

/** Reads the published series off a kernel result of the council model. */
export function seriesOf(plan: Plan, r: RawResult): ModelSeries {
  const n = STATES.length;
  const nf = MOVES.length;
  const out = { cin: [], cpp: [], cla: [], cin_starts: [], cpp_starts: [], cla_starts: [], cla_ceased: [] } as ModelSeries;
  for (let k = 0; k < plan.nPeriods; k++) {
    for (const [name, states] of Object.entries(STOCK_STATES)) out[name as 'cin'].push(states.reduce((a, s) => a + r.stock[k * n + s], 0));
    for (const [name, moves] of Object.entries(FLOW_MOVES)) out[name as 'cin_starts'].push(moves.reduce((a, m) => a + r.flows[k * nf + m], 0));
  }
  return out;
}

/**
 * Sets the plan's monthly matrices to the probabilities `p` (each year's, when the exit hazard
 * follows `trend`: the plan must have been compiled with the same trend, so its sets line up).
 */
export function setProbabilities(plan: Plan, p: number[], trend: HazardTrend | null = null): void {
  const n = STATES.length;
  const base = new Float64Array(n * n);
  for (let i = 0; i < n; i++) base[i * n + i] = 1;
  MOVES.forEach(([a, b], k) => {
    base[a * n + b] = p[k];
    base[a * n + a] -= p[k];
  });
  if (plan.nSets === 1) return plan.P.set(base);
  const rates = exitRates(trend);
  for (let set = 0; set < plan.nSets; set++) {
    const k = plan.stepSet.indexOf(set);
    plan.P.set(yearMatrices([{ n, p: base }], rates, plan.periods[plan.periodOfStep[k]].fy)[0].p, set * n * n);
  }
}

/** Why a council cannot be calibrated over a window, or null. */
export function windowProblem(council: Council, from: number, to: number): string | null {
  if (to <= from) return `the window ${from}-${to} has no year after its start`;
  const start = startProblem(council.years.get(from));
  if (start) return `${from}: ${start}`;
  for (let y = from + 1; y <= to; y++) {
    const row = council.years.get(y);
    if (!row || row.population === null) return `${y}: no population`;
    if (!(['cin', 'cpp', 'cla'] as const).some((s) => row.values[s] !== undefined)) return `${y}: no cin, cpp or cla`;
  }
  return null;
}

/**
 * Calibrates a council's model to its published figures for the years ending 31 March `from + 1`
 * to `to`, starting from its stocks at 31 March `from`.
 */
export async function calibrate(council: Council, from: number, to: number): Promise<Calibration> {
  const problem = windowProblem(council, from, to);
  if (problem) throw new Error(`${council.code}: ${problem}`);
  const { plan } = await compileModel(councilModel(council, from, to - from, NATIONAL, to));
  const result = allocateResult(plan);
  const observations: { series: keyof ModelSeries; k: number; year: number; value: number }[] = [];
  for (let y = from + 1; y <= to; y++) {
    const row = council.years.get(y)!;
    for (const s of ['cin', 'cpp', 'cla', 'cin_starts', 'cpp_starts', 'cla_starts', 'cla_ceased'] as const) {
      const v = row.values[s];
      if (v !== undefined && v > 0) observations.push({ series: s, k: y - from - 1, year: y, value: v });
    }
  }
  const theta0 = parametersOf(NATIONAL);
  const run = (theta: ArrayLike<number>) => {
    setProbabilities(plan, probabilities(theta));
    runPlan(plan, clearResult(result));
    return seriesOf(plan, result);
  };
  let cacheKey: ArrayLike<number> | null = null;
  let cache: number[] = [];
  const residuals = (theta: ArrayLike<number>): number[] => {
    if (theta === cacheKey) return cache;
    const m = run(theta);
    cache = [
      ...observations.map((o) => (m[o.series][o.k] - o.value) / o.value),
      ...Array.from(theta, (t, i) => PRIOR_WEIGHT * (t - theta0[i])),
    ];
    cacheKey = theta;
    return cache;
  };
  const count = observations.length + theta0.length;
  const data = { x: Array.from({ length: count }, (_, i) => i), y: new Array<number>(count).fill(0) };
  const fn = (theta: number[]) => (i: number) => residuals(theta)[i];
  const options = { damping: 0.01, gradientDifference: 1e-4, errorTolerance: 1e-12 };
  const fitted = levenbergMarquardt(data, fn, { ...options, initialValues: theta0, maxIterations: MAX_ITERATIONS });
  // The library stops only at a near-zero error (never reached with the pull towards England) or at
  // the limit; the fit has converged when more iterations from where it stopped barely improve it.
  const further = levenbergMarquardt(data, fn, { ...options, initialValues: fitted.parameterValues, maxIterations: CHECK_ITERATIONS });
  const converged = fitted.parameterError - further.parameterError <= CONVERGED * fitted.parameterError;
  const p = probabilities(fitted.parameterValues);
  const m = run(fitted.parameterValues);
  const points: FittedPoint[] = observations.map((o) => ({ series: o.series, year: o.year, observed: o.value, fitted: m[o.series][o.k] }));
  // Referrals: a number per CIN start, the ratio of the window's totals.
  let refs = 0;
  let starts = 0;
  for (let y = from + 1; y <= to; y++) {
    const r = council.years.get(y)!.values.referrals;
    if (r === undefined) continue;
    refs += r;
    starts += m.cin_starts[y - from - 1];
  }
  const referralsPerCinStart = starts > 0 && refs > 0 ? refs / starts : null;
  if (referralsPerCinStart !== null) {
    for (let y = from + 1; y <= to; y++) {
      const r = council.years.get(y)!.values.referrals;
      if (r !== undefined) points.push({ series: 'referrals', year: y, observed: r, fitted: referralsPerCinStart * m.cin_starts[y - from - 1] });
    }
  }
  return { code: council.code, name: council.name, from, to, p, referralsPerCinStart, points, iterations: fitted.iterations, converged };
}

/**
 * Stocks at 31 March of the `horizon` years after `origin`, projected from the published stocks
 * at `origin` (the hazard of leaving care following `trend`, if given).
 */
export async function forecast(council: Council, p: number[], origin: number, horizon: number, trend: HazardTrend | null = null): Promise<ModelSeries> {
  const { plan } = await compileModel(councilModel(council, origin, horizon, p, origin, trend));
  return seriesOf(plan, runPlan(plan));
}
