/**
 * Monte Carlo on the specialised path (packed values rewritten per draw, the generated kernel)
 * against the reference path (every draw's plans built densely and run by `runPlan`:
 * test/uncertainty/reference-arms.ts), on the example council with every bundled scenario and
 * on scenarios that add, set and clip. Specified: children by state equal bit for bit, costs to
 * 1e-12 relative, for every draw; and a drawn change that leaves [0, 1] without clipping gives
 * the same located error as the dense path.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, parseModel } from '../../src/model/load.js';
import { loadScenario, parseScenario } from '../../src/scenario/load.js';
import { figuresPerDraw, prepare, runArms } from '../../src/uncertainty/montecarlo.js';
import { drawModelValues, drawScenarioValues } from '../../src/uncertainty/parameters.js';
import { drawGenerator } from '../../src/uncertainty/random.js';
import { referenceArms } from './reference-arms.js';

const ROOT = join(import.meta.dirname, '../..');
const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));

/** Compares both paths over `draws` draws; returns the largest relative cost difference. */
async function compareDraws(model: ReturnType<typeof loadModel>, scenarios: ReturnType<typeof loadScenario>[], draws: number): Promise<number> {
  const setup = await prepare(model, scenarios);
  const size = figuresPerDraw(setup);
  const n = model.states.length;
  const f = n + 4;
  let worst = 0;
  for (let d = 0; d < draws; d++) {
    const mv = drawModelValues(model, drawGenerator(7, d));
    const sv = setup.arms.map((a) => (a.scenario ? drawScenarioValues(a.scenario, drawGenerator(7, d, `scenario:${a.key}`)) : null));
    const got = new Float64Array(size);
    const want = new Float64Array(size);
    runArms(setup, mv, sv, got, 0);
    referenceArms(setup, mv, sv, want, 0);
    for (let i = 0; i < size; i++) {
      if (i % f < n) expect(got[i], `draw ${d}, figure ${i}`).toBe(want[i]);
      else worst = Math.max(worst, relative(got[i], want[i]));
    }
  }
  return worst;
}

describe('Monte Carlo on the specialised path', () => {
  it('matches the reference on the example council with every bundled scenario', async () => {
    const model = loadModel(join(ROOT, 'models/example.yaml'));
    const files = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => join(ROOT, 'scenarios', f));
    const worst = await compareDraws(model, files.map((f) => loadScenario(f)), 25);
    expect(worst).toBeLessThanOrEqual(1e-12);
  });

  const model = () => parseModel(
    `carecast: 1
name: three states
time: { start: 2025-04-01, step: month, horizon_years: 3 }
states: [{ id: a }, { id: b }, { id: gone, absorbing: true }]
transitions:
  per: step
  matrices:
    - rows: { a: { b: 0.02 }, b: { a: 0.05, gone: 0.01 } }
initial: { a: 1000, b: 100 }
values:
  price_base: 2025-26
  inflation: 0.03
  discount_rate: 0.035
  costs: { a: { per_year: 100 }, b: { per_year: 40000 } }
uncertainty:
  transitions: [{ rows: b, sample_size: 200 }]
  probabilities: [{ from: a, to: b, distribution: beta, sd: 0.004 }]
`,
    join(ROOT, 'models', 'three.yaml'),
  );
  const scenario = (changes: string) => parseScenario(`carecast: 1\nscenario: changed\ntiming: { start: 2025-10-01, phase_in_months: 4 }\nchanges:\n${changes}`, join(ROOT, 'scenarios', 'changed.yaml'));

  it('matches the reference when a change adds or sets a move that was zero, and when it clips', async () => {
    const m = model();
    const scenarios = [
      scenario('  - { from: a, to: gone, add: 0.001 }\n'),
      scenario('  - { from: a, to: b, set: 0.03 }\n  - { from: b, to: gone, multiply: 3, uncertainty: { distribution: lognormal, low: 2, high: 40 } }\n'),
    ];
    expect(await compareDraws(m, scenarios, 40)).toBeLessThanOrEqual(1e-12);
  });

  it('gives the dense path\'s located error when a change pushes a drawn row past 1', async () => {
    const m = model();
    const s = scenario('  - { from: b, to: a, multiply: 19.5 }\n');
    const setup = await prepare(m, [s]);
    let denseError: unknown = null;
    let leanError: unknown = null;
    for (let d = 0; d < 200 && denseError === null; d++) {
      const mv = drawModelValues(m, drawGenerator(3, d));
      const sv = setup.arms.map((a) => (a.scenario ? drawScenarioValues(a.scenario, drawGenerator(3, d)) : null));
      try {
        referenceArms(setup, mv, sv, new Float64Array(figuresPerDraw(setup)), 0);
      } catch (err) {
        denseError = err;
        try {
          runArms(setup, mv, sv, new Float64Array(figuresPerDraw(setup)), 0);
        } catch (e) {
          leanError = e;
        }
      }
    }
    expect(denseError).not.toBeNull();
    expect(leanError).toEqual(denseError);
    expect((leanError as Error).message).toBe((denseError as Error).message);
  });
});
