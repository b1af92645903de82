/**
 * Compare's care-leaver table (src/report/apart-comparison.ts): the example council's care leavers
 * under the baseline and a scenario, their cost beside (not in) the net saving.
 */
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/model/load.js';
import { apartComparisonTables, apartTotals, APART_COMPARISON_TITLE } from '../../src/report/apart-comparison.js';
import { summariseComparison } from '../../src/report/comparison.js';
import { comparisonTables } from '../../src/report/comparison-tables.js';
import { loadScenario } from '../../src/scenario/load.js';
import { compareScenarios } from '../../src/scenario/project.js';
import { expectClose } from '../helpers.js';

describe('care leavers in compare', () => {
  it('gives each arm the care leavers of its own projection, their cost over 5 and 10 years, and the difference from the baseline', async () => {
    const model = loadModel('models/example.yaml');
    const sum = summariseComparison(await compareScenarios(model, [loadScenario('scenarios/early-help.yaml')]));
    const base = apartTotals(sum.baseline, sum.baselineYears)!;
    expect(base.states.map((s) => s.id)).toEqual(['care_leaver_staying_put', 'care_leaver_supported', 'care_leaver_support', 'care_leaver_21_24']);
    expect(base.spans.map((x) => x.years)).toEqual([5, 10]);
    // The 5-year cost of each state is the sum of its first five years' cost; the total is theirs.
    const five = sum.baselineYears.slice(0, 5);
    const ids = sum.baseline.states.map((s) => s.id);
    base.states.forEach((s, j) => expectClose(base.spans[0].cost[j], five.reduce((a, y) => a + y.cost[ids.indexOf(s.id)], 0), 1e-12, s.id));
    expectClose(base.spans[0].total, base.spans[0].cost.reduce((a, v) => a + v, 0), 1e-12);
    const [table] = apartComparisonTables(sum, base);
    expect(table.title).toBe(APART_COMPARISON_TITLE);
    expect(table.rows.map((r) => r[0])).toEqual(['Baseline', sum.scenarios[0].name]);
    const s = sum.scenarios[0].apart!;
    const diff = (k: number) => (s.spans[k].total - base.spans[k].total) / 1e6;
    expect(table.rows[1].at(-1)).toBe(`${diff(0).toFixed(1)} / ${diff(1).toFixed(1)}`);
    expect(table.rows[0].at(-1)).toBe('');
    // Part of compare's tables.
    expect(comparisonTables(sum).map((t) => t.title)).toContain(APART_COMPARISON_TITLE);
  });
});
