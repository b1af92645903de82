/** Compiles a validated model into a `Plan` of typed arrays, once, before any stepping. */
import { birthsCoverageProblem, populationAt, projectionCoverageProblem } from '../model/population.js';
import { UsageError } from '../errors.js';
import { bandWidth } from '../model/bands.js';
import { addMonths, financialYearLabel, financialYearOf, isoDate, MONTHS_PER_STEP, parseIsoDate } from '../model/time.js';
import type { Model } from '../model/types.js';
import type { Period, Plan } from './plan.js';
import { capacityPlacesByStep } from './capacity.js';
import { ageingTargets } from './ageing.js';
import { annualToStep } from './root.js';
import { matrixSets } from '../model/year-rates.js';
import { modelBands } from '../model/age-range.js';

/** Options that override the model file. */
export interface CompileOptions {
  /** Horizon in years (defaults to the model's `time.horizon_years`). */
  years?: number;
}

/** A plan plus what compiling it found worth telling the user. */
export interface Compiled {
  plan: Plan;
  warnings: string[];
}

/** Builds the flat arrays the kernel steps through; converts annual matrices to per-step ones. */
export async function compileModel(model: Model, options: CompileOptions = {}): Promise<Compiled> {
  const warnings: string[] = [];
  const n = model.states.length;
  const bands = modelBands(model);
  const nb = bands.length;
  const months = MONTHS_PER_STEP[model.time.step];
  const stepYears = months / 12;
  const years = options.years ?? model.time.horizonYears;
  const nSteps = Math.round((years * 12) / months);
  const start = parseIsoDate(model.time.start)!;
  // The model file was checked for its own horizon; a longer --years must be covered too.
  if (years !== model.time.horizonYears && model.population) {
    const pop = model.population;
    const problem = pop.kind === 'projection' ? projectionCoverageProblem(pop.projection, start, years) : birthsCoverageProblem(pop.byFinancialYear, start, years);
    if (problem) {
      throw new UsageError(
        `${years} years is longer than the model's ${pop.kind === 'projection' ? 'population projection' : 'births'} cover: ${problem.message} (needs ${problem.expected})`,
        'Project fewer years (carecast run --years), or extend the population section of the model to cover them.',
      );
    }
  }
  const index = new Map(model.states.map((s, i) => [s.id, i]));
  const ids = model.states.map((s) => s.id);

  // Time axis: each step belongs to the financial year its first day is in.
  const periods: Period[] = [];
  const periodOfStep = new Int32Array(nSteps);
  const fyOfStep = new Int32Array(nSteps);
  for (let k = 0; k < nSteps; k++) {
    const d = addMonths(start, k * months);
    const fy = financialYearOf(d);
    fyOfStep[k] = fy;
    let p = periods[periods.length - 1];
    if (!p || p.fy !== fy) {
      p = { fy, label: financialYearLabel(fy), start: isoDate(d), end: '', steps: 0, partial: false };
      periods.push(p);
    }
    p.steps++;
    p.end = isoDate(addMonths(d, months));
    periodOfStep[k] = periods.length - 1;
  }
  for (const p of periods) p.partial = p.steps * months !== 12;

  // Transition matrices per step, converted from annual ones where needed: one set per
  // distinct year's matrices when rates change by financial year.
  const { sets, firstYear, stepSet } = matrixSets(model.transitions.matrices, model.transitions.byYear, fyOfStep, { perYear: model.uncertainty.yearShocks.length > 0 });
  const P = new Float64Array(sets.length * nb * n * n);
  const k = 12 / months;
  const convert = model.transitions.per === 'year' && k > 1;
  const cache = new Map<string, Float64Array>();
  for (let set = 0; set < sets.length; set++) for (let b = 0; b < nb; b++) {
    const annual = sets[set][b].p;
    const at = (set * nb + b) * n * n;
    if (!convert) {
      P.set(annual, at);
      continue;
    }
    const key = annual.join(',');
    let stepP = cache.get(key);
    if (!stepP) {
      const where = `${model.file}: transitions${model.ages ? ` for ages ${bands[b].label}` : ''}${sets.length > 1 ? ` in ${financialYearLabel(firstYear[set])}` : ''}`;
      const r = await annualToStep(annual, n, k, model.transitions.negativeRoot, where, ids);
      if (r.mostNegative < -1e-12) {
        warnings.push(
          `${where}: the exact ${model.time.step}ly root had a negative probability (${r.mostNegative.toExponential(3)} from ${ids[r.at![0]]} to ${ids[r.at![1]]}); clipped to 0 and rows rescaled, which changes the annual matrix by at most ${r.error.toExponential(3)}`,
        );
      }
      stepP = r.p;
      cache.set(key, stepP);
    }
    P.set(stepP, at);
  }

  // Ageing: a band of width w years passes stepYears / w of its children up each step.
  const ageFrac = new Float64Array(nb);
  const ageOut = new Int32Array(n).fill(-1);
  if (model.ages) {
    bands.forEach((band, b) => (ageFrac[b] = Math.min(1, stepYears / bandWidth(band))));
    model.states.forEach((s, i) => {
      if (!s.absorbing) ageOut[i] = index.get(model.ages!.ageOutTo[s.id])!;
    });
  }
  const ageTo = ageingTargets(model, bands, index);
  const active = Uint8Array.from(model.states, (s) => (s.absorbing ? 0 : 1));

  // Inflows.
  let entryState = -1;
  let popTarget: Float64Array | null = null;
  let births: Float64Array | null = null;
  const pop = model.population;
  if (pop) {
    entryState = index.get(pop.entryState)!;
    if (pop.kind === 'projection') {
      popTarget = new Float64Array(nSteps * nb);
      for (let s = 0; s < nSteps; s++) popTarget.set(populationAt(pop.projection, addMonths(start, (s + 1) * months)), s * nb);
    } else {
      births = new Float64Array(nSteps);
      for (let s = 0; s < nSteps; s++) births[s] = (pop.byFinancialYear.get(fyOfStep[s]) ?? 0) * stepYears;
    }
  }
  let direct: Float64Array | null = null;
  if (model.directEntries.length) {
    direct = new Float64Array(nb * n);
    for (const d of model.directEntries) direct[d.band * n + index.get(d.state)!] += d.perYear * stepYears;
  }
  const x0 = new Float64Array(nb * n);
  model.initial.forEach((row, b) => row.forEach((v, s) => (x0[b * n + s] = v)));

  // Values.
  const v = model.values;
  const costPerStep = new Float64Array(nSteps * n);
  ids.forEach((id, s) => {
    const c = (v.costPerYear[id] ?? 0) * stepYears;
    for (let k = 0; k < nSteps; k++) costPerStep[k * n + s] = c;
  });
  const price = Float64Array.from(fyOfStep, (fy) => (1 + v.inflation) ** (fy - v.priceBaseYear));
  const offset = v.discountFirstPeriod ? 1 : 0;
  const factors = (rate: number) => Float64Array.from({ length: nSteps }, (_, s) => (1 + rate) ** -((s + offset) * stepYears));
  const discount = factors(v.discountRate);
  const nMeasures = v.measures.length;
  const measurePerStep = new Float64Array(nMeasures * n);
  const measureDiscount = new Float64Array(nMeasures * nSteps);
  v.measures.forEach((m, mi) => {
    ids.forEach((id, s) => (measurePerStep[mi * n + s] = (m.perYear[id] ?? 0) * stepYears));
    measureDiscount.set(factors(m.discountRate), mi * nSteps);
  });
  const pairs = v.transitionCosts.flatMap((t, flow) => t.pairs.map(([from, to]) => ({ from, to, cost: t.cost, flow })));
  const caps = model.capacities;
  const capPlaces = new Float64Array(caps.length * nSteps);
  caps.forEach((cap, c) => capPlaces.set(capacityPlacesByStep(cap, fyOfStep, stepYears), c * nSteps));
  const [wStart, wEnd] = v.count === 'start' ? [1, 0] : v.count === 'end' ? [0, 1] : [0.5, 0.5];

  return {
    warnings,
    plan: {
      nStates: n,
      nBands: nb,
      nSteps,
      nPeriods: periods.length,
      stepYears,
      P,
      nSets: sets.length,
      stepSet,
      ageFrac,
      ageOut,
      ageTo,
      active,
      entryState,
      popTarget,
      popBands: model.populationBands ?? nb,
      births,
      direct,
      x0,
      costPerStep,
      price,
      discount,
      wStart,
      wEnd,
      nMeasures,
      measurePerStep,
      measureDiscount,
      nFlows: v.transitionCosts.length,
      flowFrom: Int32Array.from(pairs, (q) => index.get(q.from)!),
      flowTo: Int32Array.from(pairs, (q) => index.get(q.to)!),
      flowCost: Float64Array.from(pairs, (q) => q.cost),
      flowOf: Int32Array.from(pairs, (q) => q.flow),
      nProgrammes: 0,
      programmeHeld: new Float64Array(0),
      programmeStarts: new Float64Array(0),
      programmePerChildYear: new Float64Array(0),
      programmePerStart: new Float64Array(0),
      programmeFixed: new Float64Array(0),
      nCapacities: caps.length,
      capState: Int32Array.from(caps, (c) => index.get(c.state)!),
      capOverflow: Int32Array.from(caps, (c) => index.get(c.overflow)!),
      capPlaces,
      periodOfStep,
      periods,
    },
  };
}
