/**
 * The Monte Carlo kernel: `runPlan`'s projection keeping only what a draw's summary reads:
 * children by state at the end of each period (summed over ages), cost of occupancy and costed
 * moves, and programme cost, each cash and discounted. Each band's transitions and ageing run in
 * a function generated once per shape (`lean-source.ts`); the rest of the step follows `runPlan`
 * here. `runPlan` stays the reference; tests check one against the other.
 */
import { ageCapacityTallies, applyCapacity } from './kernel.js';
import { shapeOf, type LeanShape } from './lean-shape.js';
import { BAND_PARAMS, bandSource } from './lean-source.js';
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
  /** Children making each costed move in the step; children by state at the step's start and end; programme totals. */
  moves: Float64Array;
  costOfFlow: Float64Array;
  startTotal: Float64Array;
  endTotal: Float64Array;
  prog: Float64Array;
  progDisc: Float64Array;
  capState: Int32Array;
  capOverflow: Int32Array;
  ageTo: Int32Array;
  ageCapacityTallies: typeof ageCapacityTallies;
}

type BandStep = (x: Float64Array, y: Float64Array, V: Float64Array, v: number, o: number, b: number, frac: number, m: Float64Array, s: Scratch) => void;

/**
 * Runs `plan` with its probabilities packed along the kernel's pattern in `V`
 * (`[set * pattern.size + pattern.offset[band] + move]`), writing period p's figures at
 * `out[offset + p * stride + i]`: children in state i, then the `LEAN_EXTRA` figures.
 */
export type LeanKernel = (plan: Plan, V: Float64Array, out: Float64Array, offset: number, stride: number) => void;

const compiled = new Map<string, BandStep>();

/** The function for band `b` (of group `g`) of `shape` (generated on first use, then cached). */
function bandStep(shape: LeanShape, g: number, b: number, last: boolean): BandStep {
  const { moves, offset, size, group, direct, held, starts, ageTo, ...rest } = shape;
  // Bands differ in ageing only where a state is left at the next band's first age.
  const ageing = ageTo.slice(b * shape.n, (b + 1) * shape.n);
  const key = JSON.stringify([rest, moves[g], last, starts.some((c) => c.length > 0), ageing]);
  let fn = compiled.get(key);
  if (!fn) {
    // The source is built from numbers only (sizes and indices), never from user text.
    fn = new Function(...BAND_PARAMS, bandSource(shape, g, last, b)) as BandStep;
    compiled.set(key, fn);
  }
  return fn;
}

/**
 * The kernel for plans shaped like `plan` whose non-zero moves all lie in `pattern`. Plans given
 * to it must have the same sizes, programme cells, direct-entry cells, capacities and costed
 * moves as `plan`; only values may differ.
 */
export function leanKernel(plan: Plan, pattern: Pattern): LeanKernel {
  const shape = shapeOf(plan, pattern);
  const { nStates: n, nBands: nb } = plan;
  const bands = Array.from({ length: nb }, (_, b) => bandStep(shape, shape.group[b], b, b === nb - 1));
  const cells = n * nb;
  const caps = plan.nCapacities * nb;
  const f64 = (k: number) => new Float64Array(k);
  const s: Scratch = {
    x: f64(cells), y: f64(cells), arrived: f64(cells), displaced: f64(caps), displacedStart: f64(caps), fromOverflow: f64(caps), displacedShare: f64(caps), bounced: f64(1),
    starts: f64(cells), entries: f64(cells), exits: f64(cells), moves: f64(plan.nFlows), costOfFlow: f64(plan.nFlows), startTotal: f64(n), endTotal: f64(n), prog: f64(plan.nProgrammes), progDisc: f64(plan.nProgrammes),
    capState: plan.capState, capOverflow: plan.capOverflow, ageTo: plan.ageTo, ageCapacityTallies,
  };
  // Costed-move pairs from each limit's overflow to its state, whose moves a bounce undoes.
  const bounce = [...plan.capState].map((st, c) => [...plan.flowFrom.keys()].filter((q) => plan.flowFrom[q] === plan.capOverflow[c] && plan.flowTo[q] === st));
  const active = Int32Array.from(shape.active);
  const direct = Int32Array.from(shape.direct);
  const held = shape.held.map((c) => Int32Array.from(c));
  const starts = shape.starts.map((c) => Int32Array.from(c));
  const needStarts = starts.some((c) => c.length > 0);
  return (p, V, out, offset, stride) => runSteps(p, V, out, offset, stride, bands, pattern, s, { active, direct, held, starts, needStarts, bounce });
}

interface Cells {
  active: Int32Array;
  direct: Int32Array;
  held: Int32Array[];
  starts: Int32Array[];
  needStarts: boolean;
  bounce: number[][];
}

/** The step loop, in `runPlan`'s order: bands (transitions and ageing), entries, capacity, population, costs, programmes. */
function runSteps(plan: Plan, V: Float64Array, out: Float64Array, offset: number, stride: number, bands: BandStep[], pattern: Pattern, s: Scratch, cells: Cells): void {
  const { nStates: n, nBands: nb, nSteps, stepSet, ageFrac, price, discount, periodOfStep, costPerStep, popTarget, births, direct, capPlaces, capState, capOverflow, flowCost, flowOf, nFlows } = plan;
  const { programmeHeld, programmeStarts, programmePerChildYear, programmePerStart, programmeFixed, stepYears, wStart, wEnd, entryState, nProgrammes, nCapacities } = plan;
  const { moves: m, prog, progDisc } = s;
  const entries = cells.needStarts ? s.entries : null;
  let x = s.x;
  let y = s.y;
  x.set(plan.x0);
  s.arrived.fill(0);
  s.displaced.fill(0);
  prog.fill(0);
  progDisc.fill(0);
  const nq = flowOf.length;
  const costOfFlow = s.costOfFlow;
  for (let q = 0; q < nq; q++) costOfFlow[flowOf[q]] = flowCost[q];
  const size = pattern.size;
  const bandOffset = pattern.offset;
  const nc = nCapacities;
  const cellsPerStep = n * nb;
  let startTotal = s.startTotal;
  let endTotal = s.endTotal;
  for (let st = 0; st < n; st++) {
    let t = 0;
    for (let c = st; c < cellsPerStep; c += n) t += x[c];
    startTotal[st] = t;
  }
  let cost = 0;
  let costDisc = 0;
  for (let k = 0; k < nSteps; k++) {
    const period = periodOfStep[k];
    const pr = price[k];
    const disc = discount[k];
    const sv = stepSet[k] * size;
    m.fill(0);
    // From the oldest band down, so nobody ages twice.
    for (let b = nb - 1; b >= 0; b--) bands[b](x, y, V, sv + bandOffset[b], b * n, b, ageFrac[b], m, s);

    for (let i = 0; i < cells.direct.length; i++) {
      const c = cells.direct[i];
      const d = direct![c];
      y[c] += d;
      if (nc > 0) s.arrived[c] += d;
      if (entries) s.starts[c] += d;
    }
    if (births !== null) y[entryState] += births[k];
    for (let c = 0; c < nc; c++) {
      applyCapacity(y, s.arrived, s.displaced, s.fromOverflow, s.displacedShare, c, capState, capOverflow, capPlaces[c * nSteps + k], n, nb, entries, s.exits, s.starts, 0, s.bounced);
      const pairs = cells.bounce[c];
      for (let i = 0; i < pairs.length; i++) m[flowOf[pairs[i]]] -= s.bounced[0];
    }
    if (popTarget !== null) {
      for (let b = 0; b < plan.popBands; b++) {
        const o = b * n;
        let total = 0;
        for (let i = 0; i < cells.active.length; i++) total += y[o + cells.active[i]];
        const d = popTarget[k * nb + b] - total;
        const c = o + entryState;
        if (d >= 0) y[c] += d;
        else y[c] -= Math.min(-d, y[c]);
      }
    }
    for (let f = 0; f < nFlows; f++) {
      if (m[f] === 0) continue;
      const v = m[f] * costOfFlow[f] * pr;
      cost += v;
      costDisc += v * disc;
    }

    // Children held through the step, by state, priced once per state: the start's totals are
    // the last step's end totals.
    for (let st = 0; st < n; st++) {
      let t = 0;
      for (let c = st; c < cellsPerStep; c += n) t += y[c];
      endTotal[st] = t;
    }
    let stepCost = 0;
    for (let st = 0; st < n; st++) stepCost += (wStart * startTotal[st] + wEnd * endTotal[st]) * costPerStep[k * n + st];
    stepCost *= pr;
    cost += stepCost;
    costDisc += stepCost * disc;

    for (let g = 0; g < nProgrammes; g++) {
      const gOff = (g * nSteps + k) * cellsPerStep;
      let childYears = 0;
      let served = 0;
      const hc = cells.held[g];
      for (let i = 0; i < hc.length; i++) childYears += (wStart * x[hc[i]] + wEnd * y[hc[i]]) * programmeHeld[gOff + hc[i]] * stepYears;
      const sc = cells.starts[g];
      for (let i = 0; i < sc.length; i++) served += s.starts[sc[i]] * programmeStarts[gOff + sc[i]];
      const v = (childYears * programmePerChildYear[g] + served * programmePerStart[g] + programmeFixed[g * nSteps + k]) * pr;
      prog[g] += v;
      progDisc[g] += v * disc;
    }

    if (k === nSteps - 1 || periodOfStep[k + 1] !== period) {
      const at = offset + period * stride;
      for (let st = 0; st < n; st++) out[at + st] = endTotal[st];
      let pc = 0;
      let pd = 0;
      for (let g = 0; g < nProgrammes; g++) {
        pc += prog[g];
        pd += progDisc[g];
      }
      out[at + n] = cost;
      out[at + n + 1] = costDisc;
      out[at + n + 2] = pc;
      out[at + n + 3] = pd;
      cost = 0;
      costDisc = 0;
      prog.fill(0);
      progDisc.fill(0);
    }
    const tmp = x;
    x = y;
    y = tmp;
    const t = startTotal;
    startTotal = endTotal;
    endTotal = t;
  }
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
