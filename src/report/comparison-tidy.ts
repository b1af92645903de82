/**
 * Tidy output of a comparison: one row per scenario × period × item × measure. `item` is a state
 * id, a programme id, or blank for whole-scenario figures. Other tools read these columns: keep
 * their names.
 */
import { stringify } from 'csv-stringify/sync';
import { scenarioKeys } from '../scenario/keys.js';
import type { ComparisonSummary, CostComparison, Payback } from './comparison.js';
import { csvNumber } from './tidy.js';

/** Column names of the comparison CSV. */
export const COMPARISON_COLUMNS = ['scenario', 'period', 'period_start', 'period_end', 'item', 'measure', 'value', 'unit'] as const;

/** Short, unique keys for the scenarios: each file's name without `.yaml` (see `scenarioKeys`). */
export function scenarioKeysOf(sum: ComparisonSummary): string[] {
  return scenarioKeys(sum.scenarios.map((s) => s.file));
}

/** Rows of the comparison table (values unrounded). */
export function comparisonRows(sum: ComparisonSummary): (string | number)[][] {
  const p = sum.baseline;
  const rows: (string | number)[][] = [];
  sum.baselineYears.forEach((x) => {
    const head = ['baseline', x.label, x.start, x.end];
    p.states.forEach((st, i) => rows.push([...head, st.id, 'children_end', x.stock[i], 'children']));
    rows.push([...head, '', 'cost_of_services', x.totalCost, 'GBP cash']);
    rows.push([...head, '', 'cost_of_services_discounted', x.totalCostDiscounted, 'GBP discounted']);
  });
  const keys = scenarioKeysOf(sum);
  sum.scenarios.forEach((s, si) => {
    const key = keys[si];
    for (const y of s.years) {
      const head = [key, y.label, y.start, y.end];
      p.states.forEach((st, i) => {
        rows.push([...head, st.id, 'children_end', y.stock[i], 'children']);
        rows.push([...head, st.id, 'children_difference', y.stockDiff[i], 'children']);
      });
      s.programmes.forEach((g, gi) => rows.push([...head, g.id, 'programme_cost', y.programmeCosts[gi], 'GBP cash']));
      rows.push(...costRows(head, y));
      rows.push([...head, '', 'cumulative_net_saving', y.cumulativeNetSaving, 'GBP cash']);
      rows.push([...head, '', 'cumulative_net_saving_discounted', y.cumulativeNetSavingDiscounted, 'GBP discounted']);
    }
    for (const t of s.totals) {
      const taken = s.years.filter((y) => !y.partial).slice(0, t.years);
      const head = [key, t.label, taken[0].start, taken[taken.length - 1].end];
      rows.push(...costRows(head, t));
      rows.push([...head, '', 'roi', t.roi ?? '', 'net saving per GBP of programme cost']);
      rows.push([...head, '', 'roi_discounted', t.roiDiscounted ?? '', 'net saving per GBP of programme cost, discounted']);
    }
    const last = s.years[s.years.length - 1];
    const whole = [key, 'horizon', s.years[0].start, last.end];
    rows.push([...whole, '', 'payback_year', ...paybackCells(s.payback, sum, 'cash')]);
    rows.push([...whole, '', 'payback_year_discounted', ...paybackCells(s.paybackDiscounted, sum, 'discounted')]);
  });
  return rows;
}

/** Cost of services, programme cost and net saving, cash and discounted. */
function costRows(head: (string | number)[], c: CostComparison): (string | number)[][] {
  return [
    [...head, '', 'cost_of_services', c.grossCost, 'GBP cash'],
    [...head, '', 'cost_of_services_discounted', c.grossCostDiscounted, 'GBP discounted'],
    [...head, '', 'programme_cost', c.programmeCost, 'GBP cash'],
    [...head, '', 'programme_cost_discounted', c.programmeCostDiscounted, 'GBP discounted'],
    [...head, '', 'net_saving', c.netSaving, 'GBP cash'],
    [...head, '', 'net_saving_discounted', c.netSavingDiscounted, 'GBP discounted'],
  ];
}

function paybackCells(p: Payback, sum: ComparisonSummary, basis: string): (string | number)[] {
  if (p.status === 'paid_back') return [sum.baseline.periods[p.period].fy, `financial year starting in April of this year (${basis})`];
  return ['', p.status === 'no_difference' ? 'no change from the baseline' : 'not within the horizon'];
}

/** The comparison CSV text; numbers to 6 decimals so files stay readable and diffs stable. */
export function comparisonCsv(sum: ComparisonSummary): string {
  const rows = comparisonRows(sum).map((r) => r.map((c) => (typeof c === 'number' ? csvNumber(c) : c)));
  return stringify([[...COMPARISON_COLUMNS], ...rows]);
}
