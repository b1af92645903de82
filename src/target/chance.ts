/**
 * Goal-seek over draws: the chance of meeting a target with the lever at a value, and the value
 * needed for a stated chance. Every value tried runs the same draws (common random numbers: draw
 * d uses the generators compare --draws uses for draw d, for the model and for the scenario), so
 * the chance moves with the lever, not with noise. The baseline runs once per draw.
 *
 * The lever's own uncertainty moves with it: a drawn factor is the stated draw times the value
 * tried over the stated value (a drawn probability or amount is shifted by the difference), so
 * trying relative risk 0.7 where 0.8 is stated draws around 0.7 with the same spread in ratio.
 */
import { quantileSorted } from 'simple-statistics';
import type { Model } from '../model/types.js';
import { statesApart } from '../model/age-range.js';
import { withLever, type Lever } from '../scenario/levers.js';
import { scenarioKeys } from '../scenario/keys.js';
import { resolveScenario } from '../scenario/resolve.js';
import type { Scenario } from '../scenario/types.js';
import { EXTRA_FIGURES, prepare, runArms, type Setup } from '../uncertainty/montecarlo.js';
import { drawModelValues, drawScenarioValues, type ModelValues } from '../uncertainty/parameters.js';
import { drawGenerator } from '../uncertainty/random.js';
import type { DrawFigures } from '../uncertainty/summary.js';
import { drawTargetResult } from './read-draw.js';
import type { SeekResult, Solved } from './seek.js';
import { noEffect, solveFor } from './seek.js';
import type { Target } from './targets.js';

/** Points of the scan for the value needed at a chance (each point runs every draw). */
export const CHANCE_SCAN_POINTS = 9;

/** Options of the draws. */
export interface ChanceOptions {
  draws: number;
  seed: number | string;
  /** The chance wanted, above 0 and below 1 (e.g. 0.8). */
  chance: number;
  years?: number;
}

/** The chance of meeting the target at a value of the lever. */
export interface ChanceAt {
  value: number;
  /** Share of draws meeting the target. */
  chance: number;
}

/** What the draws say about a target. */
export interface ChanceResult {
  draws: number;
  seed: number | string;
  /** The chance wanted. */
  chance: number;
  /** At the value the deterministic search found (null when it found none) and at the stated value. */
  atValue: ChanceAt | null;
  atStated: ChanceAt;
  /**
   * The value at which the measure's quantile meets the target: the (1 − chance) quantile for a
   * target met from above (savings), the chance quantile for one met from below (children, cost),
   * so that share of draws meets it. `result` is that quantile.
   */
  needed: Solved;
  /** The chance measured at the value needed (at least about the chance wanted; null when not reachable). */
  atNeeded: ChanceAt | null;
  /** Runs of the scenario over all values tried (draws × values). */
  projections: number;
}

/** Runs the draws for a seek result: chance at the value found and at the stated value, and the value needed for `options.chance`. */
export async function chanceOfTarget(model: Model, seek: SeekResult, options: ChanceOptions): Promise<ChanceResult> {
  const runner = await drawRunner(model, seek.scenario, seek.lever, seek.target, options);
  const wanted = options.chance;
  const meets = (v: number) => (seek.target.direction === 'at_least' ? v >= seek.target.value - seek.target.tolerance : v <= seek.target.value + seek.target.tolerance);
  const chanceAt = async (x: number): Promise<ChanceAt> => ({ value: x, chance: (await runner.results(x)).filter(meets).length / options.draws });
  // The quantile a share `wanted` of draws is on the right side of.
  const p = seek.target.direction === 'at_least' ? 1 - wanted : wanted;
  const quantile = async (x: number) => quantileSorted(Array.from(await runner.results(x)).sort((a, b) => a - b), p);
  const width = seek.range[1] - seek.range[0];
  const needed = await solveFor(quantile, seek.target, seek.range, seek.value?.value ?? seek.lever.stated as number, CHANCE_SCAN_POINTS, 1e-9 * width, noEffect(seek.lever));
  const atValue = seek.value ? await chanceAt(seek.value.value) : null;
  const atStated = await chanceAt(seek.stated.value);
  const atNeeded = needed.value ? await chanceAt(needed.value.value) : null;
  return { draws: options.draws, seed: options.seed, chance: wanted, atValue, atStated, needed, atNeeded, projections: runner.runs() * options.draws };
}

/** The target's result in every draw with the lever at a value (each value run once, then kept). */
interface DrawRunner {
  results(x: number): Promise<Float64Array>;
  /** Values run so far. */
  runs(): number;
}

/** Prepares the draws: the baseline's figures per draw, and the draws' values. */
export async function drawRunner(model: Model, scenario: Scenario, lever: Lever, target: Target, options: ChanceOptions): Promise<DrawRunner> {
  const setup = await prepare(model, [scenario], options.years);
  const [baseArm, scenarioArm] = setup.arms;
  const stride = model.states.length + EXTRA_FIGURES.length;
  const np = setup.periods.length;
  const size = np * stride;
  const key = scenarioKeys([scenario.file])[0];
  // The written change the lever sets, if it is a rate change's value (its draws move with it).
  const source = scenario.changes.findIndex((c) => c.id === lever.name);
  // The draws' values and the baseline's figures, once.
  const modelValues: ModelValues[] = [];
  const baseline = new Float64Array(options.draws * size);
  const baseSetup: Setup = { model, arms: [baseArm], periods: setup.periods };
  for (let d = 0; d < options.draws; d++) {
    modelValues.push(drawModelValues(model, drawGenerator(options.seed, d), undefined, np));
    runArms(baseSetup, modelValues[d], [null], baseline, d * size);
  }
  const cache = new Map<number, Float64Array>();
  const figures = new Float64Array(options.draws * 2 * size);
  for (let d = 0; d < options.draws; d++) figures.set(baseline.subarray(d * size, (d + 1) * size), d * 2 * size);
  const apart = statesApart(model).map((id) => model.states.findIndex((s) => s.id === id)).filter((i) => i >= 0);
  const mc: DrawFigures = { figures, states: model.states, periods: setup.periods, arms: [baseArm.name, scenarioArm.name], ...(apart.length && { apart }) };
  return {
    runs: () => cache.size,
    async results(x: number) {
      const hit = cache.get(x);
      if (hit) return hit;
      const resolved = resolveScenario(withLever(scenario, lever.name, x), model);
      const armSetup: Setup = { model, arms: [{ ...scenarioArm, scenario: resolved }], periods: setup.periods };
      const out = new Float64Array(options.draws);
      for (let d = 0; d < options.draws; d++) {
        // The scenario's draw from the stream compare --draws uses for it (the same whatever x is:
        // the distributions do not change), with the lever's drawn change moved to x.
        const sv = drawScenarioValues(resolved, drawGenerator(options.seed, d, `scenario:${key}`));
        if (source >= 0) resolved.rateChanges.forEach((c, i) => c.source === source && c.uncertainty && (sv.changes[i] = moved(c.change.kind, sv.changes[i], lever.stated as number, x)));
        // A placement shift's drawn share moves with it too, by x less the stated share.
        resolved.mixShifts.forEach((m, i) => m.id === lever.name && m.uncertainty && (sv.moves[i] = Math.min(1, Math.max(0, sv.moves[i] + x - (lever.stated as number)))));
        runArms(armSetup, modelValues[d], [sv], figures, d * 2 * size + size);
        out[d] = drawTargetResult(target, mc, d, 1);
      }
      cache.set(x, out);
      return out;
    },
  };
}

/** A drawn value of the lever's change at `x` in place of the stated value. */
function moved(kind: string, drawn: number, stated: number, x: number): number {
  const factor = kind === 'multiply' || kind === 'relative_risk';
  return factor && stated !== 0 ? (drawn * x) / stated : drawn + (x - stated);
}
