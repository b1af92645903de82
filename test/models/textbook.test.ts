/**
 * The textbook check: the HIV model of Chancellor et al. (1997) rebuilt in our format must give
 * the results published in Briggs, Claxton & Sculpher, "Decision Modelling for Health Economic
 * Evaluation" (OUP 2006), exercise 2.5: monotherapy 7.991 life years (7.996 in the book's
 * rounded table) and £44,663; combination 8.937 life years and £50,602; ICER £6,276.
 * The book rounds to the pound and (for life years) to 3 decimals; we allow that rounding.
 */
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/model/load.js';
import { project } from '../../src/engine/project.js';

async function perPerson(file: string): Promise<{ lifeYears: number; cost: number }> {
  const p = await project(loadModel(file));
  const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
  return { lifeYears: sum(p.result.measures) / 1000, cost: sum(p.result.costDiscounted) / 1000 };
}

describe('Chancellor 1997 HIV model (Briggs et al. 2006, exercise 2.5)', () => {
  it('monotherapy: 7.991 life years, £44,663 discounted cost per person', async () => {
    const r = await perPerson('models/textbook/hiv-monotherapy.yaml');
    expect(r.lifeYears).toBeCloseTo(7.991, 3);
    expect(Math.abs(r.cost - 44663)).toBeLessThan(1);
  });

  it('combination: 8.937 life years, £50,602 discounted cost, ICER £6,276 per life year', async () => {
    const mono = await perPerson('models/textbook/hiv-monotherapy.yaml');
    const comb = await perPerson('models/textbook/hiv-combination.yaml');
    expect(comb.lifeYears).toBeCloseTo(8.937, 3);
    expect(Math.abs(comb.cost - 50602)).toBeLessThan(1);
    const icer = (comb.cost - mono.cost) / (comb.lifeYears - mono.lifeYears);
    expect(Math.abs(icer - 6276)).toBeLessThan(2);
  });
});
