/**
 * Measures as a board reads them: discounted beside undiscounted, totals only where the model
 * says they mean something (FTE-years for staff), and in `compare` per arm with the difference
 * from the baseline and the cost per unit gained (the ICER) or the dominance. The constructed
 * case is the one of comparison.test.ts, worked by hand: 1,000 children in care, £1,000 per
 * child-year on the stock at the start of each year, 10% leaving a year; the scenario doubles
 * that for £150,000 a year.
 */
import { describe, expect, it } from 'vitest';
import { summariseComparison, costEffectiveness } from '../../src/report/comparison.js';
import { comparisonJson } from '../../src/report/comparison-json.js';
import { comparisonTables, formatCostEffectiveness, formatPayback } from '../../src/report/comparison-tables.js';
import { comparisonRows } from '../../src/report/comparison-tidy.js';
import { projectionJson } from '../../src/report/json.js';
import { projectionTables } from '../../src/report/tables.js';
import { tidyRows } from '../../src/report/tidy.js';
import { parseScenario } from '../../src/scenario/load.js';
import { compareScenarios } from '../../src/scenario/project.js';
import { expectClose, runYaml, yamlModel } from '../helpers.js';

// QALYs: 0.5 a year in care, 1 at home, discounted at 3.5% from the second year. Visits: 2 a
// year in care, not totalled. Staff: 0.05 FTE per child in care, totalled in FTE-years.
const MODEL = (years = 5, extra = '') => `
  carecast: 1
  name: measures
  time: { start: 2025-04-01, step: year, horizon_years: ${years} }
  states: [{ id: care, label: In care }, { id: home, label: Home, absorbing: true }]
  transitions: { per: step, matrices: [{ rows: { care: { home: 0.1 } } }] }
  initial: { care: 1000 }
  values:
    count: start
    costs: { care: { per_year: 1000 } }
    measures:
      - { id: qaly, label: QALYs, per_year: { care: 0.5, home: 1 }, discount_rate: 0.035 }
      - { id: visits, label: Visits, per_year: { care: 2 }, totals: false }
      - { id: staff, label: Staff, kind: fte, per_year: { care: 0.05 }, totals: true }
  ${extra}
`;
const FASTER = parseScenario('carecast: 1\nscenario: faster exits\nchanges: [{ from: care, to: home, set: 0.2 }]\nprogrammes: [{ id: team, fixed_per_year: 150000 }]\n', '/tmp/faster.yaml');

describe('measures in run', () => {
  // In care at the start of year t: 1,000 × 0.9^(t-1) = 1,000, 900, 810, …; QALYs in the year:
  // 0.5 × in care + 1 × at home = 1,000 − 0.5 × in care: 500, 550, 595, …
  it('reports each measure discounted beside undiscounted: tables, tidy CSV and JSON', async () => {
    const p = await runYaml(MODEL());
    const json = projectionJson(p, 'test') as { periods: { measures: Record<string, number>; measures_discounted: Record<string, number> }[]; measures: { id: string; unit: string }[] };
    expectClose(json.periods[1].measures.qaly, 550);
    expectClose(json.periods[1].measures_discounted.qaly, 550 / 1.035);
    expect(json.measures.find((m) => m.id === 'staff')!.unit).toBe('average FTE in the year');
    const rows = tidyRows(p).filter((r) => r[0] === '2026/27' && r[3] === 'care');
    expectClose(rows.find((r) => r[5] === 'qaly_discounted')![6] as number, 450 / 1.035);
    expect(rows.find((r) => r[5] === 'qaly_discounted')![7]).toBe('QALYs, summed over the year, discounted at 3.5% a year');
    const table = projectionTables(p).find((t) => t.title === 'Other measures (summed over the year)')!;
    expect(table.columns).toEqual(['Year', 'QALYs', 'QALYs, discounted', 'Visits']);
    expect(table.rows[1]).toEqual(['2026/27', '550', '531', '1,800']);
  });

  it('gives totals only for measures whose totals mean something; FTE totals are FTE-years', async () => {
    const p = await runYaml(MODEL());
    const tables = projectionTables(p);
    const other = tables.find((t) => t.title === 'Other measures (summed over the year)')!;
    // 5-year QALYs: 5,000 − 0.5 × (1,000 + 900 + 810 + 729 + 656.1) = 2,952.45; discounted
    // 500 + 550/1.035 + 595/1.035² + 635.5/1.035³ + 671.95/1.035⁴ = 2,745.6; visits: no total.
    expect(other.totalRows[0]).toEqual(['5-year total', '2,952', '2,746', '–']);
    const staff = tables.find((t) => t.title === 'Staff needed (average FTE in the year)')!;
    // 0.05 × 4,095.1 child-years = 204.8 FTE-years.
    expect(staff.totalRows[0]).toEqual(['5-year total (FTE-years)', '204.8']);
    const json = projectionJson(p, 'test') as { totals: { measures: Record<string, number> }[] };
    expect(Object.keys(json.totals[0].measures)).toEqual(['qaly', 'staff']);
    expectClose(json.totals[0].measures.staff, 204.755);
  });
});

describe('measures in compare, and cost-effectiveness', () => {
  it('reports each measure per arm with its difference from the baseline', async () => {
    const sum = summariseComparison(await compareScenarios(yamlModel(MODEL()), [FASTER]));
    const s = sum.scenarios[0];
    // Year 2: 800 in care against 900, so 50 more QALYs (0.5 each) and 200 fewer visits.
    expectClose(s.years[1].measureDiff[0], 50);
    expectClose(s.years[1].measureDiff[1], -200);
    expectClose(s.years[1].measureDiffDiscounted[0], 50 / 1.035);
    // Over 5 years: in care 3,361.6 against 4,095.1, so 0.5 × 733.5 = 366.75 QALYs more.
    expectClose(s.totals[0].measureDiff[0], 366.75);
    expect(Number.isNaN(s.totals[0].measures[1])).toBe(true); // visits: no totals
    const table = comparisonTables(sum).find((t) => t.title === 'QALYs (summed over the year): baseline and scenarios')!;
    expect(table.rows[1]).toEqual(['2026/27', '550', '600 (+50.00)']);
    // The scenario: 5,000 − 0.5 × 3,361.6 = 3,319.2.
    expect(table.totalRows[0]).toEqual(['5-year total', '2,952', '3,319 (+367)']);
    const rows = comparisonRows(sum).filter((r) => r[0] === 'faster' && r[1] === '5-year total' && r[4] === 'qaly');
    expectClose(rows.find((r) => r[5] === 'measure_difference')![6] as number, 366.75);
  });

  it('gives the ICER: £16,500 more for 366.75 more QALYs over 5 years (undiscounted) is £44.99 a QALY', async () => {
    const cash = summariseComparison(await compareScenarios(yamlModel(MODEL().replace('discount_rate: 0.035', 'discount_rate: 0')), [FASTER])).scenarios[0];
    const ce = cash.totals[0].costEffectiveness[0];
    expect(ce).toMatchObject({ measure: 'qaly', verdict: 'costs_more_gains_more' });
    expectClose(ce.cost, 16_500);
    expectClose(ce.icer!, 16_500 / 366.75);
    expect(formatCostEffectiveness(ce, 'QALYs')).toBe('£45 per unit gained');
  });

  it('says a scenario that costs less and gains more is dominant (10 years: it has paid back)', async () => {
    const sum = summariseComparison(await compareScenarios(yamlModel(MODEL(10)), [FASTER]));
    const ten = sum.scenarios[0].totals.find((t) => t.years === 10)!;
    expect(ten.netSaving).toBeGreaterThan(0);
    expect(ten.costEffectiveness[0]).toMatchObject({ verdict: 'dominant', icer: null });
    const table = comparisonTables(sum).find((t) => t.title.startsWith('Cost-effectiveness over 10 years'))!;
    expect(table.rows[0].at(-1)).toBe('dominant: costs less and gains more');
    const json = comparisonJson(sum, 'test') as { scenarios: { totals: { cost_effectiveness: { verdict: string }[] }[] }[] };
    expect(json.scenarios[0].totals[1].cost_effectiveness[0].verdict).toBe('dominant');
  });

  it('names every verdict: dominant, dominated, a trade either way, no change', () => {
    expect(costEffectiveness('q', -10, -10, 5, 5).verdict).toBe('dominant');
    expect(costEffectiveness('q', 10, 10, -5, -5).verdict).toBe('dominated');
    expect(costEffectiveness('q', 10, 10, 5, 5)).toMatchObject({ verdict: 'costs_more_gains_more', icer: 2 });
    expect(costEffectiveness('q', -10, -10, -5, -5)).toMatchObject({ verdict: 'costs_less_gains_less', icer: 2 });
    expect(formatCostEffectiveness(costEffectiveness('q', -10, -10, -5, -5), 'QALY')).toBe('£2 saved per unit lost');
    expect(costEffectiveness('q', 10, 10, 0, 0)).toMatchObject({ verdict: 'no_change', icer: null });
  });
});

describe('a scenario that only costs more', () => {
  it('says "costs more", not that payback is beyond the horizon', async () => {
    const slower = parseScenario('carecast: 1\nscenario: slower exits\nchanges: [{ from: care, to: home, set: 0.05 }]\n', '/tmp/slower.yaml');
    const sum = summariseComparison(await compareScenarios(yamlModel(MODEL()), [slower, FASTER]));
    expect(sum.scenarios.map((s) => s.costsMore)).toEqual([true, false]);
    expect(formatPayback(sum.scenarios[0].payback, sum.scenarios[0].costsMore)).toBe('costs more');
    // Faster exits saves from year 3 but has not paid back in 5 years.
    expect(formatPayback(sum.scenarios[1].payback, sum.scenarios[1].costsMore)).toBe('not within horizon');
    expect(comparisonTables(sum)[0].rows[0].at(-1)).toBe('costs more');
  });
});
