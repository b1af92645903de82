/**
 * The Monte Carlo kernel: `runPlan`'s projection, generated once per plan shape (see
 * `lean-source.ts`), keeping only what a draw's summary reads: children by state at the end of
 * each period (summed over ages), cost of occupancy and costed moves, and programme cost, each
 * cash and discounted. `runPlan` stays the reference; tests check one against the other.
 */
import { ageCapacityTallies, applyCapacity } from './kernel.js';
import { shapeOf } from './lean-shape.js';
import { leanSource } from './lean-source.js';
import { packValues, type Pattern } from './pattern.js';
import type { Plan } from './plan.js';

/** Figures per period after the states: cost, cost discounted, programme cost, programme cost discounted. */
export const LEAN_EXTRA = 4;

/** Working arrays of one kernel (a kernel is not re-entrant; each worker thread has its own). */
interface Scratch {
  x: Float64Array;
  y: Float64Array;
  arrived: Float64Array;
  displaced: Float64Array;
  displacedStart: Float64Array;
  fromOverflow: Float64Array;
  displacedShare: Float64Array;
  bounced: Float64Array;
  starts: Float64Array;
  entries: Float64Array;
  exits: Float64Array;
}

/**
 * Runs `plan` with its probabilities packed along the kernel's pattern in `V`
 * (`[(set * nBands + band) * moves + move]`), writing period p's figures at
 * `out[offset + p * stride + i]`: children in state i, then the `LEAN_EXTRA` figures.
 */
export type LeanKernel = (plan: Plan, V: Float64Array, out: Float64Array, offset: number, stride: number) => void;

type Compiled = (plan: Plan, V: Float64Array, out: Float64Array, offset: number, stride: number, lib: unknown) => void;
const compiled = new Map<string, Compiled>();

/**
 * The kernel for plans shaped like `plan` whose non-zero moves all lie in `pattern` (generated
 * on first use, then cached by shape). Plans given to it must have the same sizes, programme
 * cells, capacities and costed moves as `plan`; only values may differ.
 */
export function leanKernel(plan: Plan, pattern: Pattern): LeanKernel {
  const shape = shapeOf(plan, pattern);
  const key = JSON.stringify(shape);
  let fn = compiled.get(key);
  if (!fn) {
    // The source is built from numbers only (sizes and indices), never from user text.
    fn = new Function('plan', 'V', 'out', 'offset', 'stride', 'lib', leanSource(shape)) as Compiled;
    compiled.set(key, fn);
  }
  const cells = plan.nStates * plan.nBands;
  const caps = plan.nCapacities * plan.nBands;
  const f64 = (k: number) => new Float64Array(k);
  const scratch: Scratch = { x: f64(cells), y: f64(cells), arrived: f64(cells), displaced: f64(caps), displacedStart: f64(caps), fromOverflow: f64(caps), displacedShare: f64(caps), bounced: f64(1), starts: f64(cells), entries: f64(cells), exits: f64(cells) };
  const lib = { scratch, ageCapacityTallies, applyCapacity };
  const run = fn;
  return (p, V, out, offset, stride) => run(p, V, out, offset, stride, lib);
}

/**
 * The Monte Carlo figures of one plan, by the specialised kernel with the plan's own pattern:
 * `[period * (nStates + LEAN_EXTRA) + figure]`.
 */
export function runLean(plan: Plan, pattern: Pattern): Float64Array {
  const V = packValues(plan, pattern);
  if (!V) throw new Error('runLean: the plan has a move its pattern does not hold');
  const stride = plan.nStates + LEAN_EXTRA;
  const out = new Float64Array(plan.nPeriods * stride);
  leanKernel(plan, pattern)(plan, V, out, 0, stride);
  return out;
}
