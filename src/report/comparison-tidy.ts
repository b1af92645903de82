/**
 * Tidy output of a comparison: one row per scenario × period × item × measure. `item` is a state
 * id, a programme id, a measure id (measures `measure`, `measure_difference`, `icer`, …), or
 * blank for whole-scenario figures. Other tools read these columns: keep
 * their names.
 */
import { stringify } from 'csv-stringify/sync';
import { scenarioKeys } from '../scenario/keys.js';
import type { ComparisonSummary, CostComparison, CostEffectiveness, Payback } from './comparison.js';
import type { Measure } from '../model/types.js';
import { discountText, totalUnit, yearUnit } from './measures.js';
import { reportedMeasure } from './workforce.js';
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
  sum.baselineYears.forEach((x, k) => {
    const head = ['baseline', x.label, x.start, x.end];
    p.states.forEach((st, i) => rows.push([...head, st.id, 'children_end', x.stock[i], 'children']));
    rows.push([...head, '', 'cost_of_services', x.totalCost, 'GBP cash']);
    rows.push([...head, '', 'cost_of_services_discounted', x.totalCostDiscounted, 'GBP discounted']);
    p.measures.forEach((m, i) => {
      rows.push([...head, m.id, 'measure', reportedMeasure(p, m, k, x.measures[i]), `${m.label}, ${yearUnit(m)}`]);
      rows.push([...head, m.id, 'measure_discounted', reportedMeasure(p, m, k, x.measuresDiscounted[i]), `${m.label}, ${yearUnit(m)}, ${discountText(m)}`]);
    });
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
      rows.push(...measureRows(sum, head, y, (m) => `${m.label}, ${yearUnit(m)}`));
      rows.push([...head, '', 'cumulative_net_saving', y.cumulativeNetSaving, 'GBP cash']);
      rows.push([...head, '', 'cumulative_net_saving_discounted', y.cumulativeNetSavingDiscounted, 'GBP discounted']);
    }
    for (const t of s.totals) {
      const taken = s.years.filter((y) => !y.partial).slice(0, t.years);
      const head = [key, t.label, taken[0].start, taken[taken.length - 1].end];
      rows.push(...costRows(head, t));
      rows.push([...head, '', 'roi', t.roi ?? '', 'net saving per GBP of programme cost']);
      rows.push([...head, '', 'roi_discounted', t.roiDiscounted ?? '', 'net saving per GBP of programme cost, discounted']);
      rows.push(...measureRows(sum, head, t, (m) => `${m.label}, ${totalUnit(m)}`, true));
      for (const c of t.costEffectiveness) {
        rows.push([...head, c.measure, 'icer', c.icer ?? '', `GBP per unit of the measure gained, discounted; ${VERDICT[c.verdict]}`]);
        rows.push([...head, c.measure, 'icer_undiscounted', c.icerUndiscounted ?? '', `GBP per unit of the measure gained, cash and undiscounted; ${VERDICT[c.verdict]}`]);
      }
    }
    const last = s.years[s.years.length - 1];
    const whole = [key, 'horizon', s.years[0].start, last.end];
    rows.push([...whole, '', 'payback_year', ...paybackCells(s.payback, sum, 'cash', s.costsMore)]);
    rows.push([...whole, '', 'payback_year_discounted', ...paybackCells(s.paybackDiscounted, sum, 'discounted', s.costsMore)]);
    rows.push([...whole, '', 'costs_more', s.costsMore ? 1 : 0, '1 if the scenario costs more than the baseline in every year it differs']);
  });
  return rows;
}

/** The verdicts of cost-effectiveness in words, for the CSV's unit column. */
const VERDICT: Record<CostEffectiveness['verdict'], string> = {
  dominant: 'dominant: costs less and gains more',
  dominated: 'dominated: costs more and gains less',
  costs_more_gains_more: 'costs more and gains more',
  costs_less_gains_less: 'costs less and gains less',
  no_change: 'no change in the measure',
};

/** Each measure of a scenario and its difference from the baseline, undiscounted and discounted (over a span: measures with totals only). */
function measureRows(sum: ComparisonSummary, head: (string | number)[], c: CostComparison, unit: (m: Measure) => string, totalsOnly = false): (string | number)[][] {
  return sum.baseline.measures.flatMap((m, i) => {
    if (totalsOnly && !m.totals) return [];
    return [
      [...head, m.id, 'measure', c.measures[i], unit(m)],
      [...head, m.id, 'measure_discounted', c.measuresDiscounted[i], `${unit(m)}, ${discountText(m)}`],
      [...head, m.id, 'measure_difference', c.measureDiff[i], unit(m)],
      [...head, m.id, 'measure_difference_discounted', c.measureDiffDiscounted[i], `${unit(m)}, ${discountText(m)}`],
    ];
  });
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

function paybackCells(p: Payback, sum: ComparisonSummary, basis: string, costsMore: boolean): (string | number)[] {
  if (p.status === 'paid_back') return [sum.baseline.periods[p.period].fy, `financial year starting in April of this year (${basis})`];
  if (p.status === 'no_difference') return ['', 'no change from the baseline'];
  return ['', costsMore ? 'costs more than the baseline every year: nothing to pay back' : 'not within the horizon'];
}

/** The comparison CSV text; numbers to 6 decimals so files stay readable and diffs stable. */
export function comparisonCsv(sum: ComparisonSummary): string {
  const rows = comparisonRows(sum).map((r) => r.map((c) => (typeof c === 'number' ? csvNumber(c) : c)));
  return stringify([[...COMPARISON_COLUMNS], ...rows]);
}
