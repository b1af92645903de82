/**
 * One-at-a-time (deterministic) sensitivity: each uncertain parameter is set to its low and then
 * its high value (stated, or its 10th and 90th percentiles) with every other parameter at its
 * stated value, and the swing in 5- and 10-year cost and in children in care is reported, largest
 * first: the rows of a tornado chart.
 */
import { quantileSorted } from 'simple-statistics';
import { careStates } from '../model/care.js';
import type { Distribution, StatedRange } from '../model/types.js';
import { EXTRA_FIGURES, figuresPerDraw, runArms, type Setup } from './montecarlo.js';
import { pointModelValues, pointScenarioValues, sample, type ModelValues, type ScenarioValues } from './parameters.js';
import { beta as betaDraw, drawGenerator } from './random.js';

/** z of the 90th percentile of the standard normal. */
const Z90 = 1.2815515655446004;
/** Draws used to find percentiles of distributions without a closed form (gamma, beta). */
const QUANTILE_DRAWS = 20_000;

/**
 * The 10th and 90th percentiles of a distribution: exact for normal and lognormal, otherwise from
 * 20,000 seeded draws (the same numbers every run).
 */
export function tenthAndNinetieth(d: Distribution): [number, number] {
  if (d.kind === 'normal') return [d.mean - Z90 * d.sd, d.mean + Z90 * d.sd];
  if (d.kind === 'lognormal') return [Math.exp(d.mu - Z90 * d.sigma), Math.exp(d.mu + Z90 * d.sigma)];
  const u = drawGenerator('sensitivity', 0);
  const xs = Array.from({ length: QUANTILE_DRAWS }, () => sample(d, u)).sort((a, b) => a - b);
  return [quantileSorted(xs, 0.1), quantileSorted(xs, 0.9)];
}

function lowHigh(d: Distribution, stated: StatedRange | null): [number, number] {
  return stated ? [stated.low, stated.high] : tenthAndNinetieth(d);
}

/** One parameter of the tornado: its low and high values and how to set them. */
export interface SensitivityParameter {
  label: string;
  /** `model` or the scenario's name. */
  source: string;
  low: number;
  high: number;
  /** What low and high are (e.g. "leaving probability a step"). */
  unit: string;
  /** Low and high in words, where numbers would not say it (population variants). */
  lowText?: string;
  highText?: string;
  set(model: ModelValues, scenarios: (ScenarioValues | null)[], value: number): void;
}

/** Every uncertain parameter of the model and the scenarios in `setup`, with low and high values. */
export function sensitivityParameters(setup: Setup): SensitivityParameter[] {
  const { model } = setup;
  const mu = model.uncertainty;
  const n = model.states.length;
  const out: SensitivityParameter[] = [];
  mu.rows.forEach((r, i) => {
    // The row's leaving probability varies; the moves keep their proportions.
    const stay = r.alpha[r.state];
    const leave = r.alpha.reduce((a, v) => a + v, 0) - stay;
    const u = drawGenerator('sensitivity', i, 'row');
    const xs = Array.from({ length: QUANTILE_DRAWS }, () => betaDraw(u, leave, stay)).sort((a, b) => a - b);
    const base = model.transitions.matrices[r.bands[0]].p.slice(r.state * n, r.state * n + n);
    const q = 1 - base[r.state];
    out.push({
      label: r.label,
      source: 'model',
      low: quantileSorted(xs, 0.1),
      high: quantileSorted(xs, 0.9),
      unit: 'probability of leaving in a step',
      set: (m, _s, v) => {
        m.rows[i] = base.map((p, j) => (j === r.state ? 1 - v : q > 0 ? (p * v) / q : 0));
      },
    });
  });
  mu.probabilities.forEach((p, i) => {
    const [low, high] = lowHigh(p.distribution, p.stated);
    out.push({ label: `probability ${p.label}`, source: 'model', low, high, unit: 'probability a step', set: (m, _s, v) => (m.probabilities[i] = v) });
  });
  mu.capacities.forEach((c, i) => {
    const [low, high] = tenthAndNinetieth(c.distribution);
    out.push({ label: c.label, source: 'model', low, high, unit: 'factor on the places', set: (m, _s, v) => (m.capacity[i] = v) });
  });
  mu.costs.forEach((c, i) => {
    const [low, high] = tenthAndNinetieth(c.distribution);
    out.push({ label: c.label, source: 'model', low, high, unit: 'factor on the unit cost', set: (m, _s, v) => (m.costs[i] = v) });
  });
  if (mu.growth) {
    const [low, high] = lowHigh(mu.growth.distribution, mu.growth.stated);
    out.push({ label: 'population growth above the projection', source: 'model', low, high, unit: 'a year', set: (m, _s, v) => (m.growth = v) });
  }
  mu.variants.forEach((v, i) => {
    if (i === 0) return;
    const first = mu.variants[0].label;
    out.push({ label: `population variant: ${v.label}`, source: 'model', low: 0, high: i, lowText: first, highText: v.label, unit: `variant (${first} or ${v.label})`, set: (m, _s, x) => (m.variant = x) });
  });
  setup.arms.forEach((arm, a) => {
    const r = arm.scenario;
    if (!r) return;
    r.rateChanges.forEach((c, i) => {
      // A change from a group is one parameter: its states' changes move together.
      if (!c.uncertainty || r.rateChanges.findIndex((x) => x.source === c.source) !== i) return;
      const [low, high] = lowHigh(c.uncertainty.distribution, c.uncertainty.stated);
      const same = r.rateChanges.map((x, k) => (x.source === c.source ? k : -1)).filter((k) => k >= 0);
      out.push({ label: c.label, source: arm.name, low, high, unit: c.change.kind === 'set' || c.change.kind === 'add' ? 'probability a step' : 'factor', set: (_m, s, v) => same.forEach((k) => (s[a]!.changes[k] = v)) });
    });
    r.mixShifts.forEach((x, i) => {
      if (!x.uncertainty) return;
      const [low, high] = lowHigh(x.uncertainty.distribution, x.uncertainty.stated);
      out.push({ label: x.label, source: arm.name, low, high, unit: 'share moved', set: (_m, s, v) => (s[a]!.moves[i] = v) });
    });
    r.capacityChanges.forEach((x, i) => {
      if (!x.uncertainty) return;
      const [low, high] = tenthAndNinetieth(x.uncertainty.distribution);
      out.push({ label: `${x.label}: carers or places found`, source: arm.name, low, high, unit: 'factor on recruitment and places', set: (_m, s, v) => (s[a]!.capacity[i] = v) });
    });
    r.programmes.forEach((p, i) => {
      if (!p.uncertainty) return;
      const [low, high] = tenthAndNinetieth(p.uncertainty.distribution);
      out.push({ label: `cost of ${p.label}`, source: arm.name, low, high, unit: 'factor on the programme cost', set: (_m, s, v) => (s[a]!.programmes[i] = v) });
    });
  });
  return out;
}

/** The outcomes a tornado reports. */
export interface Outcomes {
  /** Baseline cost of services (no scenario) or the scenario's net saving, over 5 and 10 whole years (cash). */
  total5: number;
  total10: number;
  /** Children in care (the state `cic`, or the last active state) after 5 and 10 years. */
  cic5: number;
  cic10: number;
}

/** One row of the tornado. */
export interface SensitivityRow {
  parameter: SensitivityParameter;
  low: Outcomes;
  high: Outcomes;
  /** |high − low| of the 10-year figure (5-year where the run is shorter): the sort key. */
  swing: number;
}

/**
 * The tornado: outcomes at each parameter's low and high, sorted by swing, and at the stated
 * values. Year shocks are left out (named in `omitted`): a shock differs year by year, so no one
 * low or high value stands for it; `run --draws` shows their spread.
 */
export function sensitivity(setup: Setup): { point: Outcomes; rows: SensitivityRow[]; measure: string; inCare: string; omitted: string[] } {
  const { model } = setup;
  const n = model.states.length;
  const f = n + EXTRA_FIGURES.length;
  const np = setup.periods.length;
  const whole = setup.periods.map((p, k) => (p.partial ? -1 : k)).filter((k) => k >= 0);
  const scenarioArm = setup.arms.length > 1 ? 1 : 0;
  const care = careStates(model);
  const outcomes = (m: ModelValues, s: (ScenarioValues | null)[]): Outcomes => {
    const out = new Float64Array(figuresPerDraw(setup));
    runArms(setup, m, s, out, 0);
    const cost = (a: number, k: number) => out[(a * np + k) * f + n] + out[(a * np + k) * f + n + 2];
    const total = (years: number) => {
      const take = whole.slice(0, Math.min(years, whole.length));
      return take.reduce((t, k) => t + (scenarioArm ? cost(0, k) - cost(1, k) : cost(0, k)), 0);
    };
    const cic = (years: number) => {
      const k = whole[Math.min(years, whole.length) - 1];
      return k === undefined ? NaN : care.states.reduce((t, s) => t + out[(scenarioArm * np + k) * f + s], 0);
    };
    return { total5: total(5), total10: total(10), cic5: cic(5), cic10: cic(10) };
  };
  const fresh = () => ({ m: pointModelValues(model), s: setup.arms.map((a) => (a.scenario ? pointScenarioValues(a.scenario) : null)) });
  const p0 = fresh();
  const point = outcomes(p0.m, p0.s);
  const rows = sensitivityParameters(setup).map((parameter) => {
    const at = (v: number) => {
      const x = fresh();
      parameter.set(x.m, x.s, v);
      return outcomes(x.m, x.s);
    };
    const low = at(parameter.low);
    const high = at(parameter.high);
    const swing = Math.abs((whole.length >= 10 ? high.total10 - low.total10 : high.total5 - low.total5));
    return { parameter, low, high, swing };
  });
  rows.sort((a, b) => b.swing - a.swing);
  return { point, rows, measure: scenarioArm ? `net saving of ${setup.arms[1].name}` : 'cost of services', inCare: care.label, omitted: model.uncertainty.yearShocks.map((x) => x.label) };
}
