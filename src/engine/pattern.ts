/**
 * The sparsity pattern of a plan's transition matrices, and the plan's probabilities packed along
 * it. The specialised kernel (`lean.ts`) is generated for one pattern and reads only the packed
 * values, so a pattern must hold every move that can be non-zero in any matrix it is used with.
 * Bands with the same moves share one list (single-year ages of one published band, say).
 */
import type { Plan } from './plan.js';

/** The moves of a group of bands, ordered by destination then origin (the order `runPlan` adds a destination's inflows). */
export interface Moves {
  from: Int32Array;
  to: Int32Array;
  /** Position of each move in the group's list, `[from * n + to]`; -1 for a move not held. */
  index: Int32Array;
}

/** Which moves may be non-zero in each band, and where each band's values sit in a packed set. */
export interface Pattern {
  n: number;
  nBands: number;
  /** Group of each band, and each group's moves. */
  group: Int32Array;
  moves: Moves[];
  /** Offset of each band's values within a set, and the values per set. */
  offset: Int32Array;
  size: number;
}

/** Marks, `[band * n * n + from * n + to]`, of the moves non-zero in some set of `plan` (added to `into`). */
export function heldMoves(plan: Plan, into: Uint8Array = new Uint8Array(plan.nBands * plan.nStates * plan.nStates)): Uint8Array {
  const block = plan.nBands * plan.nStates * plan.nStates;
  for (let set = 0; set < plan.nSets; set++) {
    const off = set * block;
    for (let c = 0; c < block; c++) if (plan.P[off + c] !== 0) into[c] = 1;
  }
  return into;
}

function movesOf(n: number, held: Uint8Array, off: number): Moves {
  const from: number[] = [];
  const to: number[] = [];
  const index = new Int32Array(n * n).fill(-1);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      if (held[off + i * n + j] === 0) continue;
      index[i * n + j] = from.length;
      from.push(i);
      to.push(j);
    }
  }
  return { from: Int32Array.from(from), to: Int32Array.from(to), index };
}

/** The pattern holding exactly the marked moves (`held` as from `heldMoves`). */
export function patternOf(n: number, nBands: number, held: Uint8Array): Pattern {
  const nn = n * n;
  const keys = new Map<string, number>();
  const moves: Moves[] = [];
  const group = new Int32Array(nBands);
  const offset = new Int32Array(nBands);
  let size = 0;
  for (let b = 0; b < nBands; b++) {
    const key = held.subarray(b * nn, (b + 1) * nn).join('');
    let g = keys.get(key);
    if (g === undefined) {
      keys.set(key, (g = moves.length));
      moves.push(movesOf(n, held, b * nn));
    }
    group[b] = g;
    offset[b] = size;
    size += moves[g].from.length;
  }
  return { n, nBands, group, moves, offset, size };
}

/** The pattern of exactly the moves `plan` has. */
export function patternOfPlan(plan: Plan): Pattern {
  return patternOf(plan.nStates, plan.nBands, heldMoves(plan));
}

/**
 * Packs the plan's probabilities along `pattern` into `into` (allocated when not given):
 * `[set * pattern.size + pattern.offset[band] + move]`. Returns null when the plan has a non-zero
 * move the pattern does not hold, so the caller can widen it.
 */
export function packValues(plan: Plan, pattern: Pattern, into?: Float64Array): Float64Array | null {
  const n = plan.nStates;
  const nn = n * n;
  const out = into ?? new Float64Array(plan.nSets * pattern.size);
  for (let set = 0; set < plan.nSets; set++) {
    for (let b = 0; b < plan.nBands; b++) {
      const off = (set * plan.nBands + b) * nn;
      const { from, to } = pattern.moves[pattern.group[b]];
      const at = set * pattern.size + pattern.offset[b];
      let held = 0;
      for (let q = 0; q < from.length; q++) {
        const v = plan.P[off + from[q] * n + to[q]];
        out[at + q] = v;
        if (v !== 0) held++;
      }
      let nonZero = 0;
      for (let c = 0; c < nn; c++) if (plan.P[off + c] !== 0) nonZero++;
      if (nonZero !== held) return null;
    }
  }
  return out;
}

/** For each group and state, the positions of the moves out of it: `list[start[g * (n + 1) + i] ..< start[g * (n + 1) + i + 1]]`. */
export interface RowIndex {
  start: Int32Array;
  list: Int32Array;
}

/** Where each row's moves sit in each group's list, so a row can be read or written in one pass. */
export function rowIndex(pattern: Pattern): RowIndex {
  const { n } = pattern;
  const start = new Int32Array(pattern.moves.length * (n + 1));
  const list: number[] = [];
  pattern.moves.forEach((m, g) => {
    for (let i = 0; i < n; i++) {
      start[g * (n + 1) + i] = list.length;
      for (let q = 0; q < m.from.length; q++) if (m.from[q] === i) list.push(q);
    }
    start[g * (n + 1) + n] = list.length;
  });
  return { start, list: Int32Array.from(list) };
}
