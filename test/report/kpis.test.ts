/**
 * Performance indicators from history flags and duration bands. Worked by hand: 1,000 children
 * starting a plan at the start date, leaving 10% a month under 3 months, 5% at 3-12, 4% at 12-24
 * and 2% after; exact bands. At the end of year 2 the children still on a plan have been on it
 * 24 months: 1000 × 0.9^3 × 0.95^9 × 0.96^12 of them, all "2 years or more"; at the end of year 1
 * none. Repeat shares are those of test/model/history.test.ts (50% in year 2).
 */
import { describe, expect, it } from 'vitest';
import { project } from '../../src/engine/project.js';
import { kpis, kpiTables } from '../../src/report/kpis.js';
import { dedent, expectClose, yamlModel } from '../helpers.js';

const PLANS = dedent(`
  carecast: 1
  name: Long plans
  time: { start: 2025-04-01, step: month, horizon_years: 3 }
  states:
    - { id: cpp, label: Child protection plan }
    - { id: ended, label: Plan ended, absorbing: true }
  transitions:
    per: step
    matrices:
      - rows:
          cpp: { ended: 0.05 }
  durations:
    cpp:
      bands: [3, 12, 24]
      exact: true
      rows:
        "0-3": { ended: 0.1 }
        "12-24": { ended: 0.04 }
        "24+": { ended: 0.02 }
      initial: new
  initial:
    cpp: 1000
`);

describe('performance indicators', () => {
  it('counts plans lasting 2 years or more at 31 March, worked by hand', async () => {
    const p = await project(yamlModel(PLANS));
    const list = kpis(p);
    const long = list.find((k) => k.id === 'cpp_2y_plus')!;
    expect(long.label).toBe('Child protection plan: 2 years or more at 31 March');
    expectClose(long.values[0], 0, 1e-12);
    expectClose(long.values[1], 1000 * 0.9 ** 3 * 0.95 ** 9 * 0.96 ** 12, 1e-12);
    expectClose(list.find((k) => k.id === 'cpp_2y_plus_share')!.values[1], 1, 1e-12);
    // Leavers in year 1: 1000 less those still on a plan after 12 months.
    expectClose(list.find((k) => k.id === 'cpp_leavers')!.values[0], 1000 - 1000 * 0.9 ** 3 * 0.95 ** 9, 1e-12);
  });

  it('gives one table, a row per indicator, and none for a model without flags or bands', async () => {
    const p = await project(yamlModel(PLANS));
    const [table] = kpiTables(p, (k) => p.periods[k].label);
    expect(table.columns).toEqual(['Indicator', '2025/26', '2026/27', '2027/28']);
    expect(table.rows.map((r) => r[0])).toContain('Child protection plan: median months in the state of those leaving');
    const plain = await project(yamlModel(PLANS.replace(/durations:[\s\S]*?initial: new\n/, '')));
    expect(kpiTables(plain, (k) => plain.periods[k].label)).toEqual([]);
  });
});
