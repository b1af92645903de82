/**
 * The Monte Carlo runner: a model with no declared uncertainty gives zero-width intervals equal to
 * the deterministic run; the same seed gives byte-identical output with 1 and 2 worker threads;
 * common random numbers make a no-change scenario's net saving exactly 0 in every draw;
 * percentiles follow the documented rule on a constructed case.
 */
import { describe, expect, it } from 'vitest';
import { project } from '../../src/engine/project.js';
import { loadModel } from '../../src/model/load.js';
import { uncertaintyCsv } from '../../src/report/uncertainty-tables.js';
import { loadScenario } from '../../src/scenario/load.js';
import { monteCarlo } from '../../src/uncertainty/montecarlo.js';
import { compareDraws, intervalOf, summariseDraws } from '../../src/uncertainty/summary.js';
import { expectClose, reader, yamlModel } from '../helpers.js';

const certain = () =>
  yamlModel(`
    carecast: 1
    name: no uncertainty
    time: { start: 2025-04-01, step: month, horizon_years: 3 }
    states: [{ id: home }, { id: cic }, { id: left, absorbing: true }]
    transitions: { per: step, matrices: [{ rows: { home: { cic: 0.001 }, cic: { home: 0.02, left: 0.01 } } }] }
    initial: { home: 10000, cic: 100 }
    values: { costs: { cic: { per_week: 2000 } }, discount_rate: 0.035 }
  `);

describe('percentiles', () => {
  it('on 1..20 (type 7, h = 19p): mean 10.5; p5 1.95, p10 2.9, p50 10.5, p90 18.1, p95 19.05', () => {
    // hand calculation: x_h = 1 + h on 1..20. p5: h = 0.95 → 1.95; p10: h = 1.9 → 2.9;
    // p50: h = 9.5 → 10.5; p90: h = 17.1 → 18.1; p95: h = 18.05 → 19.05.
    const values = Array.from({ length: 20 }, (_, i) => 20 - i); // given out of order on purpose
    const i = intervalOf(values);
    expect(i.mean).toBe(10.5);
    [[i.p5, 1.95], [i.p10, 2.9], [i.p50, 10.5], [i.p90, 18.1], [i.p95, 19.05]].forEach(([a, e]) => expectClose(a, e, 1e-12));
  });

  it('keeps "not within horizon" (Infinity) as such: 2, 3, ∞, ∞ has median ∞ and 5th percentile 2.15', () => {
    // h = 3p: p50 → h = 1.5, between 3 and ∞: ∞; p5 → h = 0.15: 2 + 0.15 × (3 − 2) = 2.15.
    const i = intervalOf([Infinity, 2, Infinity, 3]);
    expect(i.p50).toBe(Infinity);
    expectClose(i.p5, 2.15, 1e-12);
  });
});

describe('a model without declared uncertainty', () => {
  it('gives zero-width intervals equal to the deterministic run', async () => {
    const model = certain();
    const mc = await monteCarlo(model, [], { draws: 50, seed: 3 });
    const det = reader(await project(model));
    for (const f of summariseDraws(mc)) {
      expect(f.stats.p5, `${f.period} ${f.item} ${f.measure}`).toBe(f.stats.p95);
      expect(f.stats.p50).toBe(f.point);
    }
    const cic = summariseDraws(mc).find((f) => f.period === '2027/28' && f.item === 'cic')!;
    expect(cic.stats.p50).toBe(det.stock(2, 'cic'));
    const cost = summariseDraws(mc).find((f) => f.period === '2026/27' && f.measure === 'cost')!;
    expect(cost.stats.p95).toBe(det.cost(1));
  });
});

describe('the example council with its declared uncertainty', () => {
  const model = loadModel('models/example.yaml');

  it('same seed, byte-identical CSV with 1 and with 2 worker threads; another seed differs', async () => {
    const scenarios = [loadScenario('scenarios/early-help.yaml')];
    const one = await monteCarlo(model, scenarios, { draws: 120, seed: 42, years: 5, threads: 1, chunk: 25 });
    const two = await monteCarlo(model, scenarios, { draws: 120, seed: 42, years: 5, threads: 2, chunk: 25 });
    expect(uncertaintyCsv(two)).toBe(uncertaintyCsv(one));
    const other = await monteCarlo(model, scenarios, { draws: 120, seed: 43, years: 5, threads: 1 });
    expect(uncertaintyCsv(other)).not.toBe(uncertaintyCsv(one));
  }, 60_000);

  it('a scenario with no changes saves exactly 0 in every draw (common random numbers)', async () => {
    const mc = await monteCarlo(model, [loadScenario('scenarios/baseline.yaml')], { draws: 40, seed: 5, years: 5 });
    const [c] = compareDraws(mc);
    for (const y of c.years) expect([y.netSaving.p5, y.netSaving.p95]).toEqual([0, 0]);
    expect(c.totals[0].probabilitySaves).toBe(0);
  });

  it('draws centre on the stated model: mean children in care within 1% of the deterministic run after 1 year', async () => {
    const mc = await monteCarlo(model, [], { draws: 400, seed: 11, years: 2 });
    const f = summariseDraws(mc).find((x) => x.period === '2025/26' && x.item === 'cic')!;
    expect(f.stats.p5).toBeLessThan(f.point);
    expect(f.stats.p95).toBeGreaterThan(f.point);
    expectClose(f.stats.mean, f.point, 0.01);
  });
});
