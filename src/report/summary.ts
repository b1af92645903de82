/** Summaries of a projection that every output format shares: totals by state and period. */
import type { Projection } from '../engine/project.js';

/** Sum over age bands of one period's `[band][state]` block for a state. */
export function stateTotal(p: Projection, arr: Float64Array, period: number, state: number): number {
  const n = p.states.length;
  const nb = p.bands.length;
  const base = period * nb * n;
  let t = 0;
  for (let b = 0; b < nb; b++) t += arr[base + b * n + state];
  return t;
}

/** Children aged 0-17 (all active states in the bands the population counts) at the end of a period. */
export function populationTotal(p: Projection, period: number): number {
  const nb = p.bands.length;
  let t = 0;
  for (let b = 0; b < nb; b++) t += p.result.population[period * nb + b];
  return t;
}

/** Rate per 10,000 children aged 0-17. */
export function per10k(count: number, population: number): number {
  return population > 0 ? (count / population) * 10_000 : NaN;
}

/** One period's figures per state, summed over age bands. */
export interface PeriodSummary {
  label: string;
  start: string;
  end: string;
  partial: boolean;
  population: number;
  stock: number[];
  entries: number[];
  exits: number[];
  cost: number[];
  costDiscounted: number[];
  /** Cost of costed moves (cash and discounted), one per `Projection.flows`. */
  moveCost: number[];
  moveCostDiscounted: number[];
  moves: number[];
  /** Each measure summed over states, undiscounted and discounted. */
  measures: number[];
  measuresDiscounted: number[];
  /** Cost of services: every state but those reported apart (care leavers), and costed moves. */
  totalCost: number;
  totalCostDiscounted: number;
  /** Cost of the states reported apart (`Projection.apart`: care leavers), cash and discounted. */
  apartCost: number;
  apartCostDiscounted: number;
}

/** The states of `p` reported apart from the children (care leavers), as a set of indices. */
export function apartSet(p: Pick<Projection, 'apart'>): Set<number> {
  return new Set(p.apart ?? []);
}

/** Whether state `i` is one of the children's states of the tables: active, not reported apart. */
export function isChildState(p: Pick<Projection, 'states' | 'apart'>, i: number): boolean {
  return !p.states[i].absorbing && !(p.apart ?? []).includes(i);
}

/** Per-period summaries of a projection. */
export function summarise(p: Projection): PeriodSummary[] {
  const r = p.result;
  const n = p.states.length;
  const nb = p.bands.length;
  const nf = p.flows.length;
  const nm = p.measures.length;
  const apart = apartSet(p);
  return p.periods.map((period, k) => {
    const per = (arr: Float64Array) => p.states.map((_, s) => stateTotal(p, arr, k, s));
    const cost = per(r.cost);
    const costDiscounted = per(r.costDiscounted);
    const moveCost = Array.from(r.flowCost.subarray(k * nf, k * nf + nf));
    const moveCostDiscounted = Array.from(r.flowCostDiscounted.subarray(k * nf, k * nf + nf));
    const measureSum = (arr: Float64Array) =>
      Array.from({ length: nm }, (_, m) => arr.subarray((k * nm + m) * nb * n, (k * nm + m + 1) * nb * n).reduce((a, v) => a + v, 0));
    return {
      label: period.label,
      start: period.start,
      end: period.end,
      partial: period.partial,
      population: populationTotal(p, k),
      stock: per(r.stock),
      entries: per(r.entries),
      exits: per(r.exits),
      cost,
      costDiscounted,
      moveCost,
      moveCostDiscounted,
      moves: Array.from(r.flows.subarray(k * nf, k * nf + nf)),
      measures: measureSum(r.measures),
      measuresDiscounted: measureSum(r.measuresDiscounted),
      totalCost: sum(cost.filter((_, i) => !apart.has(i))) + sum(moveCost),
      totalCostDiscounted: sum(costDiscounted.filter((_, i) => !apart.has(i))) + sum(moveCostDiscounted),
      apartCost: sum(cost.filter((_, i) => apart.has(i))),
      apartCostDiscounted: sum(costDiscounted.filter((_, i) => apart.has(i))),
    };
  });
}

/** Totals over the first `years` financial years (only if the projection reaches that far). */
export interface HorizonTotal {
  years: number;
  label: string;
  entries: number[];
  cost: number[];
  /** Cost of each costed move (cash). */
  moveCost: number[];
  totalCost: number;
  totalCostDiscounted: number;
  /** Cost of the states reported apart (care leavers), cash and discounted. */
  apartCost: number;
  apartCostDiscounted: number;
  measures: number[];
  measuresDiscounted: number[];
  /** Stock at the end of the last year counted. */
  stock: number[];
}

/** 5- and 10-year totals (those the projection covers with whole years). */
export function horizonTotals(p: Projection, summaries: PeriodSummary[], spans: number[] = [5, 10]): HorizonTotal[] {
  const whole = summaries.filter((s) => !s.partial);
  return spans
    .filter((y) => whole.length >= y)
    .map((years) => {
      const take = whole.slice(0, years);
      const col = (f: (s: PeriodSummary) => number[]) => f(take[0]).map((_, i) => sum(take.map((s) => f(s)[i])));
      return {
        years,
        label: `${years}-year total`,
        entries: col((s) => s.entries),
        cost: col((s) => s.cost),
        moveCost: col((s) => s.moveCost),
        totalCost: sum(take.map((s) => s.totalCost)),
        totalCostDiscounted: sum(take.map((s) => s.totalCostDiscounted)),
        apartCost: sum(take.map((s) => s.apartCost)),
        apartCostDiscounted: sum(take.map((s) => s.apartCostDiscounted)),
        measures: col((s) => s.measures),
        measuresDiscounted: col((s) => s.measuresDiscounted),
        stock: take[take.length - 1].stock,
      };
    });
}

function sum(a: number[]): number {
  return a.reduce((s, v) => s + v, 0);
}
