/** A scenario's programmes (the intervention's own costs) as the plan's programme arrays. */
import type { Plan } from '../engine/plan.js';
import { effectWeight } from './phase.js';
import type { ResolvedProgramme } from './resolve.js';

/** The plan fields that carry programmes, filled for `programmes`. */
export function programmeArrays(
  plan: Plan,
  programmes: ResolvedProgramme[],
  monthsPerStep: number,
): Pick<Plan, 'nProgrammes' | 'programmeHeld' | 'programmeStarts' | 'programmePerChildYear' | 'programmePerStart' | 'programmeFixed'> {
  const { nSteps, nBands: nb, nStates: n } = plan;
  const cells = nb * n;
  const g = programmes.length;
  const held = new Float64Array(g * nSteps * cells);
  const starts = new Float64Array(g * nSteps * cells);
  const fixed = new Float64Array(g * nSteps);
  programmes.forEach((p, gi) => {
    const bands = p.bands.length ? p.bands : Array.from({ length: nb }, (_, b) => b);
    const target = p.basis === 'caseload' ? held : starts;
    for (let k = 0; k < nSteps; k++) {
      const w = effectWeight(p.timing, k * monthsPerStep);
      if (w === 0) continue;
      fixed[gi * nSteps + k] = w * p.fixedPerYear * plan.stepYears;
      if (p.basis === null) continue;
      const off = (gi * nSteps + k) * cells;
      for (const b of bands) for (const s of p.states) target[off + b * n + s] = w * p.share;
    }
  });
  return {
    nProgrammes: g,
    programmeHeld: held,
    programmeStarts: starts,
    programmePerChildYear: Float64Array.from(programmes, (p) => (p.basis === 'caseload' ? p.perChild : 0)),
    programmePerStart: Float64Array.from(programmes, (p) => (p.basis === 'starts' ? p.perChild : 0)),
    programmeFixed: fixed,
  };
}

type ProgrammeFields = ReturnType<typeof programmeArrays>;

/** Programme arrays with `count` more lines that cost only `fixedByStep` (`[line * nSteps + step]`, £ at the price base). */
export function withFixedProgrammes(plan: Plan, p: ProgrammeFields, fixedByStep: Float64Array, count: number): ProgrammeFields {
  const { nSteps, nBands: nb, nStates: n } = plan;
  const g = p.nProgrammes + count;
  const held = new Float64Array(g * nSteps * nb * n);
  held.set(p.programmeHeld);
  const starts = new Float64Array(g * nSteps * nb * n);
  starts.set(p.programmeStarts);
  const fixed = new Float64Array(g * nSteps);
  fixed.set(p.programmeFixed);
  fixed.set(fixedByStep, p.nProgrammes * nSteps);
  const pad = (a: Float64Array) => {
    const out = new Float64Array(g);
    out.set(a);
    return out;
  };
  return { nProgrammes: g, programmeHeld: held, programmeStarts: starts, programmePerChildYear: pad(p.programmePerChildYear), programmePerStart: pad(p.programmePerStart), programmeFixed: fixed };
}
