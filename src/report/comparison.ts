/**
 * The economics of a comparison: per financial year and over 5 and 10 years, each scenario's
 * children and cost against the baseline, its programme cost, net saving, payback and return.
 * Reads projections; runs nothing.
 */
import { placements, type Placements } from './placements.js';
import { sufficiency, type Sufficiency } from './sufficiency.js';
import type { WorkforceResult } from '../engine/workforce.js';
import type { Projection } from '../engine/project.js';
import type { Comparison } from '../scenario/project.js';
import { paybackPeriod, returnOnInvestment, type Payback } from '../scenario/economics.js';
import { stateTotal, summarise, type PeriodSummary } from './summary.js';

export { paybackPeriod, returnOnInvestment, type Payback };

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
  /** The scenario's workforces (beside the cost of services; absent when the model has none). */
  workforce?: WorkforceResult[];
  /** Places and overflow of each capacity under the scenario. */
  sufficiency: Sufficiency[];
  /** Children and cost by placement type under the scenario (null when care is one state). */
  placements: Placements | null;
}

/** A comparison summarised: the baseline's own figures and each scenario against it. */
export interface ComparisonSummary {
  baseline: Projection;
  baselineYears: PeriodSummary[];
  scenarios: ScenarioComparison[];
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
      ...(p.workforce && { workforce: p.workforce }),
      sufficiency: sufficiency(p),
      placements: placements(p, s),
    };
  });
  return { baseline: cmp.baseline, baselineYears: base, scenarios };
}

/** The initial stock by state (summed over bands). */
export function initialStock(p: Projection): number[] {
  return p.states.map((_, i) => stateTotal(p, p.initial, 0, i));
}
