/**
 * Tidy output: one row per period × state × age band × measure, for spreadsheets and pivot
 * tables. Rows with age_band `all` are totals over the bands: filter them out before summing.
 * Entries and exits are moves between states (and from or to outside); ageing from one band to
 * the next within a state is neither.
 */
import { stringify } from 'csv-stringify/sync';
import type { Projection } from '../engine/project.js';
import { per10k } from './summary.js';
import { sufficiency } from './sufficiency.js';
import { discountText, yearUnit } from './measures.js';
import { reportedMeasure, workforceTidyRows } from './workforce.js';
import { durationTidyRows } from './durations.js';
import { historyTidyRows } from './history.js';
import { kpiTidyRows } from './kpis.js';

/** Column names of the tidy CSV; other tools read them, so keep them stable. */
export const TIDY_COLUMNS = ['period', 'period_start', 'period_end', 'state', 'age_band', 'measure', 'value', 'unit'] as const;

/** Rows of the tidy table (values unrounded). */
export function tidyRows(p: Projection): (string | number)[][] {
  const r = p.result;
  const n = p.states.length;
  const nb = p.bands.length;
  const rows: (string | number)[][] = [];
  const withAll = p.hasAges;
  p.periods.forEach((period, k) => {
    const base = k * nb * n;
    const head = [period.label, period.start, period.end];
    const popBand = (b: number) => r.population[k * nb + b];
    const popAll = Array.from({ length: nb }, (_, b) => popBand(b)).reduce((a, v) => a + v, 0);
    p.states.forEach((st, s) => {
      // get(arr, block): the value of this state in a [band][state] block starting at `block`.
      type Getter = (arr: Float64Array, block?: number) => number;
      // Rates only in the bands the population counts, and not for states reported apart (care leavers).
      const counted = p.populationBands ?? nb;
      const rated = !st.absorbing && p.hasPopulation && !(p.apart ?? []).includes(s);
      const bandsAndAll: [string, Getter, number, boolean][] = p.bands.map((band, b) => [band.label, (arr, block = base) => arr[block + b * n + s], popBand(b), rated && b < counted]);
      if (withAll) bandsAndAll.push(['all', (arr, block = base) => p.bands.reduce((a, _, b) => a + arr[block + b * n + s], 0), popAll, rated]);
      for (const [label, get, pop, rate] of bandsAndAll) {
        const stock = get(r.stock);
        rows.push([...head, st.id, label, 'children_end', stock, 'children']);
        // Without a population there is no denominator, so no rates.
        if (rate) rows.push([...head, st.id, label, 'rate_per_10k', per10k(stock, pop), 'per 10,000 children of that age']);
        rows.push([...head, st.id, label, 'entries', get(r.entries), 'children']);
        rows.push([...head, st.id, label, 'exits', get(r.exits), 'children']);
        rows.push([...head, st.id, label, 'cost', get(r.cost), 'GBP cash']);
        rows.push([...head, st.id, label, 'cost_discounted', get(r.costDiscounted), 'GBP discounted']);
        p.measures.forEach((m, mi) => {
          const block = (k * p.measures.length + mi) * nb * n;
          rows.push([...head, st.id, label, m.id, reportedMeasure(p, m, k, get(r.measures, block)), `${m.label}, ${yearUnit(m)}`]);
          rows.push([...head, st.id, label, `${m.id}_discounted`, reportedMeasure(p, m, k, get(r.measuresDiscounted, block)), `${m.label}, ${yearUnit(m)}, ${discountText(m)}`]);
        });
      }
    });
    p.flows.forEach((f, fi) => {
      const i = k * p.flows.length + fi;
      rows.push([...head, `${f.from}->${f.to}`, 'all', 'moves', r.flows[i], 'children']);
      rows.push([...head, `${f.from}->${f.to}`, 'all', 'move_cost', r.flowCost[i], 'GBP cash']);
      rows.push([...head, `${f.from}->${f.to}`, 'all', 'move_cost_discounted', r.flowCostDiscounted[i], 'GBP discounted']);
    });
  });
  rows.push(...workforceTidyRows(p));
  rows.push(...sufficiencyTidyRows(p));
  rows.push(...kpiTidyRows(p), ...durationTidyRows(p), ...historyTidyRows(p));
  return rows;
}

/** The tidy CSV text; numbers to 6 decimals so files stay readable and diffs stable. */
export function tidyCsv(p: Projection): string {
  const rows = tidyRows(p).map((row) => row.map((c) => (typeof c === 'number' ? csvNumber(c) : c)));
  return stringify([TIDY_COLUMNS as unknown as string[], ...rows]);
}

/** A number for CSV: rounded to `d` decimals (6 by default), blank if not finite, never `-0`. */
export function csvNumber(x: number, d = 6): string {
  if (!Number.isFinite(x)) return '';
  const v = Math.round(x * 10 ** d) / 10 ** d + 0;
  return String(v);
}

/** Capacity rows: places, demand (children who would be placed there without the limit), overflow and its extra cost. */
function sufficiencyTidyRows(p: Projection): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const c of sufficiency(p)) {
    c.years.forEach((y, k) => {
      const period = p.periods[k];
      const head = [period.label, period.start, period.end, c.state, 'all'];
      rows.push([...head, 'places', y.places, 'places at the end of the period']);
      rows.push([...head, 'demand', y.demand, 'children who would be placed here without the limit']);
      rows.push([...head, 'overflow', y.overflow, `children placed instead in ${c.overflowState} because no place was free`]);
      rows.push([...head, 'overflow_entries', y.overflowEntries, `children sent to ${c.overflowState} in the period`]);
      rows.push([...head, 'overflow_cost', y.extraCost, 'GBP cash']);
      rows.push([...head, 'overflow_cost_discounted', y.extraCostDiscounted, 'GBP discounted']);
    });
  }
  return rows;
}
