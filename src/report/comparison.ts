/**
 * The economics of a comparison: per financial year and over 5 and 10 years, each scenario's
 * children and cost against the baseline, its programme cost, net saving, payback and return.
 * Reads projections; runs nothing.
 */
import { kpis, type Kpi } from './kpis.js';
import { placements, type Placements } from './placements.js';
import { apartTotals, type ApartTotals } from './apart-comparison.js';
import { sufficiency, type Sufficiency } from './sufficiency.js';
import type { WorkforceResult } from '../engine/workforce.js';
import type { Projection } from '../engine/project.js';
import type { Comparison } from '../scenario/project.js';
import { paybackPeriod, returnOnInvestment, type Payback } from '../scenario/economics.js';
import { stateTotal, summarise, type PeriodSummary } from './summary.js';
import { reportedMeasure } from './workforce.js';

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
  /**
   * Each measure under the scenario and its difference from the baseline, undiscounted and
   * discounted: per year as reported (FTE as the average in the year), over a span the sum
   * (FTE-years), for measures with totals only (NaN for the others).
   */
  measures: number[];
  measuresDiscounted: number[];
  measureDiff: number[];
  measureDiffDiscounted: number[];
}

/**
 * Cost-effectiveness of a scenario for one measure over a span: the incremental cost (scenario
 * services and programmes less the baseline's) per unit of the measure gained, or dominance.
 */
export interface CostEffectiveness {
  measure: string;
  /** Incremental cost and effect, cash/undiscounted and discounted. */
  cost: number;
  costDiscounted: number;
  effect: number;
  effectDiscounted: number;
  /** Incremental cost per unit of the measure (discounted over discounted); null when dominant, dominated or no change. */
  icer: number | null;
  icerUndiscounted: number | null;
  /**
   * `dominant`: costs less (or the same) and gains more; `dominated`: costs more (or the same) and
   * gains less; `costs_more_gains_more`, `costs_less_gains_less`: the ICER says the trade; `no_change`
   * in the measure. Judged on the discounted figures.
   */
  verdict: 'dominant' | 'dominated' | 'costs_more_gains_more' | 'costs_less_gains_less' | 'no_change';
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
  /** Per measure with totals (`kind: total`): the cost per unit gained, or dominance. */
  costEffectiveness: CostEffectiveness[];
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
  /** The scenario's performance indicators (absent when the model has no history flags or duration bands). */
  kpis?: Kpi[];
  /** Places and overflow of each capacity under the scenario. */
  sufficiency: Sufficiency[];
  /** Children and cost by placement type under the scenario (null when care is one state). */
  placements: Placements | null;
  /** Care leavers (states reported apart) under the scenario: number and cost (null when none). */
  apart: ApartTotals | null;
  /** Whether the scenario costs more than the baseline in every year it differs (and never less): no payback to wait for. */
  costsMore: boolean;
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
    const reported = (k: number, vals: number[]) => vals.map((v, i) => reportedMeasure(p, p.measures[i], k, v));
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
        measures: reported(k, x.measures),
        measuresDiscounted: reported(k, x.measuresDiscounted),
        measureDiff: reported(k, x.measures.map((v, i) => v - b.measures[i])),
        measureDiffDiscounted: reported(k, x.measuresDiscounted.map((v, i) => v - b.measuresDiscounted[i])),
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
        // Measures over the span: sums of the raw figures (FTE-years), only where totals mean something.
        const spanOf = (f: (x: PeriodSummary) => number[], i: number) => (p.measures[i].totals ? take.reduce((a, y) => a + f(s[years.indexOf(y)])[i], 0) : NaN);
        const baseOf = (f: (x: PeriodSummary) => number[], i: number) => (p.measures[i].totals ? take.reduce((a, y) => a + f(base[years.indexOf(y)])[i], 0) : NaN);
        const measures = p.measures.map((_, i) => spanOf((x) => x.measures, i));
        const measuresDiscounted = p.measures.map((_, i) => spanOf((x) => x.measuresDiscounted, i));
        const measureDiff = p.measures.map((_, i) => measures[i] - baseOf((x) => x.measures, i));
        const measureDiffDiscounted = p.measures.map((_, i) => measuresDiscounted[i] - baseOf((x) => x.measuresDiscounted, i));
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
          measures,
          measuresDiscounted,
          measureDiff,
          measureDiffDiscounted,
          costEffectiveness: p.measures
            .map((m, i) => ({ m, i }))
            .filter(({ m }) => m.totals && m.kind === 'total')
            .map(({ m, i }) => costEffectiveness(m.id, -netSaving, -netSavingDiscounted, measureDiff[i], measureDiffDiscounted[i])),
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
      ...((p.history || p.durations) && { kpis: kpis(p) }),
      sufficiency: sufficiency(p),
      placements: placements(p, s),
      apart: apartTotals(p, s),
      costsMore: years.some((y) => y.netSaving < -1e-6) && years.every((y) => y.netSaving <= 1e-6),
    };
  });
  return { baseline: cmp.baseline, baselineYears: base, scenarios };
}

/** Differences smaller than this (in the measure's units) are no change. */
const NO_CHANGE = 1e-9;

/** The ICER and dominance of an incremental cost and effect (judged on the discounted figures). */
export function costEffectiveness(measure: string, cost: number, costDiscounted: number, effect: number, effectDiscounted: number): CostEffectiveness {
  const ratio = (c: number, e: number) => (Math.abs(e) > NO_CHANGE ? c / e : null);
  const e = effectDiscounted;
  const c = costDiscounted;
  const verdict: CostEffectiveness['verdict'] =
    Math.abs(e) <= NO_CHANGE ? 'no_change' : e > 0 ? (c <= 0 ? 'dominant' : 'costs_more_gains_more') : c >= 0 ? 'dominated' : 'costs_less_gains_less';
  const trade = verdict === 'costs_more_gains_more' || verdict === 'costs_less_gains_less';
  return {
    measure,
    cost,
    costDiscounted,
    effect,
    effectDiscounted,
    icer: trade ? ratio(c, e) : null,
    icerUndiscounted: trade ? ratio(cost, effect) : null,
    verdict,
  };
}

/** The initial stock by state (summed over bands). */
export function initialStock(p: Projection): number[] {
  return p.states.map((_, i) => stateTotal(p, p.initial, 0, i));
}
