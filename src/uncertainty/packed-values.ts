/**
 * The model's uncertain rows and probabilities written into packed values (see
 * `engine/pattern.ts`): what `planWithValues` does to the dense matrices, for the moves a pattern
 * holds, so a draw rewrites only its drawn rows (and the moves its year shocks scale).
 */
import type { Pattern, RowIndex } from '../engine/pattern.js';
import type { Model } from '../model/types.js';
import type { ModelValues } from './parameters.js';
import { applyShocksPacked, movesShocked } from './year-shocks.js';

/** The moves a draw of the model's parameters may make non-zero, as `[band, from, to]`. */
export function movesDrawn(model: Model): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (const r of model.uncertainty.rows) {
    for (const b of r.bands) for (let j = 0; j < r.alpha.length; j++) if (r.alpha[j] > 0) out.push([b, r.state, j]);
  }
  for (const p of model.uncertainty.probabilities) {
    for (const b of p.bands) out.push([b, p.from, p.from], [b, p.from, p.to]);
  }
  out.push(...movesShocked(model.uncertainty.yearShocks));
  return out;
}

/**
 * Writes into `into` the packed values `base` (`nSets` sets) with the model's parameters at
 * `values`, in the order `planWithValues` applies them. Throws if a drawn row has a non-zero move
 * the pattern does not hold.
 */
export function packedModelValues(model: Model, pattern: Pattern, rows: RowIndex, nSets: number, base: Float64Array, values: ModelValues, into: Float64Array): void {
  const { n, size } = pattern;
  const mu = model.uncertainty;
  into.set(base.subarray(0, nSets * size));
  for (let set = 0; set < nSets; set++) {
    mu.rows.forEach((r, i) => {
      const drawn = values.rows[i];
      let nonZero = 0;
      for (let j = 0; j < n; j++) if (drawn[j] !== 0) nonZero++;
      for (const b of r.bands) {
        const g = pattern.group[b];
        const { to } = pattern.moves[g];
        const at = set * size + pattern.offset[b];
        let written = 0;
        for (let k = rows.start[g * (n + 1) + r.state]; k < rows.start[g * (n + 1) + r.state + 1]; k++) {
          const q = rows.list[k];
          into[at + q] = drawn[to[q]];
          if (drawn[to[q]] !== 0) written++;
        }
        if (written !== nonZero) throw new Error(`packedModelValues: ${r.label} has a move outside the pattern`);
      }
    });
    mu.probabilities.forEach((p, i) => {
      const v = Math.max(0, values.probabilities[i]);
      for (const b of p.bands) {
        const m = pattern.moves[pattern.group[b]];
        const at = set * size + pattern.offset[b];
        const stay = at + m.index[p.from * n + p.from];
        const move = at + m.index[p.from * n + p.to];
        // The stay probability takes up the change; a draw beyond what it holds is clipped.
        const available = into[stay] + into[move];
        const next = Math.min(v, available);
        into[stay] = available - next;
        into[move] = next;
      }
    });
  }
  applyShocksPacked(mu.yearShocks, values.shocks, pattern, nSets, into);
}
