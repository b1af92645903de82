/**
 * Care leavers (states reported apart) in a comparison: their number at the end and their cost
 * over 5 and 10 years under the baseline and each scenario, beside compare's net saving, which
 * leaves them out. A scenario that keeps more children in foster care to 18 changes how many
 * stay put with their carers, and so the cost of care leavers.
 */
import type { Projection } from '../engine/project.js';
import type { ComparisonSummary } from './comparison.js';
import { horizonTotals, type PeriodSummary } from './summary.js';
import { formatCount, formatMillions, type Table } from './tables.js';

/** One arm's care leavers per year (at 31 March, cost in cash) and over each whole horizon (stock at its end), by state. */
export interface ApartTotals {
  states: { id: string; label: string }[];
  years: { stock: number[]; cost: number[] }[];
  spans: { years: number; stock: number[]; cost: number[]; total: number; totalDiscounted: number }[];
}

/** The care leavers' totals of one projection (null when it reports no state apart). */
export function apartTotals(p: Projection, s: PeriodSummary[]): ApartTotals | null {
  const apart = p.apart ?? [];
  if (!apart.length) return null;
  return {
    states: apart.map((i) => ({ id: p.states[i].id, label: p.states[i].label })),
    years: s.map((x) => ({ stock: apart.map((i) => x.stock[i]), cost: apart.map((i) => x.cost[i]) })),
    spans: horizonTotals(p, s).map((t) => ({
      years: t.years,
      stock: apart.map((i) => t.stock[i]),
      cost: apart.map((i) => t.cost[i]),
      total: t.apartCost,
      totalDiscounted: t.apartCostDiscounted,
    })),
  };
}

/** Title of the comparison's care-leaver table. */
export const APART_COMPARISON_TITLE = 'Care leavers and young people past 17, apart from the children: baseline and scenarios';

/**
 * One table: per arm, each care-leaver state's young people at the end of 5 / 10 years and its
 * cost over them, the total and its difference from the baseline (£m, cash prices).
 */
export function apartComparisonTables(sum: ComparisonSummary, baseline: ApartTotals | null): Table[] {
  if (!baseline || !baseline.spans.length) return [];
  const spans = baseline.spans.map((x) => x.years);
  const both = (a: ApartTotals, f: (x: ApartTotals['spans'][number]) => string) => a.spans.map(f).join(' / ');
  const arms = [{ name: 'Baseline', a: baseline }, ...sum.scenarios.map((s) => ({ name: s.name, a: s.apart ?? baseline }))];
  return [{
    title: APART_COMPARISON_TITLE,
    columns: ['Scenario', ...baseline.states.map((s) => `${s.label}: at the end`), ...baseline.states.map((s) => `Cost: ${s.label}`), 'Total cost', 'Difference from baseline'],
    rows: arms.map(({ name, a }) => [
      name,
      ...baseline.states.map((_, j) => both(a, (x) => formatCount(x.stock[j]))),
      ...baseline.states.map((_, j) => both(a, (x) => formatMillions(x.cost[j]))),
      both(a, (x) => formatMillions(x.total)),
      a === baseline ? '' : a.spans.map((x, k) => formatMillions(x.total - baseline.spans[k].total)).join(' / '),
    ]),
    totalRows: [],
    note: `Each cell: after or over ${spans.join(' / ')} years; cost in £m, cash prices. Not in the cost of services, nor in the net saving above: care leavers' cost is shown here only.`,
  }];
}
