/**
 * Rate changes applied to probabilities packed along a pattern (see `engine/pattern.ts`): the
 * same changes, weights and matrix sets as `applyRateChanges`, row by row, without building the
 * dense matrices. Monte Carlo uses it to change only the rows a scenario touches in each draw.
 */
import type { Pattern, RowIndex } from '../engine/pattern.js';
import type { Plan } from '../engine/plan.js';
import { setLayout, type ChangeProblem, type PlannedChange } from './apply-rates.js';
import { applyToRow } from './rates.js';

/** Buffers reused from one call to the next (`row` all zeros between calls, as new). */
export interface PackedScratch {
  row: Float64Array;
  next: Float64Array;
}

/** The moves any of `changes` may make non-zero, as `[band, from, to]` (for widening a pattern). */
export function movesChanged(changes: PlannedChange[], n: number, nBands: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (const c of changes) {
    // Multiplying leaves a zero move at zero; adding or setting can make it non-zero.
    const grows = c.change.kind === 'add' || c.change.kind === 'set';
    const targets = c.to.length ? c.to : [...Array(n).keys()].filter((j) => j !== c.from);
    for (const b of c.bands.length ? c.bands : [...Array(nBands).keys()]) {
      out.push([b, c.from, c.stay ?? c.from]);
      if (grows) for (const j of targets) out.push([b, c.from, j]);
    }
  }
  return out;
}

/**
 * Writes into `into` the packed values of `plan`'s matrix sets under `changes` (`values` holds
 * the plan's own sets, packed), and returns the sets each step uses and any problems (as
 * `applyRateChanges`). Throws if a change makes a move non-zero that the pattern does not hold.
 */
export function applyRateChangesPacked(
  plan: Plan,
  pattern: Pattern,
  rows: RowIndex,
  values: Float64Array,
  changes: PlannedChange[],
  monthsPerStep: number,
  into: Float64Array,
  scratch: PackedScratch,
): { nSets: number; stepSet: Int32Array; problems: ChangeProblem[] } {
  const { n, size } = pattern;
  const nb = plan.nBands;
  const problems: ChangeProblem[] = [];
  if (changes.length === 0) {
    into.set(values.subarray(0, plan.nSets * size));
    return { nSets: plan.nSets, stepSet: plan.stepSet, problems };
  }
  const layout = setLayout(plan, changes, monthsPerStep);
  const { row, next } = scratch;
  const targetsOf = changes.map((c) => (c.to.length ? c.to : allBut(c.from, n).filter((j) => j !== (c.stay ?? c.from))));
  layout.sets.forEach(({ base, weights, firstStep }, set) => {
    into.set(values.subarray(base * size, (base + 1) * size), set * size);
    for (let ci = 0; ci < changes.length; ci++) {
      const c = changes[ci];
      const w = weights[ci];
      if (w === 0) continue;
      const stay = c.stay ?? c.from;
      const targets = targetsOf[ci];
      for (let bi = 0, nbs = c.bands.length || nb; bi < nbs; bi++) {
        const b = c.bands.length ? c.bands[bi] : bi;
        const g = pattern.group[b];
        const { to } = pattern.moves[g];
        const at = set * size + pattern.offset[b];
        const lo = rows.start[g * (n + 1) + c.from];
        const hi = rows.start[g * (n + 1) + c.from + 1];
        for (let r = lo; r < hi; r++) row[to[rows.list[r]]] = into[at + rows.list[r]];
        const problem = applyToRow(row, stay, targets, c.change, w, c.clip, next);
        if (problem) problems.push({ ...problem, change: ci, label: c.label, step: firstStep, band: b });
        // Written back and cleared: what is left non-zero (only the stay or a target can be)
        // lies outside the pattern.
        for (let r = lo; r < hi; r++) {
          const j = to[rows.list[r]];
          into[at + rows.list[r]] = row[j];
          row[j] = 0;
        }
        if (row[stay] !== 0 || targets.some((j) => row[j] !== 0)) {
          row.fill(0);
          throw new Error(`applyRateChangesPacked: change ${c.label} makes a move non-zero outside the pattern`);
        }
      }
    }
  });
  return { nSets: layout.sets.length, stepSet: layout.stepSet, problems };
}

const others = new Map<string, number[]>();
/** Every state but `from` (cached: it is asked for once per change, set and band). */
function allBut(from: number, n: number): number[] {
  const key = `${from}/${n}`;
  let list = others.get(key);
  if (!list) others.set(key, (list = [...Array(n).keys()].filter((j) => j !== from)));
  return list;
}
