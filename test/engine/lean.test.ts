/**
 * The specialised Monte Carlo kernel (`src/engine/lean.ts`) against the reference kernel
 * (`runPlan`), on random plans: random models (test/engine/random-models.ts, capacities included)
 * compiled, then given what a model file cannot easily draw at random: a second matrix set used
 * on random steps, unit costs, inflation and discounting, costed moves, and programmes serving
 * random cells by caseload and by starts, with fixed costs. Specified:
 *
 *  (i)  children by state at each period's end equal `runPlan`'s stocks summed over ages, bit for
 *       bit (the kernel does the same additions in the same order);
 *  (ii) cost and programme cost, cash and discounted, equal `runPlan`'s summed over cells,
 *       costed moves and programmes, to 1e-12 relative (costs are summed by state before pricing);
 *  (iii) a plan with a move outside the pattern is refused when packed, not run wrongly.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compileModel } from '../../src/engine/compile.js';
import { runPlan } from '../../src/engine/kernel.js';
import { LEAN_EXTRA, runLean } from '../../src/engine/lean.js';
import { packValues, patternOf, patternOfPlan } from '../../src/engine/pattern.js';
import type { Plan } from '../../src/engine/plan.js';
import { referenceFigures } from '../uncertainty/reference-arms.js';
import { ALL, drawModel, removeRandomModels } from './random-models.js';

afterAll(removeRandomModels);
const OPTIONS = { numRuns: 100, endOnFailure: true } as const;

/** The compiled plan with random sets, costs, price, discount, costed moves and programmes. */
function enrich(plan: Plan, g: fc.GeneratorValue): Plan {
  const int = (min: number, max: number) => g(() => fc.integer({ min, max }));
  const real = (min: number, max: number) => g(() => fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
  const { nStates: n, nBands: nb, nSteps } = plan;
  const cells = n * nb;
  const nn = n * n;
  // A second set: each band's rows mixed with the identity, so rows still sum to 1.
  const block = nb * nn;
  const P = new Float64Array(2 * block);
  P.set(plan.P.subarray(0, block));
  const keep = real(0, 1);
  for (let c = 0; c < block; c++) {
    const diag = Math.floor((c % nn) / n) === c % n;
    P[block + c] = keep * plan.P[c] + (diag ? 1 - keep : 0);
  }
  const stepSet = Int32Array.from({ length: nSteps }, () => int(0, 1));
  const costPerStep = Float64Array.from({ length: nSteps * n }, () => (g(() => fc.boolean()) ? real(0, 5000) : 0));
  const price = Float64Array.from({ length: nSteps }, (_, k) => 1.03 ** k);
  const discount = Float64Array.from({ length: nSteps }, (_, k) => 1 / 1.035 ** k);
  const [wStart, wEnd] = [[0, 1], [1, 0], [0.5, 0.5]][int(0, 2)];
  // Costed moves: one or two moves with a probability in some band, or into the state children
  // leave to on ageing (at the top of the range or a leaving age).
  const pairs: [number, number][] = [];
  const leaves = (i: number, j: number) => Array.from({ length: nb }, (_, b) => plan.ageTo[b * n + i]).includes(j);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j && (plan.P[i * n + j] > 0 || leaves(i, j))) pairs.push([i, j]);
  const nf = pairs.length ? int(0, 2) : 0;
  const chosen = Array.from({ length: nf }, () => pairs[int(0, pairs.length - 1)]);
  // Programmes: caseload or starts on random cells, weighted by step, with fixed costs.
  const ng = int(0, 2);
  const held = new Float64Array(ng * nSteps * cells);
  const starts = new Float64Array(ng * nSteps * cells);
  for (let p = 0; p < ng; p++) {
    const target = g(() => fc.boolean()) ? held : starts;
    const served = Array.from({ length: int(1, 3) }, () => int(0, cells - 1));
    for (let k = 0; k < nSteps; k++) for (const c of served) target[(p * nSteps + k) * cells + c] = real(0, 1);
  }
  return {
    ...plan,
    P,
    nSets: 2,
    stepSet,
    costPerStep,
    price,
    discount,
    wStart,
    wEnd,
    nFlows: nf,
    flowFrom: Int32Array.from(chosen, ([i]) => i),
    flowTo: Int32Array.from(chosen, ([, j]) => j),
    flowCost: Float64Array.from(chosen, () => real(0, 10000)),
    flowOf: Int32Array.from(chosen, (_, q) => q),
    nProgrammes: ng,
    programmeHeld: held,
    programmeStarts: starts,
    programmePerChildYear: Float64Array.from({ length: ng }, () => real(0, 20000)),
    programmePerStart: Float64Array.from({ length: ng }, () => real(0, 5000)),
    programmeFixed: Float64Array.from({ length: ng * nSteps }, () => real(0, 1e5)),
  };
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));

describe('the specialised kernel on random plans', () => {
  it('(i, ii) gives runPlan\'s stocks bit for bit and its costs to 1e-12', async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const { text, model } = drawModel(g, ALL, g(() => fc.boolean()));
        const plan = enrich((await compileModel(model)).plan, g);
        const want = referenceFigures(plan, runPlan(plan), new Float64Array(plan.nPeriods * (plan.nStates + LEAN_EXTRA)));
        const got = runLean(plan, patternOfPlan(plan));
        const f = plan.nStates + LEAN_EXTRA;
        for (let i = 0; i < want.length; i++) {
          const label = `period ${Math.floor(i / f)} figure ${i % f}\n${text}`;
          if (i % f < plan.nStates) expect(got[i], label).toBe(want[i]);
          else expect(relative(got[i], want[i]), label).toBeLessThanOrEqual(1e-12);
        }
      }),
      OPTIONS,
    );
  });

  it('(iii) refuses to pack a plan with a move its pattern does not hold', async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const { model } = drawModel(g, ALL);
        const { plan } = await compileModel(model);
        const n = plan.nStates;
        const pattern = patternOfPlan(plan);
        // The same moves but one that the plan has.
        const held = new Uint8Array(plan.nBands * n * n);
        for (let c = 0; c < held.length; c++) if (plan.P[c] !== 0) held[c] = 1;
        const c = held.indexOf(1);
        held[c] = 0;
        expect(packValues(plan, pattern)).not.toBeNull();
        expect(packValues(plan, patternOf(n, plan.nBands, held))).toBeNull();
      }),
      { numRuns: 30 },
    );
  });
});
