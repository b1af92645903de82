/**
 * The projection kernel: steps a compiled plan through time on Float64Arrays. Pure: no I/O, no
 * allocation inside the step loop, no knowledge of files, scenarios or screens.
 */
import type { Plan, RawResult } from './plan.js';

/** Ledger columns, per step. */
export const LEDGER = { activeStart: 0, inflow: 1, outflow: 2, toAbsorbing: 3, activeEnd: 4 } as const;

/** Allocates the result arrays for a plan. */
export function allocateResult(plan: Plan): RawResult {
  const cells = plan.nPeriods * plan.nBands * plan.nStates;
  const nf = plan.nFlows;
  return {
    stock: new Float64Array(cells),
    entries: new Float64Array(cells),
    exits: new Float64Array(cells),
    cost: new Float64Array(cells),
    costDiscounted: new Float64Array(cells),
    measures: new Float64Array(cells * plan.nMeasures),
    measuresDiscounted: new Float64Array(cells * plan.nMeasures),
    flows: new Float64Array(plan.nPeriods * nf),
    flowCost: new Float64Array(plan.nPeriods * nf),
    flowCostDiscounted: new Float64Array(plan.nPeriods * nf),
    programmeCost: new Float64Array(plan.nPeriods * plan.nProgrammes),
    programmeCostDiscounted: new Float64Array(plan.nPeriods * plan.nProgrammes),
    programmeChildYears: new Float64Array(plan.nPeriods * plan.nProgrammes),
    programmeStarts: new Float64Array(plan.nPeriods * plan.nProgrammes),
    population: new Float64Array(plan.nPeriods * plan.nBands),
    capacityPlaces: new Float64Array(plan.nPeriods * plan.nCapacities),
    overflowStock: new Float64Array(plan.nPeriods * plan.nCapacities),
    overflowEntries: new Float64Array(plan.nPeriods * plan.nCapacities),
    overflowCost: new Float64Array(plan.nPeriods * plan.nCapacities),
    overflowCostDiscounted: new Float64Array(plan.nPeriods * plan.nCapacities),
    ledger: new Float64Array(plan.nSteps * 5),
    shortfall: 0,
  };
}

/** Zeroes a result buffer so `runPlan` can fill it again (it accumulates with `+=`). */
export function clearResult(r: RawResult): RawResult {
  for (const v of Object.values(r)) if (v instanceof Float64Array) v.fill(0);
  r.shortfall = 0;
  return r;
}

/**
 * Runs the plan from its initial stock to the horizon and returns per-period results.
 * Within a step: transitions, then ageing (and leaving at 18), then entries from outside, then
 * the population adjustment through the entry state.
 *
 * Results are added into `out`: to reuse a result buffer (e.g. over many draws), pass one that
 * is all zeros (`allocateResult(plan)`, or `clearResult(r)`).
 */
export function runPlan(plan: Plan, out: RawResult = allocateResult(plan)): RawResult {
  const { nStates: n, nBands: nb, nSteps, P, stepSet, ageFrac, ageTo, active, entryState, popBands } = plan;
  const { popTarget, births, direct, costPerStep, price, discount, wStart, wEnd } = plan;
  const { nMeasures, measurePerStep, measureDiscount, flowFrom, flowTo, flowCost, flowOf } = plan;
  const { nProgrammes, programmeHeld, programmeStarts, programmePerChildYear, programmePerStart, programmeFixed, stepYears } = plan;
  const cells = nb * n;
  const nf = plan.nFlows;
  const nq = flowFrom.length;
  // Children making each costed move in a step, the £ of each move, and (per cell) the pairs a
  // child leaving its state on ageing out of the cell's band makes (at 18 by default).
  const stepMoves = new Float64Array(nf);
  const costOfFlow = new Float64Array(nf);
  for (let q = 0; q < nq; q++) costOfFlow[flowOf[q]] = flowCost[q];
  const ageFlowStart = new Int32Array(cells + 1);
  const ageFlowList: number[] = [];
  for (let c = 0; c < cells; c++) {
    const st = c % n;
    const t = ageTo[c];
    if (t >= 0 && t !== st) for (let q = 0; q < nq; q++) if (flowFrom[q] === st && flowTo[q] === t) ageFlowList.push(q);
    ageFlowStart[c + 1] = ageFlowList.length;
  }
  const ageFlows = Int32Array.from(ageFlowList);
  const full = plan.lean !== true;
  // Starts are needed for entries, and for programmes paid per start.
  const countMoves = full || nProgrammes > 0;
  let x = plan.x0.slice();
  let y = new Float64Array(cells);
  // Children starting in each cell this step (moves in and direct entries), for programmes.
  const starts = new Float64Array(cells);
  const { stock, entries, exits, cost, costDiscounted, measures, measuresDiscounted, flows, population, ledger } = out;
  const nn = n * n;
  const lastBand = nb - 1;
  // Rows as sparse lists (compressed rows): most rows move children to few states, and an
  // absorbing row has one entry, so the step multiplies only non-zero probabilities. Skipping
  // zeros leaves every sum bit for bit the same.
  const rowStart = new Int32Array(plan.nSets * nb * n + 1);
  let nnz = 0;
  for (let r = 0; r < plan.nSets * nb * n; r++) {
    for (let j = 0; j < n; j++) if (P[r * n + j] !== 0) nnz++;
    rowStart[r + 1] = nnz;
  }
  const cols = new Int32Array(nnz);
  const vals = new Float64Array(nnz);
  for (let r = 0, at = 0; r < plan.nSets * nb * n; r++) {
    for (let j = 0; j < n; j++) {
      const v = P[r * n + j];
      if (v === 0) continue;
      cols[at] = j;
      vals[at++] = v;
    }
  }

  // Capacity: children arriving in each limited state this step (so overflow takes them before
  // anyone already placed; counted only for limited states, the only ones read), and children
  // held in each limit's overflow state because it was full.
  const nc = plan.nCapacities;
  const { capState, capOverflow, capPlaces } = plan;
  const arrived = nc > 0 ? new Float64Array(cells) : null;
  const displaced = new Float64Array(nc * nb);
  const displacedStart = new Float64Array(nc * nb);
  // Children of each limit's overflow state moving to the limited state this step (a move from an
  // agency placement to an in-house one): if no place is free they stay where they are. And the
  // share of the overflow's children displaced at the start of the step.
  const fromOverflow = new Float64Array(nc * nb);
  const displacedShare = new Float64Array(nc * nb);
  const bouncedOut = new Float64Array(1);
  // Costed-move pairs from each limit's overflow to its state, whose moves a bounce undoes.
  const bouncePairs: number[][] = [];
  for (let c = 0; c < nc; c++) bouncePairs.push(Array.from({ length: nq }, (_, q) => q).filter((q) => flowFrom[q] === capOverflow[c] && flowTo[q] === capState[c]));

  for (let k = 0; k < nSteps; k++) {
    const period = plan.periodOfStep[k];
    const pOff = period * cells;
    let activeStart = 0;
    let toAbsorbing = 0;
    let inflow = 0;
    let outflow = 0;
    const pr = price[k];
    const disc = discount[k];
    const setOff = stepSet[k] * nb * nn;
    if (nq > 0) stepMoves.fill(0);

    // Transitions within each band.
    for (let b = 0; b < nb; b++) {
      const off = b * n;
      const mb = setOff + b * nn;
      for (let j = 0; j < n; j++) y[off + j] = 0;
      const rb = (stepSet[k] * nb + b) * n;
      for (let i = 0; i < n; i++) {
        const xi = x[off + i];
        if (active[i] === 1) activeStart += xi;
        if (xi === 0) continue;
        for (let q = rowStart[rb + i], end = rowStart[rb + i + 1]; q < end; q++) y[off + cols[q]] += xi * vals[q];
      }
      if (arrived !== null) {
        for (let c = 0; c < nc; c++) {
          const o = capOverflow[c];
          const s = capState[c];
          arrived[off + s] = y[off + s] - x[off + s] * P[mb + s * n + s];
          displacedStart[c * nb + b] = displaced[c * nb + b];
          fromOverflow[c * nb + b] = x[off + o] * P[mb + o * n + capState[c]];
          displacedShare[c * nb + b] = x[off + o] > 0 ? Math.min(1, displaced[c * nb + b] / x[off + o]) : 0;
          // Displaced children leave the overflow state at its own rates.
          displaced[c * nb + b] *= P[mb + o * n + o];
        }
      }
      if (countMoves) {
        for (let j = 0; j < n; j++) {
          const stay = x[off + j] * P[mb + j * n + j];
          const moved = y[off + j] - stay;
          entries[pOff + off + j] += moved;
          starts[off + j] = moved;
          exits[pOff + off + j] += x[off + j] - stay;
          if (active[j] === 0) toAbsorbing += moved;
        }
      }
      for (let q = 0; q < nq; q++) stepMoves[flowOf[q]] += x[off + flowFrom[q]] * P[mb + flowFrom[q] * n + flowTo[q]];
    }

    // Ageing: from the oldest band down, so nobody moves twice. Children past their state's
    // leaving age (18 by default, at the top of the range) enter the state they leave to: an
    // active one a band up, an exit in the band they left.
    for (let b = lastBand; b >= 0; b--) {
      const frac = ageFrac[b];
      if (frac === 0) continue;
      const off = b * n;
      if (arrived !== null) ageCapacityTallies(arrived, displaced, fromOverflow, capState, b, frac, n, nb, b === lastBand, ageTo, capOverflow);
      for (let s = 0; s < n; s++) {
        const target = ageTo[off + s];
        if (target < 0) continue;
        const moving = y[off + s] * frac;
        if (moving === 0) continue;
        y[off + s] -= moving;
        if (target === s) {
          y[off + n + s] += moving;
          continue;
        }
        const dest = active[target] === 1 ? off + n + target : off + target;
        y[dest] += moving;
        exits[pOff + off + s] += moving;
        entries[pOff + dest] += moving;
        if (active[target] === 0) toAbsorbing += moving;
        for (let q = ageFlowStart[off + s]; q < ageFlowStart[off + s + 1]; q++) stepMoves[flowOf[ageFlows[q]]] += moving;
      }
    }

    // Entries from outside.
    if (direct !== null) {
      for (let c = 0; c < cells; c++) {
        const d = direct[c];
        if (d === 0) continue;
        y[c] += d;
        entries[pOff + c] += d;
        starts[c] += d;
        inflow += d;
        if (arrived !== null) arrived[c] += d;
      }
    }
    if (births !== null) {
      const d = births[k];
      y[entryState] += d;
      entries[pOff + entryState] += d;
      inflow += d;
    }
    // Capacity: whoever a full state cannot take goes to its overflow state.
    for (let c = 0; c < nc; c++) {
      const sent = applyCapacity(y, arrived!, displaced, fromOverflow, displacedShare, c, capState, capOverflow, capPlaces[c * nSteps + k], n, nb, countMoves ? entries : null, exits, starts, pOff, bouncedOut);
      out.overflowEntries[period * nc + c] += sent;
      const pairs = bouncePairs[c];
      for (let i = 0; i < pairs.length; i++) stepMoves[flowOf[pairs[i]]] -= bouncedOut[0];
    }

    if (popTarget !== null) {
      // Births and net migration: each band's active total follows the projection (in the bands
      // the population counts; older ones, e.g. care leavers past 17, only by ageing and moves).
      for (let b = 0; b < popBands; b++) {
        const off = b * n;
        let total = 0;
        for (let s = 0; s < n; s++) if (active[s] === 1) total += y[off + s];
        const d = popTarget[k * nb + b] - total;
        const c = off + entryState;
        if (d >= 0) {
          y[c] += d;
          entries[pOff + c] += d;
          inflow += d;
        } else {
          const take = Math.min(-d, y[c]);
          y[c] -= take;
          exits[pOff + c] += take;
          outflow += take;
          out.shortfall += -d - take;
        }
      }
    }

    // Costed moves: each move's children this step, priced once (its pairs share one cost).
    for (let f = 0; f < nf && nq > 0; f++) {
      const amount = stepMoves[f];
      if (amount === 0) continue;
      const v = amount * costOfFlow[f] * pr;
      const at = period * nf + f;
      flows[at] += amount;
      out.flowCost[at] += v;
      out.flowCostDiscounted[at] += v * disc;
    }

    // State values on the stock of the step (start, end or average).
    let activeEnd = 0;
    const cOff = k * n;
    for (let b = 0, c = 0; b < nb; b++) {
      for (let s = 0; s < n; s++, c++) {
        if (active[s] === 1) activeEnd += y[c];
        const held = wStart * x[c] + wEnd * y[c];
        if (held === 0) continue;
        const v = held * costPerStep[cOff + s] * pr;
        cost[pOff + c] += v;
        costDiscounted[pOff + c] += v * disc;
        if (!full) continue;
        for (let m = 0; m < nMeasures; m++) {
          const mv = held * measurePerStep[m * n + s];
          const mc = (period * nMeasures + m) * cells + c;
          measures[mc] += mv;
          measuresDiscounted[mc] += mv * measureDiscount[m * nSteps + k];
        }
      }
    }

    for (let c = 0; c < nc; c++) {
      // What displaced children cost beyond a place in the state that was full.
      const extra = (costPerStep[cOff + capOverflow[c]] - costPerStep[cOff + capState[c]]) * pr;
      let held = 0;
      for (let b = 0; b < nb; b++) held += wStart * displacedStart[c * nb + b] + wEnd * displaced[c * nb + b];
      out.overflowCost[period * nc + c] += held * extra;
      out.overflowCostDiscounted[period * nc + c] += held * extra * disc;
    }

    for (let g = 0; g < nProgrammes; g++) {
      const gOff = (g * nSteps + k) * cells;
      let childYears = 0;
      let served = 0;
      for (let c = 0; c < cells; c++) {
        childYears += (wStart * x[c] + wEnd * y[c]) * programmeHeld[gOff + c] * stepYears;
        served += starts[c] * programmeStarts[gOff + c];
      }
      const v = (childYears * programmePerChildYear[g] + served * programmePerStart[g] + programmeFixed[g * nSteps + k]) * pr;
      const at = period * nProgrammes + g;
      out.programmeCost[at] += v;
      out.programmeCostDiscounted[at] += v * disc;
      out.programmeChildYears[at] += childYears;
      out.programmeStarts[at] += served;
    }

    if (full) {
      const lk = k * 5;
      ledger[lk] = activeStart;
      ledger[lk + 1] = inflow;
      ledger[lk + 2] = outflow;
      ledger[lk + 3] = toAbsorbing;
      ledger[lk + 4] = activeEnd;
    }

    if (k === nSteps - 1 || plan.periodOfStep[k + 1] !== period) {
      stock.set(y, pOff);
      for (let c = 0; c < nc; c++) {
        out.capacityPlaces[period * nc + c] = capPlaces[c * nSteps + k];
        let d = 0;
        for (let b = 0; b < nb; b++) d += displaced[c * nb + b];
        out.overflowStock[period * nc + c] = d;
      }
      for (let b = 0; b < popBands; b++) {
        let t = 0;
        for (let s = 0; s < n; s++) if (active[s] === 1) t += y[b * n + s];
        population[period * nb + b] = t;
      }
    }
    const tmp = x;
    x = y;
    y = tmp;
  }

  return out;
}

/**
 * Ages the capacity tallies of band `b` with its children: arrivals, displaced children and
 * movers from the overflow move up a band, or out at their state's leaving age (`ageTo`; 18 by
 * default).
 */
export function ageCapacityTallies(arrived: Float64Array, displaced: Float64Array, fromOverflow: Float64Array, capState: Int32Array, b: number, frac: number, n: number, nb: number, last: boolean, ageTo: Int32Array, capOverflow: Int32Array): void {
  for (let c = 0; c < capState.length; c++) {
    const cell = b * n + capState[c];
    const moving = arrived[cell] * frac;
    arrived[cell] -= moving;
    const stays = !last && ageTo[cell] === capState[c];
    if (stays) arrived[cell + n] += moving;
    const at = c * nb + b;
    const d = displaced[at] * frac;
    const f = fromOverflow[at] * frac;
    displaced[at] -= d;
    fromOverflow[at] -= f;
    if (last) continue;
    const o = capOverflow[c];
    if (o < 0 || ageTo[b * n + o] === o) displaced[at + 1] += d;
    if (stays) fromOverflow[at + 1] += f;
  }
}

/**
 * Holds state `s` to `places`: the excess moves to `o` within each band, taken first from this
 * step's arrivals (in proportion by band), and only if they are not enough from children already
 * placed (places fell: carers left, a home closed). Children in `o` are not moved back when places
 * free; freed places go to later arrivals. Arrivals who came from `o` itself and find no place
 * stay where they were: no move, no entry, not displaced again. Returns the children sent to `o`
 * (and writes those who stayed in it into `bouncedOut[0]`).
 */
export function applyCapacity(
  y: Float64Array,
  arrived: Float64Array,
  displaced: Float64Array,
  fromOverflow: Float64Array,
  displacedShare: Float64Array,
  c: number,
  capState: Int32Array,
  capOverflow: Int32Array,
  places: number,
  n: number,
  nb: number,
  entries: Float64Array | null,
  exits: Float64Array,
  starts: Float64Array,
  pOff: number,
  bouncedOut: Float64Array,
): number {
  const s = capState[c];
  const o = capOverflow[c];
  let total = 0;
  let arrivals = 0;
  for (let b = 0; b < nb; b++) {
    total += y[b * n + s];
    arrivals += Math.max(0, arrived[b * n + s]);
  }
  const excess = total - places;
  bouncedOut[0] = 0;
  if (!(excess > 0)) return 0;
  const fromArrivals = Math.min(1, excess / arrivals) || 0;
  const placedBefore = total - arrivals;
  const fromPlaced = excess > arrivals && placedBefore > 0 ? (excess - arrivals) / placedBefore : 0;
  let bouncedAll = 0;
  for (let b = 0; b < nb; b++) {
    const at = b * n + s;
    const a = Math.max(0, arrived[at]);
    const newcomers = a * fromArrivals;
    const bounced = Math.min(newcomers, Math.max(0, fromOverflow[c * nb + b]) * fromArrivals);
    const moved = (y[at] - a) * fromPlaced;
    const take = newcomers + moved;
    if (take === 0) continue;
    // In a chain (A full into B, B full into C), B's children passed on include A's displaced
    // ones in proportion.
    for (let c2 = 0; c2 < capOverflow.length; c2++) if (capOverflow[c2] === s) displaced[c2 * nb + b] *= 1 - take / y[at];
    y[at] -= take;
    y[b * n + o] += take;
    arrived[at] -= newcomers;
    arrived[b * n + o] += take - bounced;
    // The bounced were in `o` already: those displaced before are displaced still.
    displaced[c * nb + b] += take - bounced + bounced * displacedShare[c * nb + b];
    bouncedAll += bounced;
    if (entries !== null) {
      starts[at] -= newcomers;
      starts[b * n + o] += take - bounced;
      entries[pOff + at] -= newcomers;
      exits[pOff + at] += moved;
      entries[pOff + b * n + o] += take - bounced;
      exits[pOff + b * n + o] -= bounced;
    }
  }
  bouncedOut[0] = bouncedAll;
  return excess - bouncedAll;
}
