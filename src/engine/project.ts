/** `project`: compile a model and run it, returning a labelled `Projection`. */
import type { AgeBand, Capacity, Measure, Model, ReportGroup, State, TransitionValue } from '../model/types.js';
import { compileModel, type CompileOptions } from './compile.js';
import { runPlan } from './kernel.js';
import type { Period, Plan, RawResult } from './plan.js';
import { collapseDurations, type DurationResult } from './durations.js';
import type { HistoryFlag } from '../model/history.js';
import { computeWorkforce, type WorkforceAdjustment, type WorkforceResult } from './workforce.js';
import { modelBands, populationRange, statesApart } from '../model/age-range.js';

/** A programme's id and label. */
export interface ProgrammeLabel {
  id: string;
  label: string;
}

/** A projection: the typed-array results with the labels needed to read them. */
export interface Projection {
  model: { name: string; file: string; description: string };
  start: string;
  step: Model['time']['step'];
  states: State[];
  bands: AgeBand[];
  hasAges: boolean;
  /** Whether the model follows a population (projection or births); without one there are no rates per 10,000. */
  hasPopulation: boolean;
  /** Ages the population counts (the denominator of rates per 10,000) where not 0-17, e.g. 0-25 for SEND. */
  populationAges?: { from: number; to: number };
  /** Bands the population counts where not every band (a model with care leavers past its 0-17 population). */
  populationBands?: number;
  /**
   * States reported apart from the children and outside the cost of services: young people past
   * the population's ages, such as care leavers (absent: none).
   */
  apart?: number[];
  periods: Period[];
  measures: Measure[];
  flows: TransitionValue[];
  groups: ReportGroup[];
  /** Capacity limits, in the order of the result's capacity arrays. */
  capacities: Capacity[];
  /** Programmes a scenario paid for, in the order of `result.programmeCost` (none for a plain model). */
  programmes: ProgrammeLabel[];
  values: { priceBaseYear: number; inflation: number; discountRate: number; count: string; discountFirstPeriod: boolean };
  /** Stock at the start date: `[band * nStates + state]`. */
  initial: Float64Array;
  result: RawResult;
  warnings: string[];
  /** Staff supply against need per period, one per `workforce` supply of the model (absent: none). */
  workforce?: WorkforceResult[];
  /** Results by duration band of each state with bands (absent: none); `states` are the model's own. */
  durations?: DurationResult[];
  /** History flags: each flagged state's first and repeat copies, and the copies of the states carrying it (absent: none). */
  history?: HistoryFlag[];
}

/**
 * Projects a model to its horizon (or `options.years`).
 *
 * @example
 * const projection = await project(loadModel('models/example.yaml'), { years: 10 });
 */
export async function project(model: Model, options: CompileOptions = {}): Promise<Projection> {
  const { plan, warnings } = await compileModel(model, options);
  return projectionOf(model, plan, runPlan(plan), warnings);
}

/** Labels a kernel result of `plan` (compiled from `model`) as a `Projection`. */
export function projectionOf(
  model: Model,
  plan: Plan,
  result: RawResult,
  warnings: string[],
  programmes: ProgrammeLabel[] = [],
  workforce: (WorkforceAdjustment | null)[] = [],
): Projection {
  if (result.shortfall > 1e-6) {
    warnings.push(`the population projection fell faster than ${model.population?.entryState} could lose children: ${result.shortfall.toFixed(1)} children could not be removed, so totals run above the projection`);
  }
  // A model with duration bands ran on sub-states; results are read by its own states.
  const banded = model.durations ? collapseDurations(model.durations, plan, result) : null;
  const ages = populationRange(model);
  const apart = statesApart(model);
  const states = model.durations?.states ?? model.states;
  return {
    model: { name: model.name, file: model.file, description: model.description },
    start: model.time.start,
    step: model.time.step,
    states,
    bands: modelBands(model),
    hasAges: model.ages !== null,
    hasPopulation: model.population !== null,
    ...(ages.from !== 0 || ages.to !== 17 ? { populationAges: ages } : {}),
    ...(model.populationBands !== undefined && { populationBands: model.populationBands }),
    ...(apart.length > 0 && { apart: apart.map((id) => states.findIndex((s) => s.id === id)) }),
    periods: plan.periods,
    measures: model.values.measures,
    flows: model.values.transitionCosts,
    groups: model.durations?.groups ?? model.groups,
    capacities: model.capacities,
    programmes,
    values: {
      priceBaseYear: model.values.priceBaseYear,
      inflation: model.values.inflation,
      discountRate: model.values.discountRate,
      count: model.values.count,
      discountFirstPeriod: model.values.discountFirstPeriod,
    },
    initial: banded?.initial ?? plan.x0,
    result: banded?.result ?? result,
    warnings,
    ...(banded && { durations: banded.durations }),
    ...(model.history && { history: model.history.flags }),
    ...(model.workforce?.length && { workforce: computeWorkforce(model.workforce, model.values.measures.map((m) => m.id), plan, result, workforce) }),
  };
}
