/**
 * A scenario's workforce changes applied to a run: caseloads scale the FTE measure's results, and
 * recruitment, the agency premium and an agency cap become per-step values for the workforce
 * computation. Changes phase in linearly from the model's values, as other scenario items do.
 */
import type { Plan, RawResult } from '../engine/plan.js';
import type { WorkforceAdjustment } from '../engine/workforce.js';
import type { Model } from '../model/types.js';
import { effectWeight } from './phase.js';
import type { ResolvedWorkforceChange } from './resolve.js';

/**
 * The kernel result with each changed caseload applied to its FTE measure, and the adjustments
 * per workforce. The kernel keeps FTE-years per year, so a caseload change phasing in within a
 * year scales that year by its mean factor over the year's steps (exact for a level caseload).
 */
export function scenarioWorkforce(model: Model, plan: Plan, result: RawResult, changes: ResolvedWorkforceChange[], months: number): { result: RawResult; adjust: (WorkforceAdjustment | null)[] } {
  const supplies = model.workforce ?? [];
  const adjust: (WorkforceAdjustment | null)[] = supplies.map(() => null);
  if (changes.length === 0) return { result, adjust };
  const cells = plan.nBands * plan.nStates;
  let measures = result.measures;
  let measuresDiscounted = result.measuresDiscounted;
  for (const c of changes) {
    const s = supplies[c.supply];
    const w = Float64Array.from({ length: plan.nSteps }, (_, k) => effectWeight(c.timing, k * months));
    // From the model's value to the scenario's as the change phases in; NaN: the model's own.
    const series = (to: number | null, from: number | 'vacancies') =>
      to === null ? null : w.map((wk) => (wk === 0 ? NaN : typeof from === 'number' ? from + (to - from) * wk : to));
    adjust[c.supply] = { recruitment: series(c.recruitment, s.recruitment), premium: series(c.agencyPremium, s.agencyPremium), agencyCap: series(c.agencyCap, 1) };
    if (c.caseloadMultiply === null) continue;
    const m = model.values.measures.findIndex((x) => x.id === s.measure);
    const factor = new Float64Array(plan.nPeriods);
    w.forEach((wk, k) => (factor[plan.periodOfStep[k]] += 1 + (1 / c.caseloadMultiply! - 1) * wk));
    if (measures === result.measures) {
      measures = measures.slice();
      measuresDiscounted = measuresDiscounted.slice();
    }
    plan.periods.forEach((period, p) => {
      const f = factor[p] / period.steps;
      const off = (p * plan.nMeasures + m) * cells;
      for (let i = off; i < off + cells; i++) {
        measures[i] *= f;
        measuresDiscounted[i] *= f;
      }
    });
  }
  return { result: { ...result, measures, measuresDiscounted }, adjust };
}
