/**
 * Workforce supply against need, per financial year. Pure: from a kernel result (the FTE measure's
 * FTE-years per period) and a supply declaration, steps permanent FTE with turnover and
 * recruitment at the model's step and fills the gap with agency FTE at a premium.
 *
 * FTE are averages in the year (FTE-years ÷ years the period covers), never sums across years.
 * Within a year the FTE needed is taken as level (the kernel keeps only the year's FTE-years).
 */
import type { WorkforceSupply } from '../model/types.js';
import type { Plan, RawResult } from './plan.js';

/**
 * Per-step changes a scenario makes to one supply; a null array, or NaN at a step, leaves the
 * model's value there.
 */
export interface WorkforceAdjustment {
  /** FTE recruited a year, by step. */
  recruitment: Float64Array | null;
  /** Agency premium, by step. */
  premium: Float64Array | null;
  /** Most of the FTE needed agency workers may cover (0 to 1), by step; the rest goes unfilled. */
  agencyCap: Float64Array | null;
}

/** One supply's results per period (`[period]`). */
export interface WorkforceResult {
  measure: string;
  label: string;
  /** Average FTE in the year: needed, permanent, agency, vacant posts, need left unfilled. */
  needed: Float64Array;
  permanent: Float64Array;
  agency: Float64Array;
  vacancies: Float64Array;
  unfilled: Float64Array;
  /** FTE leaving and recruited in the year. */
  leavers: Float64Array;
  recruited: Float64Array;
  /** Permanent FTE at the end of the period. */
  permanentEnd: Float64Array;
  /** Agency cost in cash prices (agency FTE-years × cost per FTE × (1 + premium)), and its premium part. */
  agencyCost: Float64Array;
  agencyCostDiscounted: Float64Array;
  premiumCost: Float64Array;
  premiumCostDiscounted: Float64Array;
}

/** The supplies' results for a plan and its kernel result; `adjust[i]` changes supply `i`. */
export function computeWorkforce(
  supplies: WorkforceSupply[],
  measureIds: string[],
  plan: Plan,
  result: RawResult,
  adjust: (WorkforceAdjustment | null)[] = [],
): WorkforceResult[] {
  return supplies.map((s, i) => supplyAgainstNeed(s, measureIds.indexOf(s.measure), plan, result, adjust[i] ?? null));
}

/** FTE-years of measure `m` in each period, summed over states and bands. */
function fteYears(plan: Plan, result: RawResult, m: number): Float64Array {
  const cells = plan.nBands * plan.nStates;
  const out = new Float64Array(plan.nPeriods);
  for (let p = 0; p < plan.nPeriods; p++) {
    const off = (p * plan.nMeasures + m) * cells;
    let t = 0;
    for (let c = 0; c < cells; c++) t += result.measures[off + c];
    out[p] = t;
  }
  return out;
}

function supplyAgainstNeed(s: WorkforceSupply, m: number, plan: Plan, result: RawResult, adj: WorkforceAdjustment | null): WorkforceResult {
  const np = plan.nPeriods;
  const dt = plan.stepYears;
  const arr = () => new Float64Array(np);
  const r: WorkforceResult = {
    measure: s.measure,
    label: s.label,
    needed: arr(), permanent: arr(), agency: arr(), vacancies: arr(), unfilled: arr(),
    leavers: arr(), recruited: arr(), permanentEnd: arr(),
    agencyCost: arr(), agencyCostDiscounted: arr(), premiumCost: arr(), premiumCostDiscounted: arr(),
  };
  const need = fteYears(plan, result, m);
  // Share of the step's permanent FTE that stays: (1 - turnover) a year, compounded per step.
  const stay = (1 - s.turnover) ** dt;
  let x = s.permanent;
  for (let k = 0; k < plan.nSteps; k++) {
    const p = plan.periodOfStep[k];
    const years = plan.periods[p].steps * dt;
    const needed = need[p] / years;
    const posts = s.establishment === 'needed' ? needed : s.establishment;
    const left = x * (1 - stay);
    const after = x - left;
    const room = Math.max(0, posts - after);
    const rate = pick(adj?.recruitment, k, s.recruitment);
    const hired = rate === 'vacancies' ? room : Math.min(room, rate * dt);
    const y = after + hired;
    // Counted on the stock of the step like the children (values.count).
    const held = plan.wStart * x + plan.wEnd * y;
    const gap = Math.max(0, needed - held);
    const agency = Math.min(gap, pick(adj?.agencyCap, k, 1) * needed);
    const premium = pick(adj?.premium, k, s.agencyPremium);
    const base = agency * dt * s.costPerFte * plan.price[k];
    const disc = plan.discount[k];
    r.needed[p] += needed * dt;
    r.permanent[p] += held * dt;
    r.agency[p] += agency * dt;
    r.unfilled[p] += (gap - agency) * dt;
    r.vacancies[p] += Math.max(0, posts - held) * dt;
    r.leavers[p] += left;
    r.recruited[p] += hired;
    r.agencyCost[p] += base * (1 + premium);
    r.agencyCostDiscounted[p] += base * (1 + premium) * disc;
    r.premiumCost[p] += base * premium;
    r.premiumCostDiscounted[p] += base * premium * disc;
    r.permanentEnd[p] = y;
    x = y;
  }
  // FTE-years to average FTE in the year.
  plan.periods.forEach((period, p) => {
    const years = period.steps * dt;
    for (const a of [r.needed, r.permanent, r.agency, r.unfilled, r.vacancies]) a[p] /= years;
  });
  return r;
}

/** A scenario's value at step k, or the model's where it sets none. */
function pick<T>(a: Float64Array | null | undefined, k: number, own: T): number | T {
  return a && !Number.isNaN(a[k]) ? a[k] : own;
}
