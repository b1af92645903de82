/**
 * Tables, tidy rows and JSON of the states with duration bands: children by time in the state
 * at 31 March, and children leaving by time in the state with their median and mean stay.
 */
import type { DurationResult } from '../engine/durations.js';
import type { Projection } from '../engine/project.js';
import { formatCount, type Table } from './format.js';

/** Length of stay of one year's leavers: mean and median months in the state when they left. */
export interface LengthOfStay {
  leavers: number;
  meanMonths: number;
  medianMonths: number;
  /** True when the median falls in the open last band (the figure is that band's start). */
  medianOpen: boolean;
}

/**
 * Length of stay of the children leaving in period `k`. A leaver from an exact sub-state at month m
 * stayed m + 1 step; leavers of a one-state band are spread evenly over its width; in the open last
 * band the mean stay beyond its start is the band's stock over its leavers per month (Little's law).
 */
export function lengthOfStay(d: DurationResult, k: number, periodMonths: number): LengthOfStay {
  const np = d.monthsAt.length;
  const nk = d.bands.length;
  const open = d.bands[nk - 1];
  const openLeavers = d.leavers[k * nk + nk - 1];
  const openStay = openLeavers > 0 ? d.stock[k * nk + nk - 1] / (openLeavers / periodMonths) : 0;
  // Each sub-state's leavers over a span of months (lo, hi]; the open band's at its mean.
  const spans: { lo: number; hi: number; n: number; mean: number; point: boolean }[] = [];
  for (let t = 0; t < np; t++) {
    const n = d.leaversAt[k * np + t];
    const lo = d.monthsAt[t];
    const hi = lo + d.widthMonths[t];
    if (!Number.isFinite(hi)) spans.push({ lo, hi, n, mean: lo + openStay, point: false });
    else if (d.exactAt[t]) spans.push({ lo, hi, n, mean: hi, point: true });
    else spans.push({ lo, hi, n, mean: (lo + hi) / 2, point: false });
  }
  const leavers = spans.reduce((s, x) => s + x.n, 0);
  const meanMonths = leavers > 0 ? spans.reduce((s, x) => s + x.n * x.mean, 0) / leavers : NaN;
  let medianMonths = NaN;
  let medianOpen = false;
  let below = 0;
  for (const x of spans) {
    if (leavers <= 0) break;
    if (below + x.n >= leavers / 2) {
      if (!Number.isFinite(x.hi)) {
        medianMonths = open.from;
        medianOpen = true;
      } else if (x.point) {
        // An exact sub-state: its leavers all stayed `hi` months.
        medianMonths = x.hi;
      } else {
        medianMonths = x.lo + ((leavers / 2 - below) / x.n) * (x.hi - x.lo);
      }
      break;
    }
    below += x.n;
  }
  return { leavers, meanMonths, medianMonths, medianOpen };
}

/** Months as the tables show them: one decimal. */
function months(x: number, open = false): string {
  if (!Number.isFinite(x)) return '–';
  return `${open ? '≥ ' : ''}${x.toFixed(1)}`;
}

/**
 * Duration results by the state as written: a state a history flag split into first and repeat
 * has one result per copy, summed here (their bands are the same).
 */
export function durationsByState(p: Projection): DurationResult[] {
  const written = (id: string) => p.history?.find((f) => f.first === id || f.repeat === id)?.state ?? id;
  const out = new Map<string, DurationResult>();
  for (const d of p.durations ?? []) {
    const id = written(d.state);
    const seen = out.get(id);
    if (!seen) {
      const flag = p.history?.find((f) => f.state === id);
      // A flag's copies together: the band groups over both (cpp_m3_12), as scenarios name them.
      const bands = flag ? d.bands.map((b) => ({ ...b, id: `${id}_m${b.from}_${b.to ?? 'up'}` })) : d.bands;
      out.set(id, { ...d, state: id, bands, label: flag?.label ?? d.label, startStock: d.startStock.slice(), stock: d.stock.slice(), starts: d.starts.slice(), leavers: d.leavers.slice(), leaversAt: d.leaversAt.slice() });
      continue;
    }
    for (const key of ['startStock', 'stock', 'starts', 'leavers', 'leaversAt'] as const) seen[key].forEach((_, i) => (seen[key][i] += d[key][i]));
  }
  return [...out.values()];
}

/** Two tables per state with bands: children by band at 31 March, and leavers by band with their stay. */
export function durationTables(p: Projection, year: (k: number) => string): Table[] {
  return durationsByState(p).flatMap((d) => {
    const nk = d.bands.length;
    const labels = d.bands.map((b) => b.label);
    const total = (a: Float64Array, k: number) => a.subarray(k * nk, (k + 1) * nk).reduce((s, v) => s + v, 0);
    const stockRows = p.periods.map((_, k) => [year(k), ...d.bands.map((_, b) => formatCount(d.stock[k * nk + b])), formatCount(total(d.stock, k))]);
    const leaverRows = p.periods.map((period, k) => {
      const los = lengthOfStay(d, k, period.steps * monthsPerStep(p));
      return [year(k), ...d.bands.map((_, b) => formatCount(d.leavers[k * nk + b])), formatCount(los.leavers), months(los.medianMonths, los.medianOpen), months(los.meanMonths)];
    });
    return [
      {
        title: `${d.label} by time in the state, at 31 March`,
        columns: ['Year', ...labels, 'Total'],
        rows: [['Start', ...Array.from(d.startStock, formatCount), formatCount(d.startStock.reduce((s, v) => s + v, 0))], ...stockRows],
        totalRows: [],
        note: `Duration bands of ${d.state}${p.history?.some((f) => f.state === d.state) ? ' (first and repeat together)' : ''} (models/README.md, "durations"): children move to the next band as their time in the state passes.`,
      },
      {
        title: `${d.label}: children leaving in the year, by time in the state`,
        columns: ['Year', ...labels, 'All leaving', 'Median months', 'Mean months'],
        rows: leaverRows,
        totalRows: [],
        note: `Moving on to the next band is not leaving. Months in the state at leaving: ${stayNote(d)}`,
      },
    ];
  });
}

/** How the stay of leavers is worked out, in words, for the table's note. */
function stayNote(d: DurationResult): string {
  const exact = d.monthsAt.length > d.bands.length;
  const open = d.bands[d.bands.length - 1];
  return `${exact ? 'exact to the step in bands of one sub-state a step, ' : ''}spread evenly over a band held in one sub-state; in the last band (${open.label}) the mean is the band's children over its leavers a month; a median of "≥" falls in that band.`;
}

/** Months in one step of the projection. */
function monthsPerStep(p: Projection): number {
  return p.step === 'month' ? 1 : p.step === 'quarter' ? 3 : 12;
}

/** Tidy rows of the bands: `state` is the band's id, ages `all`. */
export function durationTidyRows(p: Projection): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const d of durationsByState(p)) {
    const nk = d.bands.length;
    p.periods.forEach((period, k) => {
      const head = [period.label, period.start, period.end];
      d.bands.forEach((b, i) => {
        rows.push([...head, b.id, 'all', 'children_end', d.stock[k * nk + i], 'children']);
        rows.push([...head, b.id, 'all', 'band_starts', d.starts[k * nk + i], 'children']);
        rows.push([...head, b.id, 'all', 'leavers', d.leavers[k * nk + i], 'children']);
      });
      const los = lengthOfStay(d, k, period.steps * monthsPerStep(p));
      rows.push([...head, d.state, 'all', 'length_of_stay_median', los.medianMonths, los.medianOpen ? 'months (at least)' : 'months']);
      rows.push([...head, d.state, 'all', 'length_of_stay_mean', los.meanMonths, 'months']);
    });
  }
  return rows;
}

/** The bands as JSON: per period, children, band starts and leavers by band, and the stay of leavers. */
export function durationJson(p: Projection): object[] {
  return durationsByState(p).map((d) => {
    const nk = d.bands.length;
    const byBand = (a: Float64Array, k: number) => Object.fromEntries(d.bands.map((b, i) => [b.key, a[k * nk + i]]));
    return {
      state: d.state,
      label: d.label,
      bands: d.bands,
      start: Object.fromEntries(d.bands.map((b, i) => [b.key, d.startStock[i]])),
      periods: p.periods.map((period, k) => {
        const los = lengthOfStay(d, k, period.steps * monthsPerStep(p));
        return { period: period.label, children_end: byBand(d.stock, k), band_starts: byBand(d.starts, k), leavers: byBand(d.leavers, k), length_of_stay: { leavers: los.leavers, median_months: los.medianMonths, median_in_open_band: los.medianOpen, mean_months: los.meanMonths } };
      }),
    };
  });
}
