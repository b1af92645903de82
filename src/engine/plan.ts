/** The compiled form of a model: flat typed arrays the kernel steps through. */

/** One reporting period: a financial year (or the part of one the projection covers). */
export interface Period {
  /** First calendar year of the financial year, e.g. 2025 for 2025/26. */
  fy: number;
  label: string;
  /** First day covered and the day after the last (ISO dates). */
  start: string;
  end: string;
  steps: number;
  /** True when the projection covers only part of the financial year. */
  partial: boolean;
}

/**
 * Everything the kernel needs, as flat arrays. Stocks are laid out `[band * nStates + state]`;
 * matrices `[band * nStates * nStates + from * nStates + to]`.
 */
export interface Plan {
  nStates: number;
  nBands: number;
  nSteps: number;
  nPeriods: number;
  stepYears: number;
  /**
   * Per-step transition matrices: `nSets` sets of one matrix per band,
   * `[set * nBands * nStates * nStates + band * nStates * nStates + from * nStates + to]`.
   */
  P: Float64Array;
  /** Number of matrix sets in `P` (1 unless something, e.g. a phased scenario, varies them). */
  nSets: number;
  /** The matrix set each step uses. */
  stepSet: Int32Array;
  /** Share of each band that moves to the next band (or out at 18) each step. */
  ageFrac: Float64Array;
  /** For each state, the absorbing state it enters past the top of the range (at 18 by default); -1 for absorbing states. */
  ageOut: Int32Array;
  /**
   * The state children in each cell enter as they age out of its band, `[band * nStates + state]`
   * (engine/ageing.ts): the same state a band up, a leaving state (a band up if active, in the
   * band left if an exit), or in the oldest band `ageOut`; -1 for absorbing states.
   */
  ageTo: Int32Array;
  /** 1 for states children can leave (counted in the population), 0 for absorbing ones. */
  active: Uint8Array;
  /** State through which births and migration enter or leave; -1 for a closed cohort. */
  entryState: number;
  /** Population each band must have at the end of each step: `[step * nBands + band]`. */
  popTarget: Float64Array | null;
  /** Bands (from the youngest) the population counts and follows (`population.ages`); the others get no births or migration. */
  popBands: number;
  /** Births into the youngest band of the entry state each step (when no projection). */
  births: Float64Array | null;
  /** Direct entries per step: `[band * nStates + state]`. */
  direct: Float64Array | null;
  /** Stock at the start date. */
  x0: Float64Array;
  /**
   * £ per child per step at the price base: `[step * nStates + state]` (per step, so a scenario
   * can change unit costs or a placement mix part way through).
   */
  costPerStep: Float64Array;
  /** Inflation factor from the price base, by step. */
  price: Float64Array;
  /** Discount factor for costs, by step. */
  discount: Float64Array;
  /** Weights of the start and end stock in a step's state values. */
  wStart: number;
  wEnd: number;
  nMeasures: number;
  /** Measure per child per step: `[measure * nStates + state]`. */
  measurePerStep: Float64Array;
  /** Discount factor per measure and step: `[measure * nSteps + step]`. */
  measureDiscount: Float64Array;
  /** Costed moves (one per `values.transition_costs` entry). */
  nFlows: number;
  /** The state pairs each costed move counts: from, to, £ at the price base, and which move. */
  flowFrom: Int32Array;
  flowTo: Int32Array;
  flowCost: Float64Array;
  flowOf: Int32Array;
  /** Programmes: interventions a scenario pays for (none in a plain model). */
  nProgrammes: number;
  /**
   * Share of the children held in each cell that a programme serves at each step (0 when
   * inactive): `[(programme * nSteps + step) * nBands * nStates + band * nStates + state]`.
   */
  programmeHeld: Float64Array;
  /** Share of the children starting in each cell (moves in, direct entries) served; same layout. */
  programmeStarts: Float64Array;
  /** £ per child-year served and per start served, at the price base, by programme. */
  programmePerChildYear: Float64Array;
  programmePerStart: Float64Array;
  /** Fixed £ per step at the price base: `[programme * nSteps + step]`. */
  programmeFixed: Float64Array;
  /**
   * When true the kernel fills only what Monte Carlo summaries read (stocks, population, costs,
   * costed moves, programmes) and leaves entries, exits, measures and the ledger at 0: about a
   * third faster.
   */
  lean?: boolean;
  /**
   * Capacity limits, in the order they are applied (a state before its overflow): the limited
   * state, its overflow state, and the places at the end of each step `[cap * nSteps + step]`.
   */
  nCapacities: number;
  capState: Int32Array;
  capOverflow: Int32Array;
  capPlaces: Float64Array;
  /** Period index of each step. */
  periodOfStep: Int32Array;
  periods: Period[];
}

/** What a run of the kernel produces, per period (financial year). */
export interface RawResult {
  /** Stock at the end of each period: `[period][band][state]`. */
  stock: Float64Array;
  /** Children entering each state in the period (moves from other states and from outside). */
  entries: Float64Array;
  /** Children leaving each state in the period (moves to other states, to 18, migration). */
  exits: Float64Array;
  /** Cost of occupancy in cash terms (inflated), undiscounted and discounted. */
  cost: Float64Array;
  costDiscounted: Float64Array;
  /** Measures: `[period][measure][band][state]`, undiscounted and discounted. */
  measures: Float64Array;
  measuresDiscounted: Float64Array;
  /** Costed moves: `[period][flow]` children, cash £, discounted £. */
  flows: Float64Array;
  flowCost: Float64Array;
  flowCostDiscounted: Float64Array;
  /** Programme cost (cash and discounted), child-years served and starts served: `[period][programme]`. */
  programmeCost: Float64Array;
  programmeCostDiscounted: Float64Array;
  programmeChildYears: Float64Array;
  programmeStarts: Float64Array;
  /** Children in active states at the end of each period, by band: `[period][band]`. */
  population: Float64Array;
  /**
   * Per step: active stock at start, entries from outside, exits to outside (negative
   * migration), moves into absorbing states, active stock at end: `[step * 5 + k]`.
   */
  ledger: Float64Array;
  /**
   * Capacity, `[period][cap]`: places at the end of the period; children in the overflow state
   * because the limited state was full (at the end of the period); children sent to the overflow
   * in the period; and what those children cost beyond the limited state's unit cost (cash and
   * discounted).
   */
  capacityPlaces: Float64Array;
  overflowStock: Float64Array;
  overflowEntries: Float64Array;
  overflowCost: Float64Array;
  overflowCostDiscounted: Float64Array;
  /** Children the projection asked to remove that the entry state did not have. */
  shortfall: number;
}
