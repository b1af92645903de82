/**
 * Converts a matrix of annual transition probabilities into the matrix for a shorter step.
 *
 * Method: the generator Q = log(P) is computed by inverse scaling and squaring (repeated
 * matrix square roots until P is close to I, then the series log(I + X)), and the step matrix is
 * expm(Q / k) for k steps a year: the principal k-th root of P. Stepping it k times gives P back
 * (checked to 1e-9). mathjs provides `sqrtm` and `expm`; it is imported only when a conversion is
 * needed, because it takes about a second to load.
 *
 * The exact root of a valid annual matrix can have negative entries (moves that in a year happen
 * only through an intermediate state). Those are refused, or with `clip` set to zero and the
 * row rescaled, and the error this introduces in the annual matrix is reported.
 */
import { MatrixRootError } from '../errors.js';

/** Entries above this much below zero count as negative, not as rounding noise. */
export const NEGATIVE_TOLERANCE = 1e-12;

/** Result of converting one matrix. */
export interface RootResult {
  /** Row-major n × n per-step matrix. */
  p: Float64Array;
  /** Largest negative entry of the exact root (0 if none). */
  mostNegative: number;
  /** Where it was: row and column. */
  at: [number, number] | null;
  /** Largest absolute difference between the step matrix to the k-th power and the annual matrix. */
  error: number;
}

type MathJs = typeof import('mathjs');
let mathPromise: Promise<MathJs> | null = null;
function mathjs(): Promise<MathJs> {
  mathPromise ??= import('mathjs');
  return mathPromise;
}

function toRows(p: Float64Array, n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(p.subarray(i * n, i * n + n)));
}

function norm1Diff(a: number[][], identity: boolean): number {
  let max = 0;
  for (let j = 0; j < a.length; j++) {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += Math.abs(a[i][j] - (identity && i === j ? 1 : 0));
    max = Math.max(max, s);
  }
  return max;
}

/** Matrix logarithm of a matrix near enough to a stochastic one (principal branch). */
export async function logm(rows: number[][]): Promise<number[][]> {
  const math = await mathjs();
  let a = rows;
  let s = 0;
  while (norm1Diff(a, true) > 0.25) {
    if (++s > 50) throw new Error('square roots did not approach the identity');
    a = math.sqrtm(a) as number[][];
    if (a.some((r) => r.some((v) => !Number.isFinite(v)))) throw new Error('the square root is not finite');
  }
  const n = a.length;
  const x = a.map((r, i) => r.map((v, j) => v - (i === j ? 1 : 0)));
  let term = x;
  let sum = x.map((r) => r.slice());
  for (let m = 2; m < 200; m++) {
    term = math.multiply(term, x) as number[][];
    const sign = m % 2 === 0 ? -1 : 1;
    let big = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const t = (sign * term[i][j]) / m;
      sum[i][j] += t;
      big = Math.max(big, Math.abs(t));
    }
    if (big < 1e-18) break;
  }
  const scale = 2 ** s;
  return sum.map((r) => r.map((v) => v * scale));
}

/** Names the eigenvalue that stops a real root, where mathjs can find it. */
async function eigenvalueHint(rows: number[][]): Promise<string> {
  const math = await mathjs();
  try {
    const values = (math.eigs(rows).values as unknown as { toArray?: () => unknown[] }).toArray?.() ?? (math.eigs(rows).values as unknown as unknown[]);
    const bad = values.map((v) => (typeof v === 'number' ? v : NaN)).filter((v) => v <= 1e-12);
    if (bad.length) {
      return `it has eigenvalue ${bad[0].toFixed(4)}: stay probabilities are too small for the moves back and forth between states within a year (e.g. many children go from a plan to CIN and back)`;
    }
  } catch {
    // fall through to the general hint
  }
  return 'it has a zero, negative or complex eigenvalue: stay probabilities are too small for the moves within a year';
}

/** Multiplies two row-major n × n matrices. */
export function matMul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
    const aik = a[i * n + k];
    if (aik === 0) continue;
    for (let j = 0; j < n; j++) out[i * n + j] += aik * b[k * n + j];
  }
  return out;
}

/** Raises a row-major n × n matrix to a whole power. */
export function matPow(a: Float64Array, n: number, k: number): Float64Array {
  let out: Float64Array = a.slice();
  for (let i = 1; i < k; i++) out = matMul(out, a, n);
  return out;
}

/**
 * The per-step matrix of an annual matrix for `k` steps a year.
 *
 * @example
 * // A 2-state annual matrix [[0.9, 0.1], [0, 1]] has the monthly root with stay 0.9^(1/12).
 * const r = await annualToStep(new Float64Array([0.9, 0.1, 0, 1]), 2, 12, 'refuse', 'band all');
 */
export async function annualToStep(
  annual: Float64Array,
  n: number,
  k: number,
  negative: 'refuse' | 'clip',
  where: string,
  stateIds?: string[],
): Promise<RootResult> {
  if (k === 1) return { p: annual.slice(), mostNegative: 0, at: null, error: 0 };
  const math = await mathjs();
  let q: number[][];
  try {
    q = await logm(toRows(annual, n));
  } catch (err) {
    throw new MatrixRootError(
      `${where}: the annual matrix has no real per-step root (${(err as Error).message}); ${await eigenvalueHint(toRows(annual, n))}`,
      'Give the matrix per step (transitions.per: step), or revise the annual probabilities so each state keeps more of its children over a year.',
    );
  }
  const root = math.expm(math.matrix(math.multiply(q, 1 / k) as number[][]));
  const rows = root.toArray() as number[][];
  const p = new Float64Array(n * n);
  let mostNegative = 0;
  let at: [number, number] | null = null;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const v = rows[i][j];
    p[i * n + j] = v;
    if (v < mostNegative) { mostNegative = v; at = [i, j]; }
  }
  const name = (i: number) => stateIds?.[i] ?? String(i);
  if (mostNegative < -NEGATIVE_TOLERANCE && negative === 'refuse') {
    throw new MatrixRootError(
      `${where}: the exact per-step root of the annual matrix has a negative probability, ${mostNegative.toExponential(3)} from ${name(at![0])} to ${name(at![1])}; the annual rates imply moves that only happen through another state within a year`,
    );
  }
  // Clip (noise or, when asked, real negatives) and rescale each row to sum to 1.
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) {
      if (p[i * n + j] < 0) p[i * n + j] = 0;
      sum += p[i * n + j];
    }
    for (let j = 0; j < n; j++) p[i * n + j] /= sum;
  }
  const back = matPow(p, n, k);
  let error = 0;
  for (let i = 0; i < n * n; i++) error = Math.max(error, Math.abs(back[i] - annual[i]));
  if (mostNegative >= -NEGATIVE_TOLERANCE && error > 1e-9) {
    throw new MatrixRootError(
      `${where}: the per-step root does not reproduce the annual matrix (error ${error.toExponential(2)}); the matrix is too close to singular to convert`,
      'Give the matrix per step (transitions.per: step).',
    );
  }
  return { p, mostNegative, at, error };
}
