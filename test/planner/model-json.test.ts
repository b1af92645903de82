/** A model carried in the page as JSON comes back equal, to the bit, and projects the same. */
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/model/load.js';
import { decodeModel, encodeModel } from '../../src/planner/model-json.js';
import { summariseComparison } from '../../src/report/comparison.js';
import { loadScenario } from '../../src/scenario/load.js';
import { compareScenarios } from '../../src/scenario/project.js';

describe('encodeModel / decodeModel', () => {
  it('the example council comes back deep-equal (typed arrays, maps and all) and its comparison is the same to the last bit', async () => {
    const model = loadModel('models/example.yaml');
    const back = decodeModel(encodeModel(model));
    expect(back).toEqual(model);
    expect(back.transitions.matrices[0].p).toBeInstanceOf(Float64Array);
    const scenarios = ['early-help', 'fostering-recruitment'].map((f) => loadScenario(`scenarios/${f}.yaml`));
    const a = summariseComparison(await compareScenarios(model, scenarios));
    const b = summariseComparison(await compareScenarios(back, scenarios));
    for (let i = 0; i < scenarios.length; i++) {
      for (let k = 0; k < a.scenarios[i].years.length; k++) {
        expect(b.scenarios[i].years[k].netSaving).toBe(a.scenarios[i].years[k].netSaving);
        expect(b.scenarios[i].years[k].stock).toEqual(a.scenarios[i].years[k].stock);
      }
    }
    expect(Array.from(b.baseline.result.cost)).toEqual(Array.from(a.baseline.result.cost));
  }, 60_000);

  it('keeps what JSON alone would lose: NaN, infinities and -0 in numbers and in typed arrays, and maps', () => {
    const model = loadModel('test/fixtures/single-care.yaml');
    const odd = { ...model, extra: { values: new Float64Array([NaN, Infinity, -Infinity, -0, 0.1]), n: -0, m: new Map([[2025, NaN]]) } };
    const back = decodeModel(encodeModel(odd as typeof model)) as unknown as typeof odd;
    expect(Array.from(back.extra.values)).toEqual([NaN, Infinity, -Infinity, -0, 0.1]);
    expect(Object.is(back.extra.values[3], -0)).toBe(true);
    expect(Object.is(back.extra.n, -0)).toBe(true);
    expect(back.extra.m).toEqual(new Map([[2025, NaN]]));
  });
});
