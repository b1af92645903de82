/** Tables and tidy CSV of a Monte Carlo run: means with 90% intervals (5th to 95th percentile). */
import { stringify } from 'csv-stringify/sync';
import type { MonteCarloResult } from '../uncertainty/montecarlo.js';
import { compareDraws, costTotals, summariseDraws, type Interval, type UncertainComparison } from '../uncertainty/summary.js';
import { formatCount, formatMillions, type Table } from './tables.js';
import { csvNumber } from './tidy.js';

/** `mean (p5–p95)` with a formatter. */
export function formatInterval(i: Interval, format: (v: number) => string = formatCount): string {
  return `${format(i.mean)} (${format(i.p5)} to ${format(i.p95)})`;
}

function formatShare(p: number): string {
  return `${Math.round(p * 100)}%`;
}

/** The payback period over the draws as text: median and 90% interval of the financial year. */
export function formatPaybackInterval(c: UncertainComparison, labels: string[]): string {
  const year = (k: number) => (Number.isFinite(k) ? labels[Math.round(k)] : 'not within horizon');
  const i = c.payback.period;
  if (i === null) return 'no change';
  // No draw saves money over any span: there is nothing to pay back.
  if (c.payback.share === 0 && c.totals.length && c.totals.every((t) => t.probabilitySaves === 0)) return 'costs more in every draw';
  return `${year(i.p50)} (${year(i.p5)} to ${year(i.p95)})`;
}

/** Tables for `run --draws` (the baseline) or `compare --draws` (with scenarios). */
export function uncertaintyTables(mc: MonteCarloResult): Table[] {
  const figures = summariseDraws(mc);
  const active = mc.states.map((st, i) => ({ st, i })).filter((x) => !x.st.absorbing);
  const note = `${mc.draws.toLocaleString('en-GB')} draws, seed ${mc.seed}. Each cell: mean (5th to 95th percentile).`;
  const tables: Table[] = [];
  const comparisons = compareDraws(mc);
  // A scenario's programme cost over 5 and 10 years, from its comparison with the baseline.
  const programmeTotal = (key: string, years: number) => {
    const t = comparisons.find((c) => c.key === key)?.totals.find((x) => x.years === years);
    return t ? formatInterval(t.programmeCost, formatMillions) : '–';
  };
  mc.arms.forEach((arm, a) => {
    const key = mc.keys[a];
    const of = (period: string, item: string, measure: string) => figures.find((x) => x.arm === key && x.period === period && x.item === item && x.measure === measure)!;
    const name = a === 0 ? 'Baseline' : arm;
    tables.push({
      title: `${name}: children at 31 March`,
      columns: ['Year', ...active.map((x) => x.st.label)],
      rows: mc.periods.map((p) => [p.partial ? `${p.label} (part)` : p.label, ...active.map((x) => formatInterval(of(p.label, x.st.id, 'children_end').stats))]),
      totalRows: [],
      note,
    });
    const totals = costTotals(mc, a);
    tables.push({
      title: `${name}: cost of services (£m, cash prices)`,
      columns: ['Year', 'Cost of services', 'Cost, discounted', ...(a > 0 ? ['Programme cost'] : [])],
      rows: mc.periods.map((p) => [
        p.partial ? `${p.label} (part)` : p.label,
        formatInterval(of(p.label, '', 'cost').stats, formatMillions),
        formatInterval(of(p.label, '', 'cost_discounted').stats, formatMillions),
        ...(a > 0 ? [formatInterval(of(p.label, '', 'programme_cost').stats, formatMillions)] : []),
      ]),
      totalRows: totals.map((t) => [
        `${t.years}-year total`,
        formatInterval(t.cost, formatMillions),
        formatInterval(t.costDiscounted, formatMillions),
        ...(a > 0 ? [programmeTotal(key, t.years)] : []),
      ]),
      note,
    });
  });
  if (comparisons.length) {
    const labels = mc.periods.map((p) => p.label);
    const spans = comparisons[0].totals.map((t) => t.years);
    tables.unshift({
      title: 'Summary: each scenario against the baseline, over the draws',
      columns: [
        'Scenario',
        ...spans.flatMap((y) => [`Net saving, ${y} years (£m)`, `Chance of saving money by year ${y}`]),
        'Payback year: median (5th to 95th percentile)',
        'Draws paying back within the horizon',
      ],
      rows: comparisons.map((c) => [
        c.arm,
        ...c.totals.flatMap((t) => [formatInterval(t.netSaving, formatMillions), formatShare(t.probabilitySaves)]),
        formatPaybackInterval(c, labels),
        formatShare(c.payback.share),
      ]),
      totalRows: [],
      note: `${note} Net saving is the baseline's cost less the scenario's (services and programmes), draw by draw with the same model parameters in both; cash prices.`,
    });
    for (const c of comparisons) {
      tables.push({
        title: `${c.arm}: net saving against the baseline (£m)`,
        columns: ['Year', 'Net saving', 'Net saving, discounted', 'Cumulative net saving'],
        rows: c.years.map((y) => [y.period, formatInterval(y.netSaving, formatMillions), formatInterval(y.netSavingDiscounted, formatMillions), formatInterval(y.cumulativeNetSaving, formatMillions)]),
        totalRows: c.totals.map((t) => [`${t.years}-year total`, formatInterval(t.netSaving, formatMillions), formatInterval(t.netSavingDiscounted, formatMillions), '']),
        note,
      });
    }
  }
  return tables;
}

/** Column names of the uncertainty CSV; other tools read them. */
export const UNCERTAINTY_COLUMNS = ['arm', 'period', 'item', 'measure', 'point', 'mean', 'p5', 'p10', 'p50', 'p90', 'p95'] as const;

/** Tidy CSV: every figure's point value, mean and percentiles; scenario comparisons; chances of saving. */
export function uncertaintyCsv(mc: MonteCarloResult): string {
  const stats = (i: Interval) => [i.mean, i.p5, i.p10, i.p50, i.p90, i.p95];
  const rows: (string | number)[][] = summariseDraws(mc).map((x) => [x.arm, x.period, x.item, x.measure, x.point, ...stats(x.stats)]);
  mc.keys.forEach((arm, a) => {
    for (const t of costTotals(mc, a)) {
      rows.push([arm, `${t.years}-year total`, '', 'cost', '', ...stats(t.cost)]);
      rows.push([arm, `${t.years}-year total`, '', 'cost_discounted', '', ...stats(t.costDiscounted)]);
    }
  });
  for (const c of compareDraws(mc)) {
    for (const y of c.years) {
      rows.push([c.key, y.period, '', 'net_saving', '', ...stats(y.netSaving)]);
      rows.push([c.key, y.period, '', 'net_saving_discounted', '', ...stats(y.netSavingDiscounted)]);
      rows.push([c.key, y.period, '', 'cumulative_net_saving', '', ...stats(y.cumulativeNetSaving)]);
    }
    for (const t of c.totals) {
      const period = `${t.years}-year total`;
      rows.push([c.key, period, '', 'net_saving', '', ...stats(t.netSaving)]);
      rows.push([c.key, period, '', 'net_saving_discounted', '', ...stats(t.netSavingDiscounted)]);
      rows.push([c.key, period, '', 'programme_cost', '', ...stats(t.programmeCost)]);
      rows.push([c.key, period, '', 'probability_saves', '', t.probabilitySaves, '', '', '', '', '']);
      rows.push([c.key, period, '', 'probability_saves_discounted', '', t.probabilitySavesDiscounted, '', '', '', '', '']);
    }
    const fy = (k: number) => (Number.isFinite(k) ? mc.periods[Math.round(k)].fy : '');
    const p = c.payback.period;
    if (p) rows.push([c.key, 'horizon', '', 'payback_year', '', '', fy(p.p5), fy(p.p10), fy(p.p50), fy(p.p90), fy(p.p95)]);
    rows.push([c.key, 'horizon', '', 'probability_pays_back', '', c.payback.share, '', '', '', '', '']);
    rows.push([c.key, 'horizon', '', 'probability_no_change', '', c.payback.noChange, '', '', '', '', '']);
  }
  return stringify([[...UNCERTAINTY_COLUMNS], ...rows.map((r) => r.map((v) => (typeof v === 'number' ? csvNumber(v) : v)))]);
}
