/**
 * The Monte Carlo runner: a model with no declared uncertainty gives zero-width intervals equal to
 * the deterministic run; the same seed gives byte-identical output with 1 and 2 worker threads;
 * common random numbers make a no-change scenario's net saving exactly 0 in every draw;
 * percentiles follow the documented rule on a constructed case.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelInvalidError } from '../../src/errors.js';
import { project } from '../../src/engine/project.js';
import { loadModel } from '../../src/model/load.js';
import { uncertaintyCsv } from '../../src/report/uncertainty-tables.js';
import { loadScenario } from '../../src/scenario/load.js';
import { EXTRA_FIGURES, monteCarlo, prepare as prepareDraws } from '../../src/uncertainty/montecarlo.js';
import { drawModelValues } from '../../src/uncertainty/parameters.js';
import { drawGenerator } from '../../src/uncertainty/random.js';
import { sensitivity } from '../../src/uncertainty/sensitivity.js';
import { compareDraws, intervalOf, summariseDraws } from '../../src/uncertainty/summary.js';
import { expectClose, groupStates, reader, sumGroup, yamlModel } from '../helpers.js';

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
    // 3 threads (this one and 2 workers); and more threads than chunks (2 chunks, 4 threads).
    const three = await monteCarlo(model, scenarios, { draws: 120, seed: 42, years: 5, threads: 3, chunk: 25 });
    expect(uncertaintyCsv(three)).toBe(uncertaintyCsv(one));
    const few = await monteCarlo(model, scenarios, { draws: 120, seed: 42, years: 5, threads: 4, chunk: 60 });
    expect(uncertaintyCsv(few)).toBe(uncertaintyCsv(one));
  }, 90_000);

  it("a worker's error reaches the caller as the carecast error it is, and the run stops", async () => {
    // The scenario is read here, then its file is spoilt: the workers, reading it again, find it invalid.
    const dir = mkdtempSync(join(tmpdir(), 'carecast-mc-'));
    const file = join(dir, 'early-help.yaml');
    writeFileSync(file, readFileSync('scenarios/early-help.yaml', 'utf8'));
    const scenario = loadScenario(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('relative_risk: 0.8', 'relative_risk: -1'));
    let done = 0;
    const run = monteCarlo(model, [scenario], { draws: 2000, seed: 1, years: 5, threads: 2, chunk: 50, onProgress: (d) => (done = d) });
    await expect(run).rejects.toMatchObject({ code: 'SCENARIO_INVALID', exitCode: 2 });
    // Stopped once the error came back, not after all 2,000 draws on this thread.
    expect(done).toBeLessThan(2000);
  }, 60_000);

  it('a scenario with no changes saves exactly 0 in every draw (common random numbers), and is "no change", not a payback', async () => {
    const mc = await monteCarlo(model, [loadScenario('scenarios/baseline.yaml')], { draws: 40, seed: 5, years: 5 });
    const [c] = compareDraws(mc);
    for (const y of c.years) expect([y.netSaving.p5, y.netSaving.p95]).toEqual([0, 0]);
    expect(c.totals[0].probabilitySaves).toBe(0);
    expect(c.payback).toEqual({ share: 0, noChange: 1, period: null });
  });

  it('a cost change of × 1 saves exactly 0 in every draw: the drawn cost factors reach the scenario too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-cost1-'));
    // A placement type's cost and a mix shift need a care state whose cost is a mix: the example
    // before care was split into placement states (test/fixtures/single-care.yaml).
    const file = join(dir, 'times-one.yaml');
    writeFileSync(file, 'carecast: 1\nscenario: Times one\ncosts: [{ state: cic, multiply: 1 }, { state: cic, type: residential, multiply: 1 }]\nplacement_mix: [{ state: cic, from: residential, to: ifa, move: 0 }]\n');
    const mc = await monteCarlo(loadModel('test/fixtures/single-care.yaml'), [loadScenario(file)], { draws: 30, seed: 8, years: 3 });
    const [c] = compareDraws(mc);
    for (const y of c.years) expect([y.netSaving.p5, y.netSaving.p95]).toEqual([0, 0]);
    // On the example, the group cic (every placement type) and one placement type by name.
    const groupFile = join(dir, 'times-one-group.yaml');
    writeFileSync(groupFile, 'carecast: 1\nscenario: Times one (group)\ncosts: [{ state: cic, multiply: 1 }, { state: external_residential, multiply: 1 }]\n');
    const [g] = compareDraws(await monteCarlo(model, [loadScenario(groupFile)], { draws: 30, seed: 8, years: 3 }));
    for (const y of g.years) expect([y.netSaving.p5, y.netSaving.p95]).toEqual([0, 0]);
  });

  it('two scenarios with the same name are kept apart (arms are keyed by file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-same-'));
    const big = join(dir, 'big.yaml');
    writeFileSync(big, readFileSync('scenarios/early-help.yaml', 'utf8').replace('fixed_per_year: 900000', 'fixed_per_year: 5000000'));
    const mc = await monteCarlo(model, [loadScenario('scenarios/early-help.yaml'), loadScenario(big)], { draws: 10, seed: 2, years: 3 });
    expect(mc.keys).toEqual(['baseline', 'early-help', 'big']);
    const prog = summariseDraws(mc).filter((f) => f.period === '2027/28' && f.measure === 'programme_cost');
    expect(prog.map((f) => f.arm)).toEqual(['baseline', 'early-help', 'big']);
    expect(prog[2].stats.mean).toBeGreaterThan(4 * prog[1].stats.mean);
  });

  it('draws centre on the stated model: mean children in care within 1% of the deterministic run after 1 year', async () => {
    const mc = await monteCarlo(model, [], { draws: 400, seed: 11, years: 2 });
    // Children in care: the example's group cic, summed over its placement states draw by draw
    // (figures are [draw][arm][period][state…, then the extra figures]).
    const f = mc.states.length + EXTRA_FIGURES.length;
    const size = mc.arms.length * mc.periods.length * f;
    const k = mc.periods.findIndex((p) => p.label === '2025/26');
    const members = groupStates(model, 'cic').map((id) => mc.states.findIndex((s) => s.id === id));
    expect(members).toHaveLength(8);
    const inCare = (a: Float64Array, at: number) => members.reduce((t, j) => t + a[at + k * f + j], 0);
    const point = inCare(mc.point, 0);
    const stats = intervalOf(Array.from({ length: mc.draws }, (_, d) => inCare(mc.figures, d * size)));
    expect(stats.p5).toBeLessThan(point);
    expect(stats.p95).toBeGreaterThan(point);
    expectClose(stats.mean, point, 0.01);
  });
});

describe('population variants', () => {
  const setupFiles = () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-variants-'));
    const csv = readFileSync('data/example/population.csv', 'utf8').trim().split(/\r?\n/);
    writeFileSync(join(dir, 'high.csv'), [csv[0], ...csv.slice(1).map((l) => l.split(',').map((c, i) => (i === 2 ? String(+c * 1.05) : c)).join(','))].join('\n') + '\n');
    const model = readFileSync('models/example.yaml', 'utf8')
      .replace('file: ../data/example/population.csv', `file: ${join(process.cwd(), 'data/example/population.csv')}`)
      .replace(
        '  population_growth: { distribution: normal, sd: 0.004 }',
        [
          '  population_variants:',
          '    - { label: principal, weight: 2 }',
          '    - { label: high, weight: 1, file: high.csv }',
          '    - { label: faster growth, weight: 1, growth: 0.01 }',
        ].join('\n'),
      );
    writeFileSync(join(dir, 'model.yaml'), model);
    return { dir, file: join(dir, 'model.yaml') };
  };

  it('normalises weights, reads variant files, and draws each variant about as often as its weight', async () => {
    const { file } = setupFiles();
    const model = loadModel(file);
    expect(model.uncertainty.variants.map((v) => [v.label, v.weight, v.growth, v.projection !== null])).toEqual([
      ['principal', 0.5, 0, false],
      ['high', 0.25, 0, true],
      ['faster growth', 0.25, 0.01, false],
    ]);
    const counts = [0, 0, 0];
    for (let d = 0; d < 4000; d++) counts[drawModelValues(model, drawGenerator(1, d)).variant]++;
    // binomial SD for 4,000 draws at 0.25 is about 27: within 5 SD
    expect(Math.abs(counts[0] - 2000)).toBeLessThan(160);
    expect(Math.abs(counts[1] - 1000)).toBeLessThan(140);
  });

  it('the high variant starts with 5% more children, all in universal, and ends with more in care', async () => {
    const { file } = setupFiles();
    const model = loadModel(file);
    const setup = await prepareDraws(model, []);
    const t = sensitivity(setup);
    const high = t.rows.find((r) => r.parameter.label === 'population variant: high')!;
    expect([high.parameter.lowText, high.parameter.highText]).toEqual(['principal', 'high']);
    expect(high.high.cic10).toBeGreaterThan(high.low.cic10);
    expect(high.high.total10).toBeGreaterThan(high.low.total10);
    // More in care after 10 years: the group cic, every placement state.
    const [principal, highModel] = setup.arms[0].models;
    const inCare10 = async (m: typeof model) => {
      const r = reader(await project(m));
      return sumGroup(m, 'cic', (s) => r.stock(9, s));
    };
    expect(await inCare10(highModel)).toBeGreaterThan(await inCare10(principal));
    const base = principal.initial;
    const variant = highModel.initial;
    // Every child's state: universal, early help, CIN, CPP and the eight placement states (not
    // the care leavers, past the population's ages 0-17).
    const active = model.states.flatMap((s, i) => (s.absorbing || s.id.startsWith('care_leaver') ? [] : [i]));
    expect(active).toHaveLength(12);
    const universal = (m: number[][]) => m.reduce((a, row) => a + row[0], 0);
    const all = (m: number[][]) => m.reduce((a, row) => a + active.reduce((t, i) => t + row[i], 0), 0);
    expectClose(universal(variant) - universal(base), 0.05 * all(base), 1e-9);
  });

  it('refuses a variant file that does not exist, at its field', () => {
    const { file } = setupFiles();
    writeFileSync(file, readFileSync(file, 'utf8').replace('file: high.csv', 'file: missing.csv'));
    let err: unknown;
    try {
      loadModel(file);
    } catch (e) {
      err = e;
    }
    expect((err as ModelInvalidError).issues.map((i) => i.path)).toContain('uncertainty.population_variants[1].file');
  });
});
