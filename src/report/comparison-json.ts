/** A comparison as JSON for other tools (numbers unrounded). */
import type { ComparisonSummary } from './comparison.js';
import { scenarioKeysOf } from './comparison-tidy.js';
import { totalUnit, yearUnit } from './measures.js';
import { reportedMeasure } from './workforce.js';

/** A plain-object view of a comparison. */
export function comparisonJson(sum: ComparisonSummary, version: string): object {
  const p = sum.baseline;
  const ids = p.states.map((s) => s.id);
  const byState = (vals: number[]) => Object.fromEntries(ids.map((id, i) => [id, vals[i]]));
  const keys = scenarioKeysOf(sum);
  const byMeasure = (vals: number[], totalsOnly = false) => Object.fromEntries(p.measures.flatMap((m, i) => (totalsOnly && !m.totals ? [] : [[m.id, vals[i]]])));
  return {
    carecast: version,
    model: p.model,
    start: p.start,
    values: p.values,
    states: p.states,
    measures: p.measures.map((m) => ({ id: m.id, label: m.label, kind: m.kind, unit: yearUnit(m), totals: m.totals, total_unit: totalUnit(m), discount_rate: m.discountRate })),
    baseline: sum.baselineYears.map((x, k) => ({
      period: x.label,
      start: x.start,
      end: x.end,
      partial: x.partial,
      children_end: byState(x.stock),
      cost_of_services: x.totalCost,
      cost_of_services_discounted: x.totalCostDiscounted,
      measures: byMeasure(x.measures.map((v, i) => reportedMeasure(p, p.measures[i], k, v))),
      measures_discounted: byMeasure(x.measuresDiscounted.map((v, i) => reportedMeasure(p, p.measures[i], k, v))),
    })),
    scenarios: sum.scenarios.map((s, si) => ({
      key: keys[si],
      name: s.name,
      file: s.file,
      description: s.description,
      sources: s.sources,
      programmes: s.programmes,
      ...(s.kpis && { kpis: s.kpis.map((k) => ({ id: k.id, label: k.label, unit: k.unit, values: Object.fromEntries(s.years.map((y, i) => [y.label, Number.isFinite(k.values[i]) ? k.values[i] : null])) })) }),
      periods: s.years.map((y) => ({
        period: y.label,
        start: y.start,
        end: y.end,
        partial: y.partial,
        children_end: byState(y.stock),
        children_difference: byState(y.stockDiff),
        cost_of_services: y.grossCost,
        cost_of_services_discounted: y.grossCostDiscounted,
        programme_cost: y.programmeCost,
        programme_cost_discounted: y.programmeCostDiscounted,
        programme_costs: Object.fromEntries(s.programmes.map((g, gi) => [g.id, y.programmeCosts[gi]])),
        net_saving: y.netSaving,
        net_saving_discounted: y.netSavingDiscounted,
        cumulative_net_saving: y.cumulativeNetSaving,
        cumulative_net_saving_discounted: y.cumulativeNetSavingDiscounted,
        measures: byMeasure(y.measures),
        measures_discounted: byMeasure(y.measuresDiscounted),
        measures_difference: byMeasure(y.measureDiff),
        measures_difference_discounted: byMeasure(y.measureDiffDiscounted),
      })),
      totals: s.totals.map((t) => ({
        years: t.years,
        cost_of_services: t.grossCost,
        cost_of_services_discounted: t.grossCostDiscounted,
        programme_cost: t.programmeCost,
        programme_cost_discounted: t.programmeCostDiscounted,
        net_saving: t.netSaving,
        net_saving_discounted: t.netSavingDiscounted,
        roi: t.roi,
        roi_discounted: t.roiDiscounted,
        children_difference_end: byState(t.stockDiff),
        // Only measures whose totals mean something (`totals`); FTE totals are FTE-years.
        measures: byMeasure(t.measures, true),
        measures_discounted: byMeasure(t.measuresDiscounted, true),
        measures_difference: byMeasure(t.measureDiff, true),
        measures_difference_discounted: byMeasure(t.measureDiffDiscounted, true),
        cost_effectiveness: t.costEffectiveness.map((c) => ({
          measure: c.measure,
          incremental_cost: c.cost,
          incremental_cost_discounted: c.costDiscounted,
          incremental_effect: c.effect,
          incremental_effect_discounted: c.effectDiscounted,
          icer: c.icer,
          icer_undiscounted: c.icerUndiscounted,
          verdict: c.verdict,
        })),
      })),
      payback: s.payback,
      payback_discounted: s.paybackDiscounted,
      costs_more: s.costsMore,
      warnings: s.warnings,
    })),
    warnings: p.warnings,
  };
}
