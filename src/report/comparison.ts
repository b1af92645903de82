/**
 * The economics of a comparison: per financial year and over 5 and 10 years, each scenario's
 * children and cost against the baseline, its programme cost, net saving, payback and return.
 * Reads projections; runs nothing.
 */
import type { Projection } from '../engine/project.js';
import type { Comparison } from '../scenario/project.js';
import { stateTotal, summarise, type PeriodSummary } from './summary.js';

/** Cost of a scenario against the baseline over a year or a span. */
export interface CostComparison {
  /** Cost of services (states and costed moves), cash and discounted. */
  grossCost: number;
  grossCostDiscounted: number;
  baselineGrossCost: number;
  baselineGrossCostDiscounted: number;
  /** The scenario's programmes in total (cash and discounted). */
  programmeCost: number;
  programmeCostDiscounted: number;
  /** Baseline cost less scenario cost (services and programmes): positive is a saving. */
  netSaving: number;
  netSavingDiscounted: number;
  /** Children at the end of the period (or span), by state, and the difference from the baseline. */
  stock: number[];
  stockDiff: number[];
}

/** One financial year of a scenario against the baseline. */
export interface ComparisonYear extends CostComparison {
  label: string;
  /** First calendar year of the financial year. */
  fy: number;
  start: string;
  end: string;
  partial: boolean;
  /** Each programme's cost (cash). */
  programmeCosts: number[];
  cumulativeNetSaving: number;
  cumulativeNetSavingDiscounted: number;
}

/** Totals over the first 5 or 10 whole financial years. */
export interface ComparisonTotal extends CostComparison {
  years: number;
  label: string;
  /** Net saving per £ of programme cost (null without programme cost). */
  roi: number | null;
  roiDiscounted: number | null;
}

/** When cumulative net saving turns non-negative for good. */
export type Payback =
  | { status: 'paid_back'; period: number; label: string }
  | { status: 'not_within_horizon' }
  | { status: 'no_difference' };

/** A scenario summarised against the baseline. */
export interface ScenarioComparison {
  name: string;
  file: string;
  description: string;
  sources: string[];
  programmes: { id: string; label: string }[];
  years: ComparisonYear[];
  totals: ComparisonTotal[];
  payback: Payback;
  paybackDiscounted: Payback;
  warnings: string[];
}

/** A comparison summarised: the baseline's own figures and each scenario against it. */
export interface ComparisonSummary {
  baseline: Projection;
  baselineYears: PeriodSummary[];
  scenarios: ScenarioComparison[];
}

/** Differences smaller than this (£) count as none, so float noise never makes a payback year. */
const NO_DIFFERENCE = 0.005;

/**
 * The payback period: the first period at the end of which the cumulative net saving is at least
 * 0 and stays so to the horizon. Periods before the first with any difference are skipped, so a
 * scenario that starts later is not "paid back" before it starts.
 *
 * @example
 * // Net saving -100, -50, +80, +120: cumulative -100, -150, -70, +50.
 * paybackPeriod([-100, -50, 80, 120], ['y1', 'y2', 'y3', 'y4']); // { status: 'paid_back', period: 3, label: 'y4' }
 */
export function paybackPeriod(netSaving: number[], labels: string[]): Payback {
  const first = netSaving.findIndex((v) => Math.abs(v) > NO_DIFFERENCE);
  if (first < 0) return { status: 'no_difference' };
  let cumulative = 0;
  let from = -1;
  for (let k = 0; k < netSaving.length; k++) {
    cumulative += netSaving[k];
    if (cumulative < -NO_DIFFERENCE) from = -1;
    else if (from < 0 && k >= first) from = k;
  }
  return from < 0 ? { status: 'not_within_horizon' } : { status: 'paid_back', period: from, label: labels[from] };
}

/**
 * Return on investment over a span: net saving per £ of programme cost (0.5 means every £1 spent
 * came back as £1.50 of gross saving). Null when nothing was spent on programmes.
 *
 * @example
 * returnOnInvestment(150_000, 100_000); // 1.5
 */
export function returnOnInvestment(netSaving: number, programmeCost: number): number | null {
  return programmeCost > 0 ? netSaving / programmeCost : null;
}

/** Summarises a comparison: per year, 5- and 10-year totals, payback and return per scenario. */
export function summariseComparison(cmp: Comparison, spans: number[] = [5, 10]): ComparisonSummary {
  const base = summarise(cmp.baseline);
  const scenarios = cmp.runs.map(({ scenario, projection: p }) => {
    const s = summarise(p);
    const ng = p.programmes.length;
    const r = p.result;
    let cum = 0;
    let cumDisc = 0;
    const years: ComparisonYear[] = s.map((x, k) => {
      const b = base[k];
      const programmeCosts = Array.from(r.programmeCost.subarray(k * ng, k * ng + ng));
      const programmeCost = programmeCosts.reduce((a, v) => a + v, 0);
      const programmeCostDiscounted = r.programmeCostDiscounted.subarray(k * ng, k * ng + ng).reduce((a, v) => a + v, 0);
      const netSaving = b.totalCost - (x.totalCost + programmeCost);
      const netSavingDiscounted = b.totalCostDiscounted - (x.totalCostDiscounted + programmeCostDiscounted);
      cum += netSaving;
      cumDisc += netSavingDiscounted;
      return {
        label: x.label,
        fy: p.periods[k].fy,
        start: x.start,
        end: x.end,
        partial: x.partial,
        stock: x.stock,
        stockDiff: x.stock.map((v, i) => v - b.stock[i]),
        grossCost: x.totalCost,
        grossCostDiscounted: x.totalCostDiscounted,
        baselineGrossCost: b.totalCost,
        baselineGrossCostDiscounted: b.totalCostDiscounted,
        programmeCost,
        programmeCostDiscounted,
        programmeCosts,
        netSaving,
        netSavingDiscounted,
        cumulativeNetSaving: cum,
        cumulativeNetSavingDiscounted: cumDisc,
      };
    });
    const whole = years.filter((y) => !y.partial);
    const totals: ComparisonTotal[] = spans
      .filter((n) => whole.length >= n)
      .map((n) => {
        const take = whole.slice(0, n);
        const sum = (f: (y: ComparisonYear) => number) => take.reduce((a, y) => a + f(y), 0);
        const last = take[take.length - 1];
        const netSaving = sum((y) => y.netSaving);
        const netSavingDiscounted = sum((y) => y.netSavingDiscounted);
        const programmeCost = sum((y) => y.programmeCost);
        const programmeCostDiscounted = sum((y) => y.programmeCostDiscounted);
        return {
          years: n,
          label: `${n}-year total`,
          grossCost: sum((y) => y.grossCost),
          grossCostDiscounted: sum((y) => y.grossCostDiscounted),
          baselineGrossCost: sum((y) => y.baselineGrossCost),
          baselineGrossCostDiscounted: sum((y) => y.baselineGrossCostDiscounted),
          programmeCost,
          programmeCostDiscounted,
          netSaving,
          netSavingDiscounted,
          roi: returnOnInvestment(netSaving, programmeCost),
          roiDiscounted: returnOnInvestment(netSavingDiscounted, programmeCostDiscounted),
          stock: last.stock,
          stockDiff: last.stockDiff,
        };
      });
    const labels = years.map((y) => y.label);
    return {
      name: scenario.name,
      file: scenario.file,
      description: scenario.description,
      sources: scenario.sources,
      programmes: p.programmes,
      years,
      totals,
      payback: paybackPeriod(years.map((y) => y.netSaving), labels),
      paybackDiscounted: paybackPeriod(years.map((y) => y.netSavingDiscounted), labels),
      warnings: p.warnings,
    };
  });
  return { baseline: cmp.baseline, baselineYears: base, scenarios };
}

/** The initial stock by state (summed over bands). */
export function initialStock(p: Projection): number[] {
  return p.states.map((_, i) => stateTotal(p, p.initial, 0, i));
}
