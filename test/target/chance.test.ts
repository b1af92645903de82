/**
 * Goal-seek over draws: the same draws compare --draws makes (common random numbers), the target
 * read from a draw as from a projection, and the value needed for a chance.
 */
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/model/load.js';
import { loadScenario } from '../../src/scenario/load.js';
import { findLever, withLever } from '../../src/scenario/levers.js';
import { compareScenarios } from '../../src/scenario/project.js';
import type { Scenario } from '../../src/scenario/types.js';
import { chanceOfTarget, drawRunner } from '../../src/target/chance.js';
import { drawTargetResult } from '../../src/target/read-draw.js';
import { seekTarget } from '../../src/target/seek.js';
import { parseTarget, resolveTarget } from '../../src/target/targets.js';
import { monteCarlo } from '../../src/uncertainty/montecarlo.js';
import { compareDraws } from '../../src/uncertainty/summary.js';
import { expectClose } from '../helpers.js';
import { goHome, twoStates } from './two-states.js';

const model = loadModel('models/example.yaml');
const earlyHelp = loadScenario('scenarios/early-help.yaml');

describe('the draws of goal-seek are the draws of compare --draws', () => {
  it('at the stated value, the chance of breaking even over 5 years is compare --draws\'s chance of saving', async () => {
    const seek = await seekTarget(model, earlyHelp, 'fewer_step_ups', 'break_even@5y');
    const chance = await chanceOfTarget(model, seek, { draws: 60, seed: 7, chance: 0.8 });
    const mc = await monteCarlo(model, [earlyHelp], { draws: 60, seed: 7 });
    expect(chance.atStated.chance).toBe(compareDraws(mc)[0].totals.find((t) => t.years === 5)!.probabilitySaves);
  });

  it('at another value, the lever\'s drawn relative risk moves with it: the same as compare --draws with the interval scaled alike', async () => {
    // fewer_step_ups is lognormal with a 90% interval 0.65 to 0.98 around 0.8; at 0.7 the draws are
    // each the stated draw × 0.7 / 0.8, which is the lognormal with μ moved by log(0.7 / 0.8).
    const target = resolveTarget(parseTarget('net_saving@5y=0'), model, (await compareScenarios(model, [])).baseline.periods);
    const lever = findLever(earlyHelp, 'fewer_step_ups')!;
    const runner = await drawRunner(model, earlyHelp, lever, target, { draws: 20, seed: 3, chance: 0.5 });
    const atSeven = await runner.results(0.7);
    const moved: Scenario = withLever(earlyHelp, 'fewer_step_ups', 0.7);
    moved.changes = moved.changes.map((c) => {
      if (c.id !== 'fewer_step_ups' || c.uncertainty?.distribution.kind !== 'lognormal') return c;
      const d = c.uncertainty.distribution;
      return { ...c, uncertainty: { ...c.uncertainty, distribution: { ...d, mu: d.mu + Math.log(0.7 / 0.8) } } };
    });
    const mc = await monteCarlo(model, [moved], { draws: 20, seed: 3 });
    for (let d = 0; d < 20; d++) expectClose(atSeven[d], drawTargetResult(target, mc, d, 1), 1e-9, `draw ${d}`);
  });
});

describe('the value needed for a chance', () => {
  // Two states without uncertainty (two-states.ts): every draw is the projection, so chances are 0 or 1.
  const certain = twoStates;

  it('without uncertainty, the value for any chance is the value found (2.3, worked in seek.test.ts)', async () => {
    const seek = await seekTarget(certain(), goHome(), 'more_going_home', 'net_saving@2y=30000', { range: [1, 5] });
    const chance = await chanceOfTarget(certain(), seek, { draws: 5, seed: 1, chance: 0.8 });
    expectClose(chance.needed.value!.value, 2.3, 1e-7);
    expect(chance.atValue!.chance).toBe(1);
    expect(chance.atStated.chance).toBe(0); // 1.5 saves −£50,000
  });

  it('with the effect uncertain, more of it is needed for 80% than for the point target, and 80% of draws meet it there', async () => {
    const scenario = goHome(', uncertainty: { distribution: lognormal, low: 1.2, high: 1.8 }');
    const seek = await seekTarget(certain(), scenario, 'more_going_home', 'net_saving@2y=30000', { range: [1, 5] });
    const chance = await chanceOfTarget(certain(), seek, { draws: 200, seed: 1, chance: 0.8 });
    expect(chance.needed.status).toBe('met');
    expect(chance.needed.value!.value).toBeGreaterThan(seek.value!.value);
    const lever = seek.lever;
    const runner = await drawRunner(certain(), scenario, lever, seek.target, { draws: 200, seed: 1, chance: 0.8 });
    const at = await runner.results(chance.needed.value!.value);
    // The 20th percentile is the target: 80% of the draws are at or above it (type-7 quantile, 200 draws).
    expect(Array.from(at).filter((v) => v >= 30_000 - 1).length / 200).toBeGreaterThanOrEqual(0.795);
    expect(chance.atNeeded!.chance).toBe(Array.from(at).filter((v) => v >= 30_000 - 1).length / 200);
  });
});
