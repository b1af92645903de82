/**
 * Workforce in the outputs: FTE are reported as average FTE in the year (never summed across
 * years) in the tables, the tidy CSV and the JSON.
 */
import { describe, expect, it } from 'vitest';
import { edit, runYaml } from '../helpers.js';
import { projectionJson } from '../../src/report/json.js';
import { projectionTables } from '../../src/report/tables.js';
import { tidyRows } from '../../src/report/tidy.js';

// 1,200 children who stay put, monthly steps, 0.1 FTE each a year: 120 FTE needed every month,
// so 120 FTE-years in each financial year, and 120 FTE on average in each.
const MODEL = `
  carecast: 1
  name: outputs
  time: { start: 2025-04-01, step: month, horizon_years: 5 }
  states: [{ id: open }, { id: closed, absorbing: true }]
  transitions:
    per: step
    matrices:
      - rows: { open: { closed: 0 } }
  initial: { open: 1200 }
  values:
    measures:
      - { id: sw_fte, label: Social worker FTE, kind: fte, per_year: { open: 0.1 } }
      - { id: visits, label: Visits, per_year: { open: 2 } }
`;
const SUPPLY = `
  workforce:
    - { measure: sw_fte, permanent_fte: 100, turnover: 0, recruitment: 0, cost_per_fte: 50000, agency_premium: 0.5 }
`;

describe('FTE measures without a workforce', () => {
  it('are a table of average FTE in the year with no totals across years; other measures stay summed', async () => {
    const tables = projectionTables(await runYaml(MODEL));
    const staff = tables.find((t) => t.title === 'Staff needed (average FTE in the year)')!;
    expect(staff.columns).toEqual(['Year', 'Social worker FTE']);
    expect(staff.rows[0]).toEqual(['2025/26', '120.0']);
    expect(staff.totalRows).toEqual([]);
    const other = tables.find((t) => t.title === 'Other measures (summed over the year)')!;
    expect(other.columns).toEqual(['Year', 'Visits']);
    // 1,200 children × 2 visits a year = 2,400 in a year, 12,000 over 5 years.
    expect(other.rows[0]).toEqual(['2025/26', '2,400']);
    expect(other.totalRows[0]).toEqual(['5-year total', '12,000']);
  });
});

describe('a workforce in the outputs', () => {
  it('has a Workforce table: 120 needed, 100 permanent, 20 agency at £50,000 × 1.5 = £1.5m a year', async () => {
    const tables = projectionTables(await runYaml(MODEL + SUPPLY));
    expect(tables.some((t) => t.title.startsWith('Staff needed'))).toBe(false);
    const w = tables.find((t) => t.title.startsWith('Workforce: Social worker FTE (average FTE in the year'))!;
    expect(w.rows[0].slice(0, 5)).toEqual(['2025/26', '120.0', '100.0', '20.0', '17%']);
    // Agency cost 20 × 50,000 × 1.5 = £1.5m; premium 20 × 50,000 × 0.5 = £0.5m (tables in £m).
    expect(w.rows[0].slice(-3, -1)).toEqual(['1.5', '0.5']);
    // FTE are not summed across years; costs are: 5 × £1.5m.
    expect(w.totalRows[0].slice(0, 4)).toEqual(['5-year total', '–', '–', '–']);
    expect(w.totalRows[0].slice(-3, -1)).toEqual(['7.5', '2.5']);
  });

  it('writes tidy rows fte_needed, fte_permanent, fte_agency and agency_cost, and FTE measure rows as averages', async () => {
    const rows = tidyRows(await runYaml(MODEL + SUPPLY));
    const find = (state: string, measure: string) => rows.find((r) => r[0] === '2025/26' && r[3] === state && r[5] === measure)!;
    // Twelve monthly steps of 1/12 year add up to 1 only to rounding, hence toBeCloseTo.
    expect(find('sw_fte', 'fte_needed').slice(4, 6)).toEqual(['all', 'fte_needed']);
    expect(find('sw_fte', 'fte_needed')[6]).toBeCloseTo(120, 9);
    expect(find('sw_fte', 'fte_needed')[7]).toBe('average FTE in the year');
    expect(find('sw_fte', 'fte_permanent')[6]).toBeCloseTo(100, 9);
    expect(find('sw_fte', 'fte_agency')[6]).toBeCloseTo(20, 9);
    expect(find('sw_fte', 'agency_cost')[6]).toBeCloseTo(1_500_000, 6);
    expect(find('sw_fte', 'agency_cost')[7]).toBe('GBP cash');
    expect(find('open', 'sw_fte')[6]).toBeCloseTo(120, 9);
    expect(find('open', 'sw_fte')[7]).toBe('Social worker FTE, average FTE in the year');
  });

  it('gives JSON per period and cost totals, and FTE measures as averages with no totals', async () => {
    const json = projectionJson(await runYaml(MODEL + SUPPLY), 'test') as {
      measures: { id: string; kind: string }[];
      periods: { measures: Record<string, number> }[];
      totals: { measures: Record<string, number> }[];
      workforce: { measure: string; periods: Record<string, number>[]; totals: Record<string, number>[] }[];
    };
    expect(json.measures.map((m) => m.kind)).toEqual(['fte', 'total']);
    expect(json.periods[0].measures.sw_fte).toBeCloseTo(120, 12);
    expect(Object.keys(json.totals[0].measures)).toEqual(['visits']);
    expect(json.workforce[0].measure).toBe('sw_fte');
    expect(json.workforce[0].periods[0].fte_agency).toBeCloseTo(20, 12);
    expect(json.workforce[0].totals[0].agency_cost).toBeCloseTo(7_500_000, 6);
  });

  it('a model with no FTE measure keeps its outputs as they were', async () => {
    const tables = projectionTables(await runYaml(edit(MODEL, '      - { id: sw_fte, label: Social worker FTE, kind: fte, per_year: { open: 0.1 } }\n', '')));
    expect(tables.map((t) => t.title).filter((t) => /FTE|Workforce/.test(t))).toEqual([]);
  });
});
