/**
 * Summaries of Monte Carlo draws: mean and 5th/10th/50th/90th/95th percentiles of every figure,
 * and for each scenario against the baseline (draw by draw, so common random numbers cancel
 * shared noise): net saving, its 5- and 10-year totals, the chance of saving money, payback.
 */
import { quantileSorted } from 'simple-statistics';
import { paybackPeriod } from '../scenario/economics.js';
import { EXTRA_FIGURES, type MonteCarloResult } from './montecarlo.js';

/** The percentiles reported. */
export const PERCENTILES = [5, 10, 50, 90, 95] as const;

/** Mean and percentiles of one figure over the draws. */
export interface Interval {
  mean: number;
  p5: number;
  p10: number;
  /** Quartiles: the 50% band of fan charts (not in the CSV, whose columns stay as published). */
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  p95: number;
}

/**
 * Mean and percentiles of `values`. Percentiles interpolate linearly between order statistics
 * (Hyndman & Fan type 7, numpy's default; simple-statistics' `quantileSorted`): with the values
 * sorted x₀ ≤ … ≤ xₙ₋₁ and h = (n − 1)p, x_⌊h⌋ + (h − ⌊h⌋)(x_⌈h⌉ − x_⌊h⌋). Infinite values
 * (a payback "not within horizon") sort last and are returned rather than interpolated.
 *
 * @example
 * intervalOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).p50; // 5.5
 */
export function intervalOf(values: ArrayLike<number>): Interval {
  const sorted = Float64Array.from(values).sort();
  const arr = Array.from(sorted);
  const mean = arr.reduce((a, v) => a + v, 0) / arr.length;
  const finite = arr.every(Number.isFinite);
  const q = (p: number) => (finite ? quantileSorted(arr, p / 100) : quantileWithInfinity(arr, p / 100));
  return { mean, p5: q(5), p10: q(10), p25: q(25), p50: q(50), p75: q(75), p90: q(90), p95: q(95) };
}

function quantileWithInfinity(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = sorted[Math.floor(h)];
  const hi = sorted[Math.ceil(h)];
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return h === Math.floor(h) ? lo : hi;
  return lo + (h - Math.floor(h)) * (hi - lo);
}

/** One summarised figure. */
export interface UncertainFigure {
  /** The arm's unique key (`baseline`, or the scenario file's name). */
  arm: string;
  period: string;
  /** A state id, or blank for whole-arm figures. */
  item: string;
  measure: string;
  /** The figure at the stated values (the deterministic run). */
  point: number;
  stats: Interval;
}

// Summaries sort every figure over every draw; tables, CSV, JSON and charts of one run share them.
const figureCache = new WeakMap<MonteCarloResult, UncertainFigure[]>();
const comparisonCache = new WeakMap<MonteCarloResult, Map<string, UncertainComparison[]>>();

/** Every figure of every arm and period: children by state, cost, programme cost (computed once per run). */
export function summariseDraws(mc: MonteCarloResult): UncertainFigure[] {
  let out = figureCache.get(mc);
  if (!out) figureCache.set(mc, (out = summariseFigures(mc)));
  return out;
}

function summariseFigures(mc: MonteCarloResult): UncertainFigure[] {
  const n = mc.states.length;
  const f = n + EXTRA_FIGURES.length;
  const np = mc.periods.length;
  const size = mc.arms.length * np * f;
  const column = (i: number) => Float64Array.from({ length: mc.draws }, (_, d) => mc.figures[d * size + i]);
  const out: UncertainFigure[] = [];
  mc.keys.forEach((arm, a) => {
    mc.periods.forEach((period, k) => {
      for (let j = 0; j < f; j++) {
        const i = (a * np + k) * f + j;
        const item = j < n ? mc.states[j].id : '';
        const measure = j < n ? 'children_end' : EXTRA_FIGURES[j - n];
        out.push({ arm, period: period.label, item, measure, point: mc.point[i], stats: intervalOf(column(i)) });
      }
      // A group's children in each draw: the sum of its states'.
      for (const g of mc.groups ?? []) {
        const at = (j: number) => (a * np + k) * f + j;
        const values = Float64Array.from({ length: mc.draws }, (_, d) => g.states.reduce((t, s) => t + mc.figures[d * size + at(s)], 0));
        out.push({ arm, period: period.label, item: g.id, measure: 'children_end', point: g.states.reduce((t, s) => t + mc.point[at(s)], 0), stats: intervalOf(values) });
      }
    });
  });
  return out;
}

/** A scenario against the baseline, over the draws. */
export interface UncertainComparison {
  /** The scenario's name and unique key. */
  arm: string;
  key: string;
  /** Per period: net saving (cash and discounted) and cumulative net saving (cash). */
  years: { period: string; netSaving: Interval; netSavingDiscounted: Interval; cumulativeNetSaving: Interval }[];
  /** Over the first 5 and 10 whole financial years. */
  totals: { years: number; netSaving: Interval; netSavingDiscounted: Interval; programmeCost: Interval; probabilitySaves: number; probabilitySavesDiscounted: number }[];
  /**
   * Share of draws that pay back within the horizon, and the payback period (index) over those
   * draws and the ones that do not (Infinity: "not within horizon"); draws where the scenario
   * changes nothing are left out (`noChange` is their share; `period` is null if all are).
   */
  payback: { share: number; noChange: number; period: Interval | null };
}

/**
 * Each scenario against the baseline, draw by draw. "Saves money by year 5" means the 5-year net
 * saving (programme cost included) is above 0.
 */
export function compareDraws(mc: MonteCarloResult, spans: number[] = [5, 10]): UncertainComparison[] {
  let bySpans = comparisonCache.get(mc);
  if (!bySpans) comparisonCache.set(mc, (bySpans = new Map()));
  const key = spans.join(',');
  let out = bySpans.get(key);
  if (!out) bySpans.set(key, (out = compareArms(mc, spans)));
  return out;
}

function compareArms(mc: MonteCarloResult, spans: number[]): UncertainComparison[] {
  const n = mc.states.length;
  const f = n + EXTRA_FIGURES.length;
  const np = mc.periods.length;
  const size = mc.arms.length * np * f;
  const whole = mc.periods.map((p, k) => (p.partial ? -1 : k)).filter((k) => k >= 0);
  const labels = mc.periods.map((p) => p.label);
  const get = (d: number, a: number, k: number, j: number) => mc.figures[d * size + (a * np + k) * f + n + j];
  return mc.arms.slice(1).map((arm, s) => {
    const a = s + 1;
    const net = (d: number, k: number, disc: 0 | 1) => drawNetSaving(mc, d, a, k, disc === 1);
    const draws = Array.from({ length: mc.draws }, (_, d) => d);
    const years = mc.periods.map((p, k) => ({
      period: p.label,
      netSaving: intervalOf(draws.map((d) => net(d, k, 0))),
      netSavingDiscounted: intervalOf(draws.map((d) => net(d, k, 1))),
      cumulativeNetSaving: intervalOf(draws.map((d) => Array.from({ length: k + 1 }, (_, t) => net(d, t, 0)).reduce((x, y) => x + y, 0))),
    }));
    const totals = spans
      .filter((y) => whole.length >= y)
      .map((y) => {
        const take = whole.slice(0, y);
        const sum = (d: number, disc: 0 | 1) => take.reduce((t, k) => t + net(d, k, disc), 0);
        const cash = draws.map((d) => sum(d, 0));
        const disc = draws.map((d) => sum(d, 1));
        return {
          years: y,
          netSaving: intervalOf(cash),
          netSavingDiscounted: intervalOf(disc),
          programmeCost: intervalOf(draws.map((d) => take.reduce((t, k) => t + get(d, a, k, 2), 0))),
          probabilitySaves: cash.filter((v) => v > 0).length / mc.draws,
          probabilitySavesDiscounted: disc.filter((v) => v > 0).length / mc.draws,
        };
      });
    const periods = draws.flatMap((d) => {
      const p = paybackPeriod(mc.periods.map((_, k) => net(d, k, 0)), labels);
      return p.status === 'paid_back' ? [p.period] : p.status === 'no_difference' ? [] : [Infinity];
    });
    const payback = { share: periods.filter(Number.isFinite).length / mc.draws, noChange: (mc.draws - periods.length) / mc.draws, period: periods.length ? intervalOf(periods) : null };
    return { arm, key: mc.keys[a], years, totals, payback };
  });
}

/** The figures of draws a net saving is read from (a `MonteCarloResult`, or the same layout). */
export type DrawFigures = Pick<MonteCarloResult, 'figures' | 'states' | 'periods' | 'arms' | 'apart'>;

/**
 * Net saving of arm `a` against the baseline (arm 0) in draw `d` and period `k`: the baseline's
 * cost of services and programmes less the arm's, cash or discounted. Every reader of draws
 * (compare --draws, goal-seek's chance) takes net saving from here.
 */
export function drawNetSaving(mc: DrawFigures, d: number, a: number, k: number, discounted: boolean): number {
  const f = mc.states.length + EXTRA_FIGURES.length;
  const np = mc.periods.length;
  const at = (arm: number) => d * mc.arms.length * np * f + (arm * np + k) * f + mc.states.length + (discounted ? 1 : 0);
  const b = at(0);
  const s = at(a);
  return mc.figures[b] + mc.figures[b + 2] - (mc.figures[s] + mc.figures[s + 2]);
}

/** Totals over the first 5 and 10 whole financial years of an arm's cost of services, over the draws. */
export function costTotals(mc: MonteCarloResult, arm: number, spans: number[] = [5, 10]): { years: number; cost: Interval; costDiscounted: Interval }[] {
  const n = mc.states.length;
  const f = n + EXTRA_FIGURES.length;
  const np = mc.periods.length;
  const size = mc.arms.length * np * f;
  const whole = mc.periods.map((p, k) => (p.partial ? -1 : k)).filter((k) => k >= 0);
  return spans
    .filter((y) => whole.length >= y)
    .map((y) => {
      const take = whole.slice(0, y);
      const sum = (d: number, j: number) => take.reduce((t, k) => t + mc.figures[d * size + (arm * np + k) * f + n + j], 0);
      return {
        years: y,
        cost: intervalOf(Array.from({ length: mc.draws }, (_, d) => sum(d, 0))),
        costDiscounted: intervalOf(Array.from({ length: mc.draws }, (_, d) => sum(d, 1))),
      };
    });
}
