/** A comparison as JSON for other tools (numbers unrounded). */
import type { ComparisonSummary } from './comparison.js';
import { scenarioKeysOf } from './comparison-tidy.js';

/** A plain-object view of a comparison. */
export function comparisonJson(sum: ComparisonSummary, version: string): object {
  const p = sum.baseline;
  const ids = p.states.map((s) => s.id);
  const byState = (vals: number[]) => Object.fromEntries(ids.map((id, i) => [id, vals[i]]));
  const keys = scenarioKeysOf(sum);
  return {
    carecast: version,
    model: p.model,
    start: p.start,
    values: p.values,
    states: p.states,
    baseline: sum.baselineYears.map((x) => ({ period: x.label, start: x.start, end: x.end, partial: x.partial, children_end: byState(x.stock), cost_of_services: x.totalCost, cost_of_services_discounted: x.totalCostDiscounted })),
    scenarios: sum.scenarios.map((s, si) => ({
      key: keys[si],
      name: s.name,
      file: s.file,
      description: s.description,
      sources: s.sources,
      programmes: s.programmes,
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
      })),
      payback: s.payback,
      payback_discounted: s.paybackDiscounted,
      warnings: s.warnings,
    })),
    warnings: p.warnings,
  };
}
