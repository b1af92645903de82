/**
 * Changes to transition probabilities, applied to one row of a per-step matrix. The stay
 * probability (the row's own state) absorbs every change, so the row still sums to 1.
 */

/** A change to the probability of one or more moves out of a state. */
export type RateChange =
  /** Multiply the probability of each targeted move by `factor`. */
  | { kind: 'multiply'; factor: number }
  /** Add `amount` to the probability of each targeted move. */
  | { kind: 'add'; amount: number }
  /** Set the probability of each targeted move to `value`. */
  | { kind: 'set'; value: number }
  /** Relative risk: multiply each targeted move (by default every move out) by `rr`. */
  | { kind: 'relative_risk'; rr: number };

/** Why a change cannot be applied to a row, or null. */
export interface RowProblem {
  to: number;
  value: number;
  message: string;
}

/**
 * New probability of one move under a change at `weight` (0 to 1) of its full effect, the effect
 * interpolated linearly between no change and the full change.
 *
 * @example
 * changedValue(0.2, { kind: 'relative_risk', rr: 0.5 }, 0.5); // 0.2 × 0.75 = 0.15
 */
export function changedValue(p: number, change: RateChange, weight = 1): number {
  switch (change.kind) {
    case 'multiply': return p * (1 + weight * (change.factor - 1));
    case 'relative_risk': return p * (1 + weight * (change.rr - 1));
    case 'add': return p + weight * change.amount;
    case 'set': return p + weight * (change.value - p);
  }
}

/**
 * Applies a change to the moves `targets` of row `from` (a per-step row of `n` probabilities), in
 * place. The stay probability absorbs the change. With `clip`, a move is kept within 0 and what
 * the stay probability can give; without it, a change that would leave [0, 1] is a problem and
 * the row is left as it was.
 *
 * @example
 * const row = new Float64Array([0.7, 0.2, 0.1]);
 * applyToRow(row, 0, [1, 2], { kind: 'relative_risk', rr: 0.5 }); // row = [0.85, 0.1, 0.05]
 */
export function applyToRow(
  row: Float64Array,
  from: number,
  targets: readonly number[],
  change: RateChange,
  weight = 1,
  clip = false,
  scratch?: Float64Array,
): RowProblem | null {
  // `scratch` (as long as the row) saves an allocation per row where many rows change (Monte Carlo).
  const next = scratch ?? row.slice();
  if (scratch) next.set(row);
  for (const to of targets) {
    if (to === from) continue;
    let v = changedValue(row[to], change, weight);
    const available = next[from] + next[to];
    if (clip) v = Math.min(Math.max(v, 0), available);
    if (v < 0) return { to, value: v, message: `the move would have probability ${v.toPrecision(4)}, below 0` };
    if (v > available + 1e-12) {
      return { to, value: v, message: `the move would have probability ${v.toPrecision(4)}, more than the ${available.toPrecision(4)} the stay probability leaves` };
    }
    next[from] = available - v;
    next[to] = v;
  }
  row.set(next);
  return null;
}
