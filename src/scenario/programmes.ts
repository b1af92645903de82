/** A scenario's programmes (the intervention's own costs) as the plan's programme arrays. */
import type { Plan } from '../engine/plan.js';
import { effectWeight } from './phase.js';
import type { ResolvedProgramme } from './resolve.js';

/** The plan fields that carry programmes. */
export type ProgrammeFields = Pick<Plan, 'nProgrammes' | 'programmeHeld' | 'programmeStarts' | 'programmePerChildYear' | 'programmePerStart' | 'programmeFixed'>;

/**
 * What of the programmes does not depend on their costs: the share of each cell each serves at
 * each step, and each programme's weight (phase-in) by step. `extra` more lines that only carry
 * fixed costs follow the programmes (a scenario's capacity changes). Monte Carlo draws, which
 * change only costs, reuse one layout.
 */
export interface ProgrammeLayout {
  count: number;
  held: Float64Array;
  starts: Float64Array;
  /** `[programme * nSteps + step]`. */
  weight: Float64Array;
}

/** The layout of `programmes` (and `extra` fixed-cost lines) on `plan`'s steps and cells. */
export function programmeLayout(plan: Plan, programmes: ResolvedProgramme[], monthsPerStep: number, extra = 0): ProgrammeLayout {
  const { nSteps, nBands: nb, nStates: n } = plan;
  const cells = nb * n;
  const count = programmes.length + extra;
  const held = new Float64Array(count * nSteps * cells);
  const starts = new Float64Array(count * nSteps * cells);
  const weight = new Float64Array(count * nSteps);
  programmes.forEach((p, gi) => {
    const bands = p.bands.length ? p.bands : Array.from({ length: nb }, (_, b) => b);
    const target = p.basis === 'caseload' ? held : starts;
    for (let k = 0; k < nSteps; k++) {
      const w = effectWeight(p.timing, k * monthsPerStep);
      weight[gi * nSteps + k] = w;
      if (w === 0 || p.basis === null) continue;
      const off = (gi * nSteps + k) * cells;
      for (const b of bands) for (const s of p.states) target[off + b * n + s] = w * p.share;
    }
  });
  return { count, held, starts, weight };
}

/**
 * The plan fields that carry `programmes`, on `layout` (made here when not given); lines after
 * the programmes cost only `fixedByStep` (`[line * nSteps + step]`, £ at the price base).
 */
export function programmeArrays(
  plan: Plan,
  programmes: ResolvedProgramme[],
  monthsPerStep: number,
  layout: ProgrammeLayout = programmeLayout(plan, programmes, monthsPerStep),
  fixedByStep?: Float64Array,
): ProgrammeFields {
  const { nSteps } = plan;
  const g = layout.count;
  const fixed = new Float64Array(g * nSteps);
  const perChildYear = new Float64Array(g);
  const perStart = new Float64Array(g);
  programmes.forEach((p, gi) => {
    for (let k = 0; k < nSteps; k++) {
      const w = layout.weight[gi * nSteps + k];
      if (w !== 0) fixed[gi * nSteps + k] = w * p.fixedPerYear * plan.stepYears;
    }
    if (p.basis === 'caseload') perChildYear[gi] = p.perChild;
    if (p.basis === 'starts') perStart[gi] = p.perChild;
  });
  if (fixedByStep) fixed.set(fixedByStep, programmes.length * nSteps);
  return { nProgrammes: g, programmeHeld: layout.held, programmeStarts: layout.starts, programmePerChildYear: perChildYear, programmePerStart: perStart, programmeFixed: fixed };
}
