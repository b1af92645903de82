/** Domain types of a validated model. The engine compiles these into typed arrays. */
import type { DurationLayout } from './durations.js';
import type { HistoryLayout } from './history.js';

/** Identifier of a state, e.g. `cin`. */
export type StateId = string;

/** Length of one model step. */
export type StepUnit = 'month' | 'quarter' | 'year';

/** Which stock a step's state values are computed on. */
export type CountConvention = 'start' | 'end' | 'average';

/** A state of the Markov chain. Absorbing states keep whoever enters them (exits). */
export interface State {
  id: StateId;
  label: string;
  /** For chart legends, where the label is too long (`short_label`); absent: the label. */
  shortLabel?: string;
  absorbing: boolean;
}

/** An age band, inclusive of both ends, in whole years (e.g. 0-4 is ages 0 to 4). */
export interface AgeBand {
  label: string;
  from: number;
  to: number;
}

/**
 * A row-stochastic matrix over the model's states, row-major: `p[i * n + j]` is the probability
 * of moving from state i to state j in one period.
 */
export interface TransitionMatrix {
  n: number;
  p: Float64Array;
}

/**
 * How a move's probability changes by financial year (first calendar year): as given for a
 * year (`value`), as a multiple of the matrices' probability (`factor`), or a damped trend in
 * its log (`trend`). Years not listed take the last listed year before them (the matrices'
 * probability before the first).
 */
export type YearRule =
  | { kind: 'value'; years: [number, number][] }
  | { kind: 'factor'; years: [number, number][] }
  | { kind: 'trend'; change: number; damping: number; from: number };

/** Moves from one state (in some bands) whose probabilities follow a `YearRule`; the stay probability takes up the change. */
export interface YearRate {
  from: number;
  to: number[];
  bands: number[];
  rule: YearRule;
}

/** Age structure: bands covering the range (0-17 unless stated), where children go past its top, and who leaves earlier. */
export interface AgeStructure {
  bands: AgeBand[];
  /** For each active state, the absorbing state its children enter past the top of the range (at 18 by default). */
  ageOutTo: Record<StateId, StateId>;
  /** Ages counted (absent: 0-17). */
  range?: { from: number; to: number };
  /**
   * States whose children leave at an age within the range (at the start of a band): the age
   * and the state they enter (absent or empty: none). `to` may be active (a care leaver) or an exit.
   */
  leaving?: Record<StateId, { age: number; to: StateId }>;
}

/** Population by age band at mid-year points (30 June of `year`). */
export interface PopulationProjection {
  source: string;
  years: number[];
  /** `byYear[k][b]`: children in band b at mid-year `years[k]`. */
  byYear: number[][];
}

/** How new children arrive and the population is kept in line. */
export type Population =
  | {
      kind: 'projection';
      entryState: StateId;
      projection: PopulationProjection;
      /** Bands whose initial entry-state stock was derived as population minus the other states. */
      derivedBands: number[];
    }
  | { kind: 'births'; entryState: StateId; byFinancialYear: Map<number, number> };

/** Children entering a state directly from outside per year (e.g. unaccompanied children). */
export interface DirectEntry {
  state: StateId;
  band: number;
  perYear: number;
}

/** A one-off value counted on each move from one state (or group) to another. */
export interface TransitionValue {
  /** As written: a state or a group. */
  from: StateId;
  to: StateId;
  /** The moves between states it counts (every pair of the groups' states, never a state to itself). */
  pairs: [StateId, StateId][];
  cost: number;
  label: string;
}

/** One placement type within a state's cost mix (e.g. residential within care). */
export interface PlacementType {
  id: string;
  label: string;
  /** Share of the state's children in this placement type (the shares of a mix add up to 1). */
  share: number;
  /** £ per child per year at the price base. */
  perYear: number;
}

/** A state whose unit cost is a mix of placement types plus a cost per child in any of them. */
export interface CostMix {
  state: StateId;
  /** £ per child per year whatever the placement (social work, overheads). */
  basePerYear: number;
  types: PlacementType[];
}

/** A named measure accrued per child per year in each state (e.g. social-worker FTE). */
export interface Measure {
  id: string;
  label: string;
  perYear: Record<StateId, number>;
  discountRate: number;
  /**
   * `total`: summed over the year (e.g. life years). `fte`: staff per child, so the year's sum is
   * FTE-years; reported as the average FTE in the year, never summed across years.
   */
  kind: 'total' | 'fte';
  /**
   * Whether 5- and 10-year totals mean something (default: yes for `total`, no for `fte`). An
   * `fte` measure with totals has them in FTE-years.
   */
  totals: boolean;
}

/** Unit costs, inflation, discounting and other measures. */
export interface Values {
  /** First calendar year of the price-base financial year (2024 for 2024-25). */
  priceBaseYear: number;
  inflation: number;
  discountRate: number;
  count: CountConvention;
  discountFirstPeriod: boolean;
  /** £ per child per year at the price base (for a mix: base plus the shares' weighted costs). */
  costPerYear: Record<StateId, number>;
  /** States whose cost is a placement mix, which scenarios can shift. */
  mixes: CostMix[];
  /**
   * Costs given for a group (e.g. social work for every child in care), £ per child per year at
   * the price base, already added into each member's `costPerYear`; kept so tables can show it.
   */
  groupCosts?: { group: string; perYear: number }[];
  transitionCosts: TransitionValue[];
  measures: Measure[];
}

/**
 * The supply of the staff an FTE measure needs: permanent FTE stepping with turnover and
 * recruitment, the gap filled by agency workers at a premium (models/README.md, `workforce`).
 */
export interface WorkforceSupply {
  /** Id of the `kind: fte` measure whose FTE this workforce supplies. */
  measure: string;
  label: string;
  /** Permanent (employed) FTE in post at the start date. */
  permanent: number;
  /** Funded posts: a number of FTE, or `needed` (posts follow the FTE needed each year). */
  establishment: number | 'needed';
  /** Share of permanent FTE leaving in a year (0 to 1). */
  turnover: number;
  /** FTE recruited a year (never above the establishment), or `vacancies`: every vacancy filled. */
  recruitment: number | 'vacancies';
  /** £ a year per permanent FTE (salary and on-costs) at the price base. */
  costPerFte: number;
  /** Extra share an agency FTE costs over a permanent one (0.5: 50% more). */
  agencyPremium: number;
}

/** A group of states reported together (e.g. DfE's CIN = cin + cpp + cic). */
export interface ReportGroup {
  id: string;
  label: string;
  states: StateId[];
}

/**
 * A distribution of one uncertain number. `gamma` and `lognormal` for positive quantities
 * (costs, effect sizes), `beta` for probabilities and shares, `normal` for rates that may be
 * negative (population growth). Parameterised by what users state: see models/README.md.
 */
export type Distribution =
  | { kind: 'gamma'; shape: number; scale: number }
  | { kind: 'lognormal'; mu: number; sigma: number }
  | { kind: 'beta'; a: number; b: number }
  | { kind: 'normal'; mean: number; sd: number };

/** Low and high values for one-at-a-time sensitivity, where the user stated them. */
export interface StatedRange {
  low: number;
  high: number;
}

/** Uncertainty of one transition row (Dirichlet on its per-step probabilities). */
export interface RowUncertainty {
  state: number;
  /** Bands sharing this row's draw (a row written once for several bands is one parameter). */
  bands: number[];
  /** Dirichlet parameters over the row: the counts, or sample size × probabilities. */
  alpha: Float64Array;
  label: string;
}

/** Uncertainty of one move's per-step probability (the stay probability takes up the change). */
export interface ProbabilityUncertainty {
  from: number;
  to: number;
  bands: number[];
  distribution: Distribution;
  stated: StatedRange | null;
  label: string;
}

/** Uncertainty of a state's unit cost, as a factor with mean 1 on the model's cost. */
export interface CostUncertainty {
  /** The states whose cost the factor scales (a group's states share one factor). */
  states: number[];
  distribution: Distribution;
  label: string;
}

/** Parameter uncertainty the model declares (empty lists: none). */
export interface ModelUncertainty {
  rows: RowUncertainty[];
  probabilities: ProbabilityUncertainty[];
  costs: CostUncertainty[];
  /** Extra population growth a year (mean 0 unless stated). */
  growth: { distribution: Distribution; stated: StatedRange | null } | null;
  /** Population variants, one chosen per draw by weight (empty: the model's own projection). */
  variants: PopulationVariantChoice[];
  /** Factors (mean 1) on the places of a capacity (`capacity` indexes `Model.capacities`). */
  capacities: { capacity: number; distribution: Distribution; label: string }[];
  /** Year-on-year shocks to moves (models/README.md, `uncertainty.year_shocks`; see model/build/year-shocks.ts). */
  yearShocks: YearShock[];
}

/**
 * A shock to some moves that lasts a financial year: per draw and year t, the factor
 * exp(x_t), x_t = persistence · x_{t-1} + sd · z_t, multiplies the per-step probabilities of the
 * moves `from` → `to` in year t's matrices; the stay probability takes up the change.
 */
export interface YearShock {
  label: string;
  from: number[];
  to: number[];
  bands: number[];
  sd: number;
  persistence: number;
}

/** One population variant: another projection and/or extra growth, with its probability. */
export interface PopulationVariantChoice {
  label: string;
  /** Probability of the variant (the weights, normalised to add up to 1). */
  weight: number;
  /** Extra growth a year on top of the projection. */
  growth: number;
  /** Another projection (ONS-style file), or null for the model's own. */
  projection: PopulationProjection | null;
}

/**
 * A limit on the children a state can hold (in-house foster places, in-house children's home
 * beds). Children who would enter a full state go to `overflow` instead; see models/README.md
 * for the admission rule.
 */
export interface Capacity {
  state: StateId;
  overflow: StateId;
  label: string;
  /** What the council counts: places, or households taking `placesPerUnit` children each. */
  unit: 'places' | 'households';
  /** Units held at the start date. */
  initial: number;
  /** Places per unit (1 for places). */
  placesPerUnit: number;
  /** Units added a year (approvals, recruitment). */
  recruitmentPerYear: number;
  /** Share of units lost a year (resignations, deregistrations), compounding. */
  attritionPerYear: number;
  /** Places by financial year (first calendar year), replacing recruitment and attrition. */
  placesByFinancialYear: Map<number, number> | null;
}

/** A validated model, ready to compile. */
export interface Model {
  format: 1;
  name: string;
  description: string;
  file: string;
  time: { start: string; step: StepUnit; horizonYears: number };
  states: State[];
  ages: AgeStructure | null;
  transitions: {
    per: 'year' | 'step';
    negativeRoot: 'refuse' | 'clip';
    /** One matrix per age band (one in all for a model without ages). */
    matrices: TransitionMatrix[];
    /** Observed counts behind each row where the model gave them: `[band][state]`. */
    counts: (Float64Array | null)[][];
    /** Moves whose probability changes by financial year (absent or empty: none). */
    byYear?: YearRate[];
  };
  population: Population | null;
  /**
   * Bands (from the youngest) the population counts and follows: its projection, the count of
   * all children and rates per 10,000 (absent: every band).
   */
  populationBands?: number;
  directEntries: DirectEntry[];
  /** `initial[b][s]`: children in state s and band b at the start date. */
  initial: number[][];
  values: Values;
  groups: ReportGroup[];
  /** Capacity limits, in the order overflow must be applied (a state before its overflow). */
  capacities: Capacity[];
  uncertainty: ModelUncertainty;
  /** Staff supply for FTE measures (absent or empty: none declared). */
  workforce?: WorkforceSupply[];
  /** Where states were expanded into duration bands (absent: none); `states` are the sub-states. */
  durations?: DurationLayout;
  /** Where states were split by history flags (absent: none); the copies are states of their own. */
  history?: HistoryLayout;
}
