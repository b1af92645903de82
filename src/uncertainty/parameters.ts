/**
 * Values of the uncertain parameters: drawn, at their point (the stated model), or set one at a
 * time for sensitivity; and plans and scenarios with those values in place. The model's values
 * and each scenario's are drawn from separate streams, so a comparison shares the model's draws
 * (common random numbers).
 */
import type { Plan } from '../engine/plan.js';
import type { Distribution, Model } from '../model/types.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { planWithGrowth } from '../scenario/population.js';
import { beta, dirichlet, gamma, lognormal, normal, type Uniform } from './random.js';
import { applyShocksDense, drawShockFactors } from './year-shocks.js';

/** Values of the model's uncertain parameters, in the order of `model.uncertainty`'s lists. */
export interface ModelValues {
  /** Per-step probabilities of each uncertain row. */
  rows: Float64Array[];
  probabilities: number[];
  /** Factors on unit costs (mean 1). */
  costs: number[];
  /** Extra population growth a year. */
  growth: number;
  /** Index of the population variant (0 without variants). */
  variant: number;
  /** Factors on the places of each uncertain capacity (mean 1). */
  capacity: number[];
  /** Each year shock's factor per financial year (index = matrix set); missing years have factor 1. */
  shocks: Float64Array[];
}

/** Values of a scenario's uncertain parameters: each change's value, each shift's share, programme cost factors. */
export interface ScenarioValues {
  changes: number[];
  moves: number[];
  programmes: number[];
  /** Factors on capacity changes (recruitment and places). */
  capacity: number[];
}

/** One draw from a distribution. */
export function sample(d: Distribution, u: Uniform): number {
  switch (d.kind) {
    case 'gamma': return gamma(u, d.shape) * d.scale;
    case 'lognormal': return lognormal(u, d.mu, d.sigma);
    case 'beta': return beta(u, d.a, d.b);
    case 'normal': return d.mean + d.sd * normal(u);
  }
}

/** The model's parameters at their stated values. */
export function pointModelValues(model: Model): ModelValues {
  const n = model.states.length;
  const mu = model.uncertainty;
  return {
    rows: mu.rows.map((r) => model.transitions.matrices[r.bands[0]].p.slice(r.state * n, r.state * n + n)),
    probabilities: mu.probabilities.map((p) => model.transitions.matrices[p.bands[0]].p[p.from * n + p.to]),
    costs: mu.costs.map(() => 1),
    growth: 0,
    variant: 0,
    capacity: mu.capacities.map(() => 1),
    shocks: mu.yearShocks.map(() => new Float64Array(0)),
  };
}

/** A variant index drawn by weight. */
function chooseVariant(weights: number[], u: Uniform): number {
  if (weights.length === 0) return 0;
  const r = u();
  let cumulative = 0;
  for (let i = 0; i < weights.length; i++) {
    cumulative += weights[i];
    if (r < cumulative) return i;
  }
  return weights.length - 1;
}

/**
 * A draw of the model's parameters (in a fixed order: rows, probabilities, costs, growth, variant,
 * capacity, year shocks for `years` financial years, by default the model's horizon and a part
 * year). With `reuse` (an earlier draw's values, no longer needed), its arrays are filled again.
 */
export function drawModelValues(model: Model, u: Uniform, reuse?: ModelValues, years = model.time.horizonYears + 1): ModelValues {
  const mu = model.uncertainty;
  return {
    rows: mu.rows.map((r, i) => dirichlet(u, r.alpha, reuse?.rows[i] ?? new Float64Array(r.alpha.length))),
    probabilities: mu.probabilities.map((p) => sample(p.distribution, u)),
    costs: mu.costs.map((c) => sample(c.distribution, u)),
    growth: mu.growth ? sample(mu.growth.distribution, u) : 0,
    variant: chooseVariant(mu.variants.map((v) => v.weight), u),
    // Drawn last, so models without it draw exactly what they drew before.
    capacity: mu.capacities.map((c) => sample(c.distribution, u)),
    // Drawn after everything else, so models without year shocks draw what they drew before.
    shocks: mu.yearShocks.map((s, i) => drawShockFactors(s, years, u, reuse?.shocks[i])),
  };
}

/** A scenario's parameters at their stated values. */
export function pointScenarioValues(r: ResolvedScenario): ScenarioValues {
  return {
    changes: r.rateChanges.map((c) => changeValue(c.change)),
    moves: r.mixShifts.map((m) => m.move),
    programmes: r.programmes.map(() => 1),
    capacity: r.capacityChanges.map(() => 1),
  };
}

/** A draw of a scenario's parameters; unstated ones keep their values. */
export function drawScenarioValues(r: ResolvedScenario, u: Uniform): ScenarioValues {
  return {
    changes: sharedBySource(r.rateChanges, (c) => (c.uncertainty ? sample(c.uncertainty.distribution, u) : changeValue(c.change))),
    moves: r.mixShifts.map((m) => (m.uncertainty ? Math.min(1, Math.max(0, sample(m.uncertainty.distribution, u))) : m.move)),
    programmes: r.programmes.map((p) => (p.uncertainty ? sample(p.uncertainty.distribution, u) : 1)),
    capacity: r.capacityChanges.map((x) => (x.uncertainty ? sample(x.uncertainty.distribution, u) : 1)),
  };
}

/** One value per written change (drawn once), repeated for each state a group change stands for. */
function sharedBySource(changes: ResolvedScenario['rateChanges'], value: (c: ResolvedScenario['rateChanges'][number]) => number): number[] {
  const bySource = new Map<number, number>();
  return changes.map((c) => {
    if (!bySource.has(c.source)) bySource.set(c.source, value(c));
    return bySource.get(c.source)!;
  });
}

function changeValue(c: ResolvedScenario['rateChanges'][number]['change']): number {
  switch (c.kind) {
    case 'multiply': return c.factor;
    case 'relative_risk': return c.rr;
    case 'add': return c.amount;
    case 'set': return c.value;
  }
}

/**
 * The plan with the model's parameters at `values`: uncertain rows and probabilities replaced in
 * every matrix set, unit costs scaled, population growth (and the variant's growth) added.
 * `plan` must be the plan of the chosen variant's projection. Returns `plan` itself when nothing
 * differs, so a model without uncertainty runs exactly as it does deterministically. With
 * `rates: false` the matrices are left as they are (Monte Carlo writes the drawn rows into packed
 * values instead: `packedModelValues`); with `into`, changed arrays are written into its buffers
 * (sized as the plan's) rather than new ones, so draw after draw allocates nothing.
 */
export function planWithValues(model: Model, plan: Plan, values: ModelValues, { rates = true, into }: { rates?: boolean; into?: ValueBuffers } = {}): Plan {
  const mu = model.uncertainty;
  const n = plan.nStates;
  const nn = n * n;
  let out = plan;
  if (rates && (mu.rows.length || mu.probabilities.length || mu.yearShocks.length)) {
    const P = plan.P.slice();
    const block = plan.nBands * nn;
    for (let set = 0; set < plan.nSets; set++) {
      mu.rows.forEach((r, i) => {
        for (const b of r.bands) P.set(values.rows[i], set * block + b * nn + r.state * n);
      });
      mu.probabilities.forEach((p, i) => {
        const v = Math.max(0, values.probabilities[i]);
        for (const b of p.bands) {
          const row = set * block + b * nn + p.from * n;
          // The stay probability takes up the change; a draw beyond what it holds is clipped.
          const available = P[row + p.from] + P[row + p.to];
          const next = Math.min(v, available);
          P[row + p.from] = available - next;
          P[row + p.to] = next;
        }
      });
    }
    applyShocksDense(mu.yearShocks, values.shocks, P, n, plan.nBands, plan.nSets);
    out = { ...out, P };
  }
  if (mu.costs.length) {
    const costPerStep = copy(plan.costPerStep, into?.costPerStep);
    mu.costs.forEach((c, i) => {
      for (const st of c.states) for (let k = 0; k < plan.nSteps; k++) costPerStep[k * n + st] *= values.costs[i];
    });
    out = { ...out, costPerStep };
  }
  if (mu.capacities.length) {
    const capPlaces = copy(plan.capPlaces, into?.capPlaces);
    mu.capacities.forEach((c, i) => {
      // The factor scales how places move from the start (recruitment net of attrition), so the
      // places held at the start, and the children in them, are as stated.
      const cap = model.capacities[c.capacity];
      const start = cap.initial * cap.placesPerUnit;
      for (let k = 0; k < plan.nSteps; k++) {
        const at = c.capacity * plan.nSteps + k;
        capPlaces[at] = Math.max(0, start + values.capacity[i] * (capPlaces[at] - start));
      }
    });
    out = { ...out, capPlaces };
  }
  const growth = values.growth + (mu.variants[values.variant]?.growth ?? 0);
  if (growth !== 0) out = { ...out, ...planWithGrowth(plan, growth, into) };
  return out;
}

/** Buffers `planWithValues` may write into instead of allocating. */
export interface ValueBuffers {
  costPerStep: Float64Array;
  capPlaces: Float64Array;
  popTarget: Float64Array | null;
  births: Float64Array | null;
}

/** Buffers for the changed arrays of `plan`. */
export function valueBuffers(plan: Plan): ValueBuffers {
  return { costPerStep: plan.costPerStep.slice(), capPlaces: plan.capPlaces.slice(), popTarget: plan.popTarget?.slice() ?? null, births: plan.births?.slice() ?? null };
}

function copy(from: Float64Array, into: Float64Array | undefined): Float64Array {
  if (!into) return from.slice();
  into.set(from);
  return into;
}

/** The resolved scenario with its parameters at `values`. */
export function scenarioWithValues(r: ResolvedScenario, values: ScenarioValues): ResolvedScenario {
  return {
    ...r,
    // A drawn effect can reach past what a row allows; it is clipped rather than refused.
    rateChanges: r.rateChanges.map((c, i) => (c.uncertainty ? { ...c, clip: true, change: withValue(c.change, values.changes[i]) } : { ...c, change: withValue(c.change, values.changes[i]) })),
    mixShifts: r.mixShifts.map((m, i) => ({ ...m, move: values.moves[i] })),
    programmes: r.programmes.map((p, i) => ({ ...p, fixedPerYear: p.fixedPerYear * values.programmes[i], perChild: p.perChild * values.programmes[i] })),
    // Carers found (or places opened) may be fewer or more; their costs follow.
    capacityChanges: r.capacityChanges.map((x, i) => ({ ...x, recruitPerYear: x.recruitPerYear * values.capacity[i], places: x.places * values.capacity[i] })),
  };
}

function withValue(c: ResolvedScenario['rateChanges'][number]['change'], v: number): ResolvedScenario['rateChanges'][number]['change'] {
  switch (c.kind) {
    case 'multiply': return { kind: 'multiply', factor: v };
    case 'relative_risk': return { kind: 'relative_risk', rr: v };
    case 'add': return { kind: 'add', amount: v };
    case 'set': return { kind: 'set', value: v };
  }
}
