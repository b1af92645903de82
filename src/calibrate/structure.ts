/**
 * The model calibrated to published figures: four states with monthly steps, and how DfE's
 * published definitions map onto them.
 *
 * - universal: every other child aged 0-17, early help included (early help is not published
 *   nationally, so it has no state of its own here);
 * - cin: children in need who are neither on a plan nor in care;
 * - cpp: children on a child protection plan;
 * - cic: children looked after.
 *
 * Published stocks at 31 March: DfE's `cin` = cin + cpp + cic (it includes plans and care);
 * `cpp` = cpp; `cla` = cic. Published flows in the year: `cin_starts` = moves from universal into
 * cin, cpp or cic; `cpp_starts` = moves into cpp from universal and cin; `cla_starts` = moves into
 * cic from universal, cin and cpp; `cla_ceased` = moves out of cic. `referrals` are not a move
 * between states: they are modelled as a fitted number of referrals per CIN start.
 */
import type { Council, CouncilYear, SeriesName } from '../io/published.js';
import type { Model, PopulationProjection, YearRate } from '../model/types.js';
import type { HazardTrend } from './trend.js';

export const STATES = ['universal', 'cin', 'cpp', 'cic'] as const;

/** The states' labels, as in the model file written and the calibration report. */
export const STATE_LABELS: Record<(typeof STATES)[number], string> = { universal: 'Universal (incl. early help)', cin: 'Child in need (not on a plan or in care)', cpp: 'Child protection plan', cic: 'Child in care' };
const [U, N, P, C] = [0, 1, 2, 3];

/** The monthly moves the calibration fits, in parameter order. */
export const MOVES: [number, number][] = [
  [U, N], [U, P], [U, C],
  [N, U], [N, P], [N, C],
  [P, U], [P, N], [P, C],
  [C, U], [C, N],
];

/** Starting monthly probabilities: England's rates (as in models/example.yaml). */
export const NATIONAL: number[] = [0.0029, 0.00012, 0.00005, 0.1, 0.016, 0.005, 0.015, 0.06, 0.012, 0.018, 0.003];

/** Published flows as sums of moves (indices into MOVES). */
export const FLOW_MOVES: Record<'cin_starts' | 'cpp_starts' | 'cla_starts' | 'cla_ceased', number[]> = {
  cin_starts: [0, 1, 2],
  cpp_starts: [1, 4],
  cla_starts: [2, 5, 8],
  cla_ceased: [9, 10],
};

/** The stock series and how each is made of states. */
export const STOCK_STATES: Record<'cin' | 'cpp' | 'cla', number[]> = { cin: [N, P, C], cpp: [P], cla: [C] };

/** Monthly probabilities from unconstrained parameters: each row is a multinomial logit, so rows stay stochastic. */
export function probabilities(theta: ArrayLike<number>): number[] {
  const out = new Array<number>(MOVES.length);
  for (let from = 0; from < STATES.length; from++) {
    const idx = MOVES.map((m, i) => (m[0] === from ? i : -1)).filter((i) => i >= 0);
    const denom = 1 + idx.reduce((a, i) => a + Math.exp(theta[i]), 0);
    for (const i of idx) out[i] = Math.exp(theta[i]) / denom;
  }
  return out;
}

/** The parameters that give the probabilities `p` (the inverse of `probabilities`). */
export function parametersOf(p: number[]): number[] {
  return MOVES.map(([from], i) => {
    const stay = 1 - MOVES.reduce((a, m, j) => (m[0] === from ? a + p[j] : a), 0);
    return Math.log(p[i] / stay);
  });
}

/** Why a council-year cannot start a model, or null. */
export function startProblem(y: CouncilYear | undefined): string | null {
  if (!y) return 'no row';
  if (y.population === null) return 'no population';
  for (const s of ['cin', 'cpp', 'cla'] as SeriesName[]) if (y.values[s] === undefined) return `no ${s}`;
  if (y.values.cin! < y.values.cpp! + y.values.cla!) return `cin ${y.values.cin} is below cpp + cla`;
  return null;
}

/** The moves out of care (cic to universal and to cin) following `trend`, as the model's rates by year. */
export function exitRates(trend: HazardTrend | null): YearRate[] {
  return trend ? [{ from: C, to: [U, N], bands: [0], rule: { kind: 'trend', ...trend } }] : [];
}

/**
 * A model of `council` from 31 March `from` for `years` years with monthly probabilities `p`
 * (and the hazard of leaving care following `trend`, if given). The published 0-17 population
 * (a mid-year estimate, mid-(year − 1) for the year ending 31 March) is the denominator, held
 * flat beyond the last year it may use: `knownTo` (a forecast from an origin must not see later
 * populations).
 */
export function councilModel(council: Council, from: number, years: number, p: number[], knownTo = Infinity, trend: HazardTrend | null = null): Model {
  const start = council.years.get(from)!;
  const popYears = [...council.years.values()].filter((y) => y.population !== null && y.year <= knownTo).sort((a, b) => a.year - b.year);
  const projection: PopulationProjection = { source: 'published population_0_17', years: popYears.map((y) => y.year - 1), byYear: popYears.map((y) => [y.population!]) };
  const n = STATES.length;
  const matrix = new Float64Array(n * n);
  for (let i = 0; i < n; i++) matrix[i * n + i] = 1;
  MOVES.forEach(([a, b], k) => {
    matrix[a * n + b] = p[k];
    matrix[a * n + a] -= p[k];
  });
  const cin = start.values.cin! - start.values.cpp! - start.values.cla!;
  const total = start.values.cin! + 0;
  return {
    format: 1,
    name: `${council.name} (calibrated)`,
    description: `Calibrated to DfE figures for ${council.name} (${council.code})`,
    file: `${council.code}.calibrated`,
    time: { start: `${from}-04-01`, step: 'month', horizonYears: years },
    states: STATES.map((id) => ({ id, label: STATE_LABELS[id], absorbing: false })),
    ages: null,
    transitions: { per: 'step', negativeRoot: 'refuse', matrices: [{ n, p: matrix }], counts: [[null, null, null, null]], byYear: exitRates(trend) },
    population: { kind: 'projection', entryState: 'universal', projection, derivedBands: [0] },
    directEntries: [],
    initial: [[Math.max(0, start.population! - total), cin, start.values.cpp!, start.values.cla!]],
    values: {
      priceBaseYear: from,
      inflation: 0,
      discountRate: 0,
      count: 'average',
      discountFirstPeriod: false,
      costPerYear: {},
      mixes: [],
      transitionCosts: MOVES.map(([a, b]) => ({ from: STATES[a], to: STATES[b], pairs: [[STATES[a], STATES[b]]], cost: 0, label: `${STATES[a]} to ${STATES[b]}` })),
      measures: [],
    },
    groups: [{ id: 'cin_dfe', label: 'CIN, DfE definition', states: ['cin', 'cpp', 'cic'] }],
    capacities: [],
    uncertainty: { rows: [], probabilities: [], costs: [], growth: null, variants: [], capacities: [], yearShocks: [] },
  };
}
