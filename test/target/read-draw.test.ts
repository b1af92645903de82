/** A target read from a draw's figures is the target read from compare's summary of the projection. */
import { describe, it } from 'vitest';
import { loadModel } from '../../src/model/load.js';
import { summariseComparison } from '../../src/report/comparison.js';
import { loadScenario } from '../../src/scenario/load.js';
import { compareScenarios } from '../../src/scenario/project.js';
import { targetResult } from '../../src/target/read.js';
import { drawTargetResult } from '../../src/target/read-draw.js';
import { parseTarget, resolveTarget } from '../../src/target/targets.js';
import { monteCarlo } from '../../src/uncertainty/montecarlo.js';
import { expectClose } from '../helpers.js';

const model = loadModel('models/example.yaml');
const earlyHelp = loadScenario('scenarios/early-help.yaml');

describe('a target read from a draw is the target read from the projection', () => {
  it('at the stated values, every kind of target agrees with compare to 1e-9', async () => {
    const mc = await monteCarlo(model, [earlyHelp], { draws: 1, seed: 1 });
    const point = { ...mc, figures: mc.point };
    const cmp = await compareScenarios(model, [earlyHelp]);
    for (const text of ['net_saving@5y=0', 'net_saving_discounted@3y=0', 'payback@3y', 'payback_discounted@2y', 'cost@2028=0', 'cost_discounted@4y=0', 'cic@5y=0', 'rate:cic@5y=0', 'cpp@2y=0', 'rate:cin_dfe@10y=0']) {
      const target = resolveTarget(parseTarget(text), model, cmp.baseline.periods);
      const summary = summariseComparison(cmp, [target.years]);
      const expected = targetResult(target, summary.scenarios[0], cmp.runs[0].projection);
      expectClose(drawTargetResult(target, point, 0, 1), expected, 1e-9, text);
    }
  });
});
