/** The projection as JSON: labels, per-period summaries and 5/10-year totals, for other tools. */
import type { Projection } from '../engine/project.js';
import { placements } from './placements.js';
import { horizonTotals, summarise } from './summary.js';
import { sufficiency } from './sufficiency.js';
import { totalUnit, yearUnit } from './measures.js';
import { reportedMeasure, workforceJson } from './workforce.js';
import { durationJson } from './durations.js';
import { historyJson } from './history.js';
import { kpiJson } from './kpis.js';

/** A plain-object view of a projection (numbers unrounded). */
export function projectionJson(p: Projection, version: string): object {
  const periods = summarise(p);
  const totals = horizonTotals(p, periods);
  // FTE measures are average FTE in the year; totals only for measures with `totals` (FTE-years for staff).
  const summed = p.measures.map((m, i) => ({ m, i })).filter((x) => x.m.totals);
  const states = p.states.map((s) => s.id);
  const byState = (vals: number[]) => Object.fromEntries(states.map((id, i) => [id, vals[i]]));
  return {
    carecast: version,
    model: p.model,
    start: p.start,
    step: p.step,
    values: p.values,
    has_population: p.hasPopulation,
    // The ages the population counts where not 0-17 (population_0_17 then holds those ages: 0-25 for SEND).
    ...(p.populationAges && { population_ages: `${p.populationAges.from}-${p.populationAges.to}` }),
    states: p.states,
    age_bands: p.bands.map((b) => b.label),
    groups: p.groups,
    measures: p.measures.map((m) => ({ id: m.id, label: m.label, kind: m.kind, unit: yearUnit(m), totals: m.totals, total_unit: totalUnit(m), discount_rate: m.discountRate })),
    moves: p.flows,
    sufficiency: sufficiency(p),
    placements: placements(p, periods),
    periods: periods.map((x, k) => ({
      period: x.label,
      start: x.start,
      end: x.end,
      partial: x.partial,
      // null when the model has no population (the figure would only be the model's own children).
      population_0_17: p.hasPopulation ? x.population : null,
      children_end: byState(x.stock),
      entries: byState(x.entries),
      exits: byState(x.exits),
      cost: byState(x.cost),
      cost_discounted: byState(x.costDiscounted),
      move_cost: x.moveCost,
      total_cost: x.totalCost,
      total_cost_discounted: x.totalCostDiscounted,
      // Care leavers' cost, which total_cost (the cost of services) leaves out (models/README.md).
      ...(p.apart?.length && { apart_cost: x.apartCost, apart_cost_discounted: x.apartCostDiscounted }),
      measures: Object.fromEntries(p.measures.map((m, i) => [m.id, reportedMeasure(p, m, k, x.measures[i])])),
      measures_discounted: Object.fromEntries(p.measures.map((m, i) => [m.id, reportedMeasure(p, m, k, x.measuresDiscounted[i])])),
    })),
    totals: totals.map((t) => ({
      years: t.years,
      entries: byState(t.entries),
      cost: byState(t.cost),
      move_cost: t.moveCost,
      total_cost: t.totalCost,
      total_cost_discounted: t.totalCostDiscounted,
      measures: Object.fromEntries(summed.map(({ m, i }) => [m.id, t.measures[i]])),
      measures_discounted: Object.fromEntries(summed.map(({ m, i }) => [m.id, t.measuresDiscounted[i]])),
      children_end: byState(t.stock),
    })),
    ...(p.workforce && { workforce: workforceJson(p, totals) }),
    ...(p.durations && { durations: durationJson(p) }),
    ...(p.history && { history: historyJson(p) }),
    ...((p.history || p.durations) && { kpis: kpiJson(p) }),
    warnings: p.warnings,
  };
}
