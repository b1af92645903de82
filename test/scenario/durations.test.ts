/**
 * Scenarios naming a duration band or a history flag. Worked by hand on the models of
 * test/model/banded-models.ts:
 *
 * - care in exact bands (5% a month leaving under 12 months, 2% after), 1,000 starting: doubling
 *   the moves out of the first band (`from: care_m0_12`) leaves 1000 × 0.9^12 after a year and
 *   × 0.98^12 after two (the second band untouched). A sub-state of an exact band has no stay of
 *   its own: the change is taken from the move on to the next sub-state.
 * - plans flagged first or repeat: halving repeat plans (`from: after_cpp, to: cpp`) gives year 2
 *   repeat starts 10 × 0.025 = 0.25 (was 0.5); doubling closures of children in need
 *   (`from: cin, to: home`) acts on `cin_after_cpp` too: year 2 10 × (1 − 0.05 − 0.2) + 9 = 16.5.
 */
import { describe, expect, it } from 'vitest';
import { projectScenario } from '../../src/scenario/project.js';
import { parseScenario } from '../../src/scenario/load.js';
import { repeatStarts } from '../../src/report/history.js';
import { dedent, expectClose, yamlModel } from '../helpers.js';
import { REPEATS, SURVIVAL } from '../model/banded-models.js';

const scenario = (changes: string) => parseScenario(dedent(`
  carecast: 1
  scenario: Test
  changes:
${changes}
`), '/tmp/scenario.yaml');

describe('scenarios on duration bands and history flags', () => {
  it('a change to one band acts on its sub-states only, taking up the change from the move on', async () => {
    const p = await projectScenario(yamlModel(SURVIVAL), scenario('    - { from: care_m0_12, to: home, multiply: 2 }'));
    expectClose(p.result.stock[0], 1000 * 0.9 ** 12, 1e-12, 'after 12 months');
    expectClose(p.result.stock[2], 1000 * 0.9 ** 12 * 0.98 ** 12, 1e-12, 'after 24 months');
  });

  it('a change from the flag’s group acts on the children who were there before', async () => {
    const p = await projectScenario(yamlModel(REPEATS), scenario('    - { from: after_cpp, to: cpp, multiply: 0.5 }'));
    expectClose(repeatStarts(p, p.history![0], 1).repeat, 0.25, 1e-12);
    expectClose(repeatStarts(p, p.history![0], 1).first, 0.5, 1e-12);
  });

  it('a state a flag split stands for all its copies', async () => {
    const p = await projectScenario(yamlModel(REPEATS), scenario('    - { from: cin, to: home, multiply: 2 }'));
    const s = p.states.findIndex((x) => x.id === 'cin_after_cpp');
    expectClose(p.result.stock[1 * p.states.length + s], 16.5, 1e-12);
    expect(p.states.map((x) => x.id)).toContain('cin');
  });
});
