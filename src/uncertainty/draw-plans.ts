/**
 * The arms of a Monte Carlo run, prepared to run draw after draw on the specialised kernel
 * (`engine/lean.ts`): one pattern holding every move a draw or a scenario can make non-zero, each
 * plan's probabilities packed along it once, the programmes' cells laid out once, and per draw
 * only the drawn rows and the rows a scenario changes rewritten, into buffers kept for the run.
 */
import { leanKernel, type LeanKernel } from '../engine/lean.js';
import { heldMoves, packValues, patternOf, rowIndex, type Pattern, type RowIndex } from '../engine/pattern.js';
import type { Plan } from '../engine/plan.js';
import { MONTHS_PER_STEP } from '../model/time.js';
import type { Model } from '../model/types.js';
import { setLayout } from '../scenario/apply-rates.js';
import { applyRateChangesPacked, movesChanged, type PackedScratch } from '../scenario/apply-rates-packed.js';
import { rateProblems, scenarioChanges, scenarioProgrammeLayout } from '../scenario/plan.js';
import type { ProgrammeLayout } from '../scenario/programmes.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { movesDrawn, packedModelValues } from './packed-values.js';
import { planWithValues, pointModelValues, pointScenarioValues, scenarioWithValues, valueBuffers, type ModelValues, type ScenarioValues } from './parameters.js';

/** What `prepareDrawPlans` needs of a Monte Carlo setup: the model and, per arm, its scenario, models and plans by variant. */
export interface DrawArms {
  model: Model;
  arms: { scenario: ResolvedScenario | null; models: Model[]; plans: Plan[] }[];
}

/** A plan's matrices are read from packed values: the dense ones no longer match its sets. */
const NO_MATRICES = new Float64Array(0);

/** One arm under one population variant. */
interface ArmVariant {
  model: Model;
  /** Index into the distinct base plans. */
  base: number;
  kernel: LeanKernel;
  layout: ProgrammeLayout | null;
  /** The arm's packed values after its scenario's changes (scenario arms only). */
  values: Float64Array | null;
}

/** Runs every arm of a draw on the specialised kernel. */
export interface DrawPlans {
  pattern: Pattern;
  /**
   * Runs each arm with the given values, writing arm a's period p figure i at
   * `out[offset + (a * periods + p) * stride + i]` (stride: states + 4).
   */
  run(model: ModelValues, scenarios: (ScenarioValues | null)[], out: Float64Array, offset: number, stride: number): void;
}

/** Prepares the arms of `setup` to run draw after draw. */
export function prepareDrawPlans(setup: DrawArms): DrawPlans {
  const { model } = setup;
  const months = MONTHS_PER_STEP[model.time.step];
  const bases: Plan[] = [];
  for (const arm of setup.arms) for (const p of arm.plans) if (!bases.includes(p)) bases.push(p);
  const { nStates: n, nBands: nb } = bases[0];
  const held = new Uint8Array(nb * n * n);
  for (const p of bases) heldMoves(p, held);
  const mark = ([b, i, j]: [number, number, number]) => (held[(b * n + i) * n + j] = 1);
  movesDrawn(model).forEach(mark);
  for (const arm of setup.arms) if (arm.scenario) movesChanged(arm.scenario.rateChanges, n, nb).forEach(mark);
  const pattern = patternOf(n, nb, held);
  const rows = rowIndex(pattern);
  const packed = bases.map((p) => packValues(p, pattern)!);
  const modelValues = bases.map((p) => new Float64Array(p.nSets * pattern.size));
  const scratch: PackedScratch = { row: new Float64Array(n), next: new Float64Array(n) };
  const point = pointModelValues(model);

  const arms: ArmVariant[][] = setup.arms.map((arm) =>
    arm.plans.map((base, v) => {
      const m = arm.models[v];
      const plain = planWithValues(m, base, point, { rates: false });
      if (!arm.scenario) return { model: m, base: bases.indexOf(base), kernel: leanKernel(plain, pattern), layout: null, values: null };
      const r = scenarioWithValues(arm.scenario, pointScenarioValues(arm.scenario));
      const sets = setLayout(base, r.rateChanges, months);
      const layout = scenarioProgrammeLayout(m, base, r);
      const shaped = scenarioChanges(m, { ...plain, P: NO_MATRICES, nSets: sets.sets.length, stepSet: sets.stepSet }, r, layout);
      return { model: m, base: bases.indexOf(base), kernel: leanKernel(shaped, pattern), layout, values: new Float64Array(Math.max(sets.sets.length, base.nSets) * pattern.size) };
    }),
  );

  // Per draw, each base plan's model values are worked out once and shared by the arms on it.
  const plains: (Plan | null)[] = bases.map(() => null);
  const buffers = bases.map((p) => valueBuffers(p));
  return {
    pattern,
    run(mv, sv, out, offset, stride) {
      plains.fill(null);
      const periods = bases[0].nPeriods;
      setup.arms.forEach((arm, a) => {
        const av = arms[a][mv.variant];
        const base = bases[av.base];
        let plain = plains[av.base];
        if (plain === null) {
          packedModelValues(model, pattern, rows, base.nSets, packed[av.base], mv, modelValues[av.base]);
          plain = plains[av.base] = planWithValues(av.model, base, mv, { rates: false, into: buffers[av.base] });
        }
        const at = offset + a * periods * stride;
        if (!arm.scenario) return av.kernel(plain, modelValues[av.base], out, at, stride);
        const r = scenarioWithValues(arm.scenario, sv[a]!);
        const { nSets, stepSet, problems } = applyRateChangesPacked(base, pattern, rows, modelValues[av.base], r.rateChanges, months, av.values!, scratch);
        if (problems.length) throw rateProblems(av.model, r, problems);
        const plan = scenarioChanges(av.model, { ...plain, P: NO_MATRICES, nSets, stepSet }, r, av.layout!);
        av.kernel(plan, av.values!, out, at, stride);
      });
    },
  };
}
