/** Unit cost changes and placement mix shifts, step by step, as a plan's `costPerStep`. */
import type { Plan } from '../engine/plan.js';
import type { Model } from '../model/types.js';
import { effectWeight } from './phase.js';
import type { ResolvedCostChange, ResolvedMixShift } from './resolve.js';

/**
 * A cost changed at `weight` (0 to 1) of the full change, interpolated linearly.
 *
 * @example
 * changedCost(1000, { kind: 'multiply', factor: 0.8 }, 0.5); // 900
 */
export function changedCost(v: number, change: ResolvedCostChange['change'], weight: number): number {
  return change.kind === 'multiply' ? v * (1 + weight * (change.factor - 1)) : v + weight * (change.perYear - v);
}

/**
 * £ per child per step at the price base, `[step * nStates + state]`, with the changes applied as
 * ratios to the model's own costs (so factors already in `plan.costPerStep` are kept).
 * Within a step, placement types are changed and shifted first, then the mix is blended, then
 * changes to a state's whole cost apply (so `multiply` on a mixed state scales the blend).
 */
export function costsWithChanges(model: Model, plan: Plan, costs: ResolvedCostChange[], shifts: ResolvedMixShift[], monthsPerStep: number): Float64Array {
  if (costs.length === 0 && shifts.length === 0) return plan.costPerStep;
  const n = plan.nStates;
  const out = plan.costPerStep.slice();
  const { mixes, costPerYear } = model.values;
  const mixState = mixes.map((m) => model.states.findIndex((s) => s.id === m.state));
  for (let k = 0; k < plan.nSteps; k++) {
    const month = k * monthsPerStep;
    const wc = costs.map((c) => effectWeight(c.timing, month));
    const ws = shifts.map((x) => effectWeight(x.timing, month));
    if (wc.every((w) => w === 0) && ws.every((w) => w === 0)) continue;
    const types = mixes.map((m) => m.types.map((t) => ({ share: t.share, perYear: t.perYear })));
    costs.forEach((c, i) => {
      if (c.type >= 0 && wc[i] > 0) types[c.mix][c.type].perYear = changedCost(types[c.mix][c.type].perYear, c.change, wc[i]);
    });
    shifts.forEach((x, i) => {
      if (ws[i] === 0) return;
      const t = types[x.mix];
      const moved = ws[i] * x.move * t[x.from].share;
      t[x.from].share -= moved;
      t[x.to].share += moved;
    });
    const perYear = model.states.map((s) => costPerYear[s.id] ?? 0);
    // The same sum as the model's blend, so an unchanged mix costs exactly what the model says.
    mixes.forEach((m, mi) => (perYear[mixState[mi]] = m.basePerYear + types[mi].reduce((a, t) => a + t.share * t.perYear, 0)));
    costs.forEach((c, i) => {
      if (c.type < 0 && wc[i] > 0) perYear[c.state] = changedCost(perYear[c.state], c.change, wc[i]);
    });
    // Scale the incoming cost (which may carry a Monte Carlo draw's cost factors) by the change,
    // rather than rebuilding it from the model, so a draw's factors survive the scenario.
    for (let s = 0; s < n; s++) {
      const unchanged = costPerYear[model.states[s].id] ?? 0;
      if (perYear[s] === unchanged) continue;
      out[k * n + s] = unchanged > 0 ? plan.costPerStep[k * n + s] * (perYear[s] / unchanged) : perYear[s] * plan.stepYears;
    }
  }
  return out;
}
