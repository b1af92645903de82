/**
 * Edges of the engine: a projection that starts part-way through a financial year, a population
 * that falls faster than the entry state can give children up, and an annual matrix with no real
 * root at all.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectClose, reader, runYaml, yamlModel } from '../helpers.js';
import { project } from '../../src/engine/project.js';
import { horizonTotals, summarise } from '../../src/report/summary.js';
import { CarecastError } from '../../src/errors.js';

describe('a start part-way through a financial year', () => {
  // Start 1 January 2025, monthly, 1 year: January-March 2025 fall in 2024/25 (3 steps), April-
  // December 2025 in 2025/26 (9 steps). Nobody moves; a state costs £1,200 a year = £100 a month.
  const yaml = `
    carecast: 1
    name: partial years
    time: { start: 2025-01-01, step: month, horizon_years: 1 }
    states: [{ id: a }, { id: gone, absorbing: true }]
    transitions: { per: step, matrices: [{ rows: { a: {} } }] }
    initial: { a: 10 }
    values: { price_base: 2024-25, costs: { a: { per_year: 1200 } } }
  `;

  it('reports both financial years as partial, with their dates and costs', async () => {
    const p = await runYaml(yaml);
    expect(p.periods.map((x) => [x.label, x.start, x.end, x.steps, x.partial])).toEqual([
      ['2024/25', '2025-01-01', '2025-04-01', 3, true],
      ['2025/26', '2025-04-01', '2026-01-01', 9, true],
    ]);
    // hand calculation: 10 children × £100 a month × 3 months = £3,000; × 9 months = £9,000.
    const r = reader(p);
    expectClose(r.cost(0), 3000, 1e-12);
    expectClose(r.cost(1), 9000, 1e-12);
  });

  it('leaves partial years out of the 5- and 10-year totals', async () => {
    const p = await runYaml(yaml.replace('horizon_years: 1', 'horizon_years: 6'));
    // 2024/25 (3 months), 2025/26 … 2029/30 (5 whole years), 2030/31 (9 months).
    const totals = horizonTotals(p, summarise(p));
    expect(totals.map((t) => t.years)).toEqual([5]);
    // hand calculation: 5 whole years × 10 children × £1,200 = £60,000.
    expectClose(totals[0].totalCost, 60_000, 1e-12);
  });
});

describe('a population that falls faster than the entry state can give up', () => {
  it('warns, naming the shortfall, instead of making the entry state negative', async () => {
    // No ages; the projection halves the population (1000 -> 500) between mid-2025 and mid-2026,
    // but 900 of the 1000 children are in `b`, which never moves, so universal (100) cannot give
    // up what the projection asks.
    const dir = mkdtempSync(join(tmpdir(), 'carecast-edge-'));
    const rows = ['age,mid_year,population'];
    for (const [year, total] of [[2024, 1000], [2025, 1000], [2026, 500], [2027, 500]]) {
      for (let age = 0; age < 18; age++) rows.push(`${age},${year},${total / 18}`);
    }
    const csv = join(dir, 'pop.csv');
    writeFileSync(csv, rows.join('\n'));
    const p = await runYaml(`
      carecast: 1
      name: shortfall
      time: { start: 2025-04-01, step: year, horizon_years: 1 }
      states: [{ id: universal }, { id: b }]
      transitions: { per: step, matrices: [{ rows: { universal: {}, b: {} } }] }
      population: { entry_state: universal, projection: { file: ${csv} } }
      initial: { universal: 100, b: 900 }
    `);
    // hand calculation: 1 April 2026 is 90 days before 30 June 2026, so the projection there is
    // 1000 - 500 x (1 - 90/365.25) = 1000 - 376.797 = 623.203. 376.797 children must leave;
    // universal has 100, so 276.797 cannot.
    expect(p.warnings.join('\n')).toMatch(/276\.8 children could not be removed/);
    expectClose(reader(p).stock(0, 'universal'), 0, 1e-12);
  });
});

describe('an annual matrix with no real monthly root', () => {
  it('is refused with MATRIX_ROOT, naming the negative eigenvalue, even with clip', async () => {
    // cin/cpp block [[0.19, 0.13], [0.55, 0.19]]: eigenvalues 0.19 ± sqrt(0.13 × 0.55) =
    // 0.19 ± 0.26739 -> -0.0774 (hand calculation), so no real logarithm exists.
    for (const negative of ['refuse', 'clip']) {
      const model = yamlModel(`
        carecast: 1
        name: no root
        time: { start: 2025-04-01, step: month, horizon_years: 1 }
        states: [{ id: cin }, { id: cpp }, { id: out, absorbing: true }]
        transitions:
          per: year
          negative_root: ${negative}
          matrices:
            - rows:
                cin: { cpp: 0.13, out: 0.68 }
                cpp: { cin: 0.55, out: 0.26 }
        initial: { cin: 100 }
      `);
      const err = await project(model).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CarecastError);
      expect((err as CarecastError).code).toBe('MATRIX_ROOT');
      expect((err as CarecastError).message).toContain('eigenvalue -0.0774');
    }
  });
});
