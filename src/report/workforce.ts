/**
 * Workforce outputs (tables, tidy rows, JSON) and FTE measures as average FTE in the year. A
 * measure of `kind: fte` accrues FTE-years; dividing by the years a period covers gives the
 * average FTE in the year, which is what a council budgets. FTE are never summed across years.
 */
import type { Projection } from '../engine/project.js';
import type { WorkforceResult } from '../engine/workforce.js';
import { MONTHS_PER_STEP } from '../model/time.js';
import type { Measure } from '../model/types.js';
import type { ComparisonSummary } from './comparison.js';
import type { HorizonTotal, PeriodSummary } from './summary.js';
import { formatRate, formatMillions, type Table } from './format.js';

/** Unit of FTE averaged over a year, as written in every output. */
export const AVERAGE_FTE = 'average FTE in the year';

/** Years period `k` covers (1 for a whole financial year). */
function periodYears(p: Projection, k: number): number {
  return (p.periods[k].steps * MONTHS_PER_STEP[p.step]) / 12;
}

/** A measure's value for period `k` as reported: FTE-years become average FTE in the year. */
export function reportedMeasure(p: Projection, m: Measure, k: number, value: number): number {
  return m.kind === 'fte' ? value / periodYears(p, k) : value;
}

/** FTE measures a workforce supplies (reported in its Workforce table, not again on their own). */
function supplied(p: Projection): Set<string> {
  return new Set((p.workforce ?? []).map((w) => w.measure));
}

/** Tables of FTE measures without a workforce, and one Workforce table per supply. */
export function fteTables(p: Projection, s: PeriodSummary[], totals: HorizonTotal[], year: (x: PeriodSummary) => string): Table[] {
  const tables: Table[] = [];
  const given = supplied(p);
  const fte = p.measures.map((m, i) => ({ m, i })).filter((x) => x.m.kind === 'fte' && !given.has(x.m.id));
  if (fte.length) {
    // Totals only of measures that ask for them (`totals: true`), and then in FTE-years.
    const summed = fte.some((f) => f.m.totals);
    tables.push({
      title: `Staff needed (${AVERAGE_FTE})`,
      columns: ['Year', ...fte.map((x) => x.m.label)],
      rows: s.map((x, k) => [year(x), ...fte.map((f) => formatRate(reportedMeasure(p, f.m, k, x.measures[f.i])))]),
      totalRows: summed ? totals.map((t) => [`${t.label} (FTE-years)`, ...fte.map((f) => (f.m.totals ? formatRate(t.measures[f.i]) : '–'))]) : [],
      note: `Average FTE in the year: FTE-years in the year divided by the years it covers${summed ? '; totals are FTE-years (the sum of each year\'s FTE-years), for the measures the model totals' : '; never summed across years'}.`,
    });
  }
  for (const w of p.workforce ?? []) tables.push(workforceTable(w, s, totals, year));
  return tables;
}

function workforceTable(w: WorkforceResult, s: PeriodSummary[], totals: HorizonTotal[], year: (x: PeriodSummary) => string): Table {
  const capped = w.unfilled.some((v) => v > 1e-9);
  const fte = (a: Float64Array, k: number) => formatRate(a[k]);
  const share = (k: number) => (w.needed[k] > 0 ? `${Math.round((w.agency[k] / w.needed[k]) * 100)}%` : '–');
  // Totals over whole years: costs add up; FTE do not (a dash), and leavers and recruits do.
  const sumOver = (a: Float64Array, years: number) => wholeYearSum(s, a, years);
  return {
    title: `Workforce: ${w.label} (${AVERAGE_FTE}; £m, cash prices)`,
    columns: [
      'Year', 'FTE needed', 'Permanent FTE', 'Agency FTE', 'Agency share', ...(capped ? ['Unfilled FTE'] : []), 'Vacant posts',
      'Leavers (FTE)', 'Recruited (FTE)', 'Agency cost', 'of which premium', 'Agency cost discounted',
    ],
    rows: s.map((x, k) => [
      year(x), fte(w.needed, k), fte(w.permanent, k), fte(w.agency, k), share(k), ...(capped ? [fte(w.unfilled, k)] : []), fte(w.vacancies, k),
      fte(w.leavers, k), fte(w.recruited, k), formatMillions(w.agencyCost[k]), formatMillions(w.premiumCost[k]), formatMillions(w.agencyCostDiscounted[k]),
    ]),
    totalRows: totals.map((t) => [
      t.label, '–', '–', '–', '–', ...(capped ? ['–'] : []), '–',
      formatRate(sumOver(w.leavers, t.years)), formatRate(sumOver(w.recruited, t.years)),
      formatMillions(sumOver(w.agencyCost, t.years)), formatMillions(sumOver(w.premiumCost, t.years)), formatMillions(sumOver(w.agencyCostDiscounted, t.years)),
    ]),
    note:
      'FTE are averages in the year (never summed across years). Agency FTE = FTE needed less permanent FTE' +
      `${capped ? ', up to the scenario\'s cap (the rest is unfilled)' : ''}; agency cost = agency FTE × cost of a permanent FTE × (1 + premium). ` +
      'Reported beside the cost of services, not added to it (unit costs already include social work).',
  };
}

/** Sum of `a` over the first `years` whole financial years (as the 5- and 10-year totals count). */
function wholeYearSum(periods: { partial: boolean }[], a: Float64Array, years: number): number {
  let t = 0;
  let n = 0;
  periods.forEach((x, k) => {
    if (!x.partial && n++ < years) t += a[k];
  });
  return t;
}

/** Tidy rows of each workforce: state is the measure id, age band `all`. */
export function workforceTidyRows(p: Projection): (string | number)[][] {
  const rows: (string | number)[][] = [];
  p.periods.forEach((period, k) => {
    const head = [period.label, period.start, period.end];
    for (const w of p.workforce ?? []) {
      for (const [measure, a, unit] of workforceSeries(w)) rows.push([...head, w.measure, 'all', measure, a[k], unit]);
    }
  });
  return rows;
}

/** Each series of a workforce with its tidy measure name and unit. */
function workforceSeries(w: WorkforceResult): [string, Float64Array, string][] {
  return [
    ['fte_needed', w.needed, AVERAGE_FTE],
    ['fte_permanent', w.permanent, AVERAGE_FTE],
    ['fte_agency', w.agency, AVERAGE_FTE],
    ['fte_unfilled', w.unfilled, AVERAGE_FTE],
    ['fte_vacancies', w.vacancies, AVERAGE_FTE],
    ['fte_leavers', w.leavers, 'FTE in the year'],
    ['fte_recruited', w.recruited, 'FTE in the year'],
    ['fte_permanent_end', w.permanentEnd, 'FTE at the end of the period'],
    ['agency_cost', w.agencyCost, 'GBP cash'],
    ['agency_cost_discounted', w.agencyCostDiscounted, 'GBP discounted'],
    ['agency_premium_cost', w.premiumCost, 'GBP cash'],
    ['agency_premium_cost_discounted', w.premiumCostDiscounted, 'GBP discounted'],
  ];
}

/** The workforces as JSON: per period, and cost totals over 5 and 10 whole years. */
export function workforceJson(p: Projection, totals: HorizonTotal[]): object[] {
  return (p.workforce ?? []).map((w) => {
    const series = workforceSeries(w);
    const sumOver = (a: Float64Array, years: number) => wholeYearSum(p.periods, a, years);
    return {
      measure: w.measure,
      label: w.label,
      units: Object.fromEntries(series.map(([m, , unit]) => [m, unit])),
      periods: p.periods.map((period, k) => ({ period: period.label, ...Object.fromEntries(series.map(([m, a]) => [m, a[k]])) })),
      totals: totals.map((t) => ({
        years: t.years,
        fte_leavers: sumOver(w.leavers, t.years),
        fte_recruited: sumOver(w.recruited, t.years),
        agency_cost: sumOver(w.agencyCost, t.years),
        agency_cost_discounted: sumOver(w.agencyCostDiscounted, t.years),
        agency_premium_cost: sumOver(w.premiumCost, t.years),
        agency_premium_cost_discounted: sumOver(w.premiumCostDiscounted, t.years),
      })),
    };
  });
}

/**
 * One table per workforce for `compare`: agency FTE (average in the year) and agency cost of the
 * baseline and each scenario, per year; costs totalled over 5 and 10 whole years, FTE not.
 */
export function workforceComparisonTables(sum: ComparisonSummary): Table[] {
  const base = sum.baseline;
  const years = sum.baselineYears;
  return (base.workforce ?? []).map((bw, i) => {
    const arms = [{ name: 'Baseline', w: bw }, ...sum.scenarios.map((s) => ({ name: s.name, w: s.workforce![i] }))];
    const cost = (w: WorkforceResult, n: number) => wholeYearSum(years, w.agencyCost, n);
    return {
      title: `Workforce: ${bw.label}, agency FTE (${AVERAGE_FTE}) and agency cost (£m, cash prices)`,
      columns: ['Year', ...arms.flatMap((a) => [`${a.name}: agency FTE`, `${a.name}: agency cost`])],
      rows: years.map((x, k) => [x.partial ? `${x.label} (part)` : x.label, ...arms.flatMap((a) => [formatRate(a.w.agency[k]), formatMillions(a.w.agencyCost[k])])]),
      totalRows: [5, 10]
        .filter((n) => years.filter((x) => !x.partial).length >= n)
        .map((n) => [`${n}-year total`, ...arms.flatMap((a) => ['–', formatMillions(cost(a.w, n))])]),
      note: 'Reported beside the cost of services and not counted in net saving (unit costs already include social work).',
    };
  });
}
