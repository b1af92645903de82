/** Domain types of a scenario: a named set of changes layered on a model, never editing it. */
import type { LocatedDocument } from '../model/positions.js';
import type { Distribution, StatedRange, StateId } from '../model/types.js';

/** An uncertain value: its distribution, and low/high for sensitivity where stated. */
export interface Uncertain {
  distribution: Distribution;
  stated: StatedRange | null;
}
import type { RateChange } from './rates.js';

/** Where an item was written: its file and field path, for messages. */
export interface Origin {
  file: string;
  path: (string | number)[];
  located: LocatedDocument;
}

/** When a change applies, as written (dates `YYYY-MM-DD`); unset fields take the scenario's. */
export interface TimingSpec {
  start?: string;
  phaseInMonths?: number;
  /** Last day with any effect. */
  end?: string;
}

/** A change to transition probabilities. */
export interface ScenarioRateChange {
  id?: string;
  label: string;
  from: StateId;
  /** Moves changed; empty means every move out of `from`. */
  to: StateId[];
  /** Age band labels; empty means all. */
  ages: string[];
  change: RateChange;
  clip: boolean;
  timing: TimingSpec;
  /** Distribution of the change's value (rate changes, shares) or of a factor on the programme's cost. */
  uncertainty: Uncertain | null;
  origin: Origin;
}

/** A change to a unit cost: of a state, or of one placement type in its mix. */
export interface ScenarioCostChange {
  id?: string;
  label: string;
  state: StateId;
  type: string | null;
  /** A new cost: `perWeek` when the file writes it £ a week (levers keep that unit). */
  change: { kind: 'multiply'; factor: number } | { kind: 'set'; perYear: number; perWeek?: boolean };
  timing: TimingSpec;
  origin: Origin;
}

/** Moves a share of one placement type's children to another type (e.g. residential to foster). */
export interface ScenarioMixShift {
  id?: string;
  label: string;
  state: StateId;
  from: string;
  to: string;
  /** Share of the `from` type's children moved, 0 to 1. */
  move: number;
  timing: TimingSpec;
  /** Distribution of the change's value (rate changes, shares) or of a factor on the programme's cost. */
  uncertainty: Uncertain | null;
  origin: Origin;
}

/** The intervention itself: what it costs, fixed and per child served. */
export interface ScenarioProgramme {
  id: string;
  label: string;
  fixedPerYear: number;
  /** £ per child served: per start, or per child-year on the caseload. */
  perChild: number;
  serves: { states: StateId[]; ages: string[]; basis: 'starts' | 'caseload'; share: number } | null;
  timing: TimingSpec;
  /** Distribution of the change's value (rate changes, shares) or of a factor on the programme's cost. */
  uncertainty: Uncertain | null;
  origin: Origin;
}

/**
 * A change to a model's capacity: carers recruited (with their attrition, the cost of each
 * recruit and the support of each extra one held), or places opened or closed (a children's
 * home, with its set-up and fixed costs). Its costs are reported as a programme.
 */
export interface ScenarioCapacityChange {
  id?: string;
  label: string;
  state: StateId;
  /** Units (households or places, as the model's capacity counts them) recruited a year. */
  recruitPerYear: number;
  /** Attrition of the recruits a year (null: the capacity's own). */
  attritionPerYear: number | null;
  /** Places added while the change is in effect (negative: closed). */
  places: number;
  /** Which of the two the file writes (a lever is named by it, whatever its value). */
  written: { recruit: boolean; places: boolean };
  costPerRecruit: number;
  /** £ a year per extra unit held (support, fees beyond the placement's unit cost). */
  supportPerYear: number;
  setupCost: number;
  fixedPerYear: number;
  timing: TimingSpec;
  /** Distribution of a factor on the recruitment and places (mean 1). */
  uncertainty: Uncertain | null;
  origin: Origin;
}

/** A population variant: another projection file, or extra yearly growth. */
export interface PopulationVariant {
  /** Absolute path of a projection CSV in the model's format. */
  file?: string;
  area?: string;
  /** Extra growth a year, compounding from the start date (0.01 = 1% a year more children). */
  growth?: number;
  origin: Origin;
}

/**
 * Changes to the supply of staff for one workforce of the model: caseloads (so FTE needed),
 * recruitment, the agency premium, a cap on the agency share. Null fields keep the model's.
 */
export interface ScenarioWorkforceChange {
  /** The FTE measure the workforce supplies; null for the model's only workforce. */
  measure: string | null;
  label: string;
  /** Factor on caseloads: FTE needed are divided by it (0.9: caseloads 10% lower, 11% more FTE). */
  caseloadMultiply: number | null;
  /** FTE recruited a year, replacing the model's. */
  recruitment: number | null;
  agencyPremium: number | null;
  /** Most of the FTE needed that agency workers may cover (0 to 1); the rest goes unfilled. */
  agencyCap: number | null;
  timing: TimingSpec;
  origin: Origin;
}

/** A scenario with its `extends` chain merged. */
export interface Scenario {
  name: string;
  /** For chart legends and sheet names (`short_label`); absent: the name. */
  shortLabel?: string;
  description: string;
  /** The file named on the command line. */
  file: string;
  /** That file and every file it extends, in order. */
  files: string[];
  sources: string[];
  /** Default timing for changes that give none of their own. */
  timing: TimingSpec;
  timingOrigin: Origin | null;
  changes: ScenarioRateChange[];
  costs: ScenarioCostChange[];
  mixShifts: ScenarioMixShift[];
  programmes: ScenarioProgramme[];
  capacity: ScenarioCapacityChange[];
  inflation: { value: number; origin: Origin } | null;
  population: PopulationVariant | null;
  directEntries: { factor: number; origin: Origin } | null;
  /** Workforce changes, at most one per workforce of the model. */
  workforce: ScenarioWorkforceChange[];
}
