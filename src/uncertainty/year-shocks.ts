/**
 * Year shocks (`uncertainty.year_shocks`): drawing each shock's factor per financial year, and
 * writing the factors into a plan's matrices, dense (`planWithValues`) or packed
 * (`packedModelValues`), in the same order so both paths give the same probabilities. A model
 * with year shocks has one matrix set per financial year (set k is year k; see
 * `model/year-rates.ts` `matrixSets`).
 */
import type { Pattern } from '../engine/pattern.js';
import type { YearShock } from '../model/types.js';
import { normal, type Uniform } from './random.js';

/**
 * Factors of one shock for `years` financial years: f_t = exp(x_t), x_1 = sd·z_1,
 * x_t = persistence·x_{t-1} + sd·z_t (z standard normal). The median factor is 1.
 */
export function drawShockFactors(s: YearShock, years: number, u: Uniform, into?: Float64Array): Float64Array {
  const out = into && into.length === years ? into : new Float64Array(years);
  let x = 0;
  for (let t = 0; t < years; t++) {
    x = s.persistence * x + s.sd * normal(u);
    out[t] = Math.exp(x);
  }
  return out;
}

/** The moves a year shock changes, as `[band, from, to]`, stays included. */
export function movesShocked(shocks: YearShock[]): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (const s of shocks) for (const b of s.bands) for (const from of s.from) {
    out.push([b, from, from]);
    for (const to of s.to) out.push([b, from, to]);
  }
  return out;
}

/**
 * Multiplies the move at `move` by `f` in `p`, the stay at `stay` taking up the change; a
 * factor beyond what the stay holds is clipped (the stay goes to 0, never below).
 */
function shockMove(p: Float64Array, stay: number, move: number, f: number): void {
  const available = p[stay] + p[move];
  const next = Math.min(p[move] * f, available);
  p[stay] = available - next;
  p[move] = next;
}

/** Writes the factors into dense matrices `P` (`nSets` sets of `nBands` n×n matrices, set k = year k). */
export function applyShocksDense(shocks: YearShock[], factors: Float64Array[], P: Float64Array, n: number, nBands: number, nSets: number): void {
  const nn = n * n;
  shocks.forEach((s, i) => {
    for (let set = 0; set < nSets; set++) {
      const f = factors[i]?.[set] ?? 1;
      if (f === 1) continue;
      for (const b of s.bands) for (const from of s.from) {
        const row = (set * nBands + b) * nn + from * n;
        for (const to of s.to) shockMove(P, row + from, row + to, f);
      }
    }
  });
}

/** Writes the factors into packed values `values` (`nSets` sets along `pattern`, set k = year k). */
export function applyShocksPacked(shocks: YearShock[], factors: Float64Array[], pattern: Pattern, nSets: number, values: Float64Array): void {
  const { n, size } = pattern;
  shocks.forEach((s, i) => {
    for (let set = 0; set < nSets; set++) {
      const f = factors[i]?.[set] ?? 1;
      if (f === 1) continue;
      for (const b of s.bands) {
        const m = pattern.moves[pattern.group[b]];
        const at = set * size + pattern.offset[b];
        for (const from of s.from) for (const to of s.to) shockMove(values, at + m.index[from * n + from], at + m.index[from * n + to], f);
      }
    }
  });
}
