/**
 * The performance indicators councils track, from what the model declares: for each history flag
 * the repeat starts and their share (re-referrals within 12 months, second or subsequent plans,
 * re-entries to care); for each state with duration bands the children there 2 years or more at
 * 31 March, and the median and mean stay of the children leaving it. Per year.
 */
import type { Projection } from '../engine/project.js';
import { durationsByState, lengthOfStay } from './durations.js';
import { formatShare, repeatStarts } from './history.js';
import { formatCount, type Table } from './format.js';

/** One indicator: a value per period (NaN where it has no value, e.g. no starts). */
export interface Kpi {
  id: string;
  label: string;
  unit: 'children' | 'share' | 'months';
  values: number[];
  /** True per period where a median falls in an open last band (the value is that band's start). */
  atLeast?: boolean[];
}

/** Months from which a stay counts as long (plans lasting two years or more). */
export const LONG_STAY_MONTHS = 24;

/** The indicators of a projection (none for a model without history flags or duration bands). */
export function kpis(p: Projection): Kpi[] {
  const out: Kpi[] = [];
  const periods = p.periods.map((_, k) => k);
  for (const flag of p.history ?? []) {
    const repeatLabel = /\(([^)]*)\)$/.exec(p.states.find((s) => s.id === flag.repeat)!.label)?.[1] ?? 'repeat';
    out.push({ id: `${flag.state}_repeat_starts`, label: `${flag.label}: ${repeatLabel} starts`, unit: 'children', values: periods.map((k) => repeatStarts(p, flag, k).repeat) });
    out.push({ id: `${flag.state}_repeat_share`, label: `${flag.label}: ${repeatLabel}, % of starts`, unit: 'share', values: periods.map((k) => repeatStarts(p, flag, k).share) });
  }
  const monthsPerStep = p.step === 'month' ? 1 : p.step === 'quarter' ? 3 : 12;
  for (const d of durationsByState(p)) {
    const nk = d.bands.length;
    const long = d.bands.map((b, i) => (b.from >= LONG_STAY_MONTHS ? i : -1)).filter((i) => i >= 0);
    if (long.length && d.bands[long[0]].from === LONG_STAY_MONTHS) {
      const held = (k: number) => long.reduce((t, i) => t + d.stock[k * nk + i], 0);
      const all = (k: number) => d.stock.subarray(k * nk, (k + 1) * nk).reduce((t, v) => t + v, 0);
      out.push({ id: `${d.state}_2y_plus`, label: `${d.label}: 2 years or more at 31 March`, unit: 'children', values: periods.map(held) });
      out.push({ id: `${d.state}_2y_plus_share`, label: `${d.label}: 2 years or more, % of those at 31 March`, unit: 'share', values: periods.map((k) => (all(k) > 0 ? held(k) / all(k) : NaN)) });
    }
    const stays = p.periods.map((period, k) => lengthOfStay(d, k, period.steps * monthsPerStep));
    out.push({ id: `${d.state}_leavers`, label: `${d.label}: children leaving`, unit: 'children', values: stays.map((s) => s.leavers) });
    out.push({ id: `${d.state}_stay_median`, label: `${d.label}: median months in the state of those leaving`, unit: 'months', values: stays.map((s) => s.medianMonths), atLeast: stays.map((s) => s.medianOpen) });
    out.push({ id: `${d.state}_stay_mean`, label: `${d.label}: mean months in the state of those leaving`, unit: 'months', values: stays.map((s) => s.meanMonths) });
  }
  return out;
}

/** A value of an indicator as tables show it. */
export function formatKpi(kpi: Kpi, k: number): string {
  const v = kpi.values[k];
  if (!Number.isFinite(v)) return '–';
  if (kpi.unit === 'share') return formatShare(v);
  if (kpi.unit === 'months') return `${kpi.atLeast?.[k] ? '≥ ' : ''}${v.toFixed(1)}`;
  return formatCount(v);
}

/** The indicators as one table, a row each and a column per year (none without indicators). */
export function kpiTables(p: Projection, year: (k: number) => string, title = 'Performance indicators'): Table[] {
  const list = kpis(p);
  if (!list.length) return [];
  return [
    {
      title,
      columns: ['Indicator', ...p.periods.map((_, k) => year(k))],
      rows: list.map((kpi) => [kpi.label, ...p.periods.map((_, k) => formatKpi(kpi, k))]),
      totalRows: [],
      note: 'From the model\'s history flags and duration bands (models/README.md). Starts and leavers in the year; "2 years or more" at 31 March; a median of "≥" falls in the open last band.',
    },
  ];
}

/** Tidy rows of the indicators: `state` is the indicator's id. */
export function kpiTidyRows(p: Projection): (string | number)[][] {
  return kpis(p).flatMap((kpi) => p.periods.map((period, k) => [period.label, period.start, period.end, kpi.id, 'all', 'kpi', kpi.values[k], kpi.unit === 'share' ? 'share' : kpi.unit]));
}

/** The indicators as JSON, values by period. */
export function kpiJson(p: Projection): object[] {
  return kpis(p).map((kpi) => ({ id: kpi.id, label: kpi.label, unit: kpi.unit, values: Object.fromEntries(p.periods.map((period, k) => [period.label, Number.isFinite(kpi.values[k]) ? kpi.values[k] : null])) }));
}
