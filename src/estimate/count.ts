/**
 * Counting transitions: each child's state at the first day of every step (care beats a plan,
 * which beats child in need, which beats early help, which beats universal), and the moves
 * between consecutive steps by age band, with the exposure (child-steps) behind each row.
 */
import type { AgeBand } from '../model/types.js';
import { ageOn } from './dates.js';
import type { Interval } from './intervals.js';
import { placementType, type Episode } from './ssda903.js';

/** States in order of precedence, highest first; universal is the rest. */
export const PRECEDENCE = ['cic', 'cpp', 'cin', 'early_help'] as const;
/** A state of the fitted model: universal, a service, or with placements a placement type (group `cic`). */
export type RecordState = string;

/** Placement types in the order their care states are listed. */
export const PLACEMENT_TYPES = ['in_house_foster', 'ifa', 'in_house_residential', 'external_residential', 'supported', 'placed_with_parents', 'adoption', 'other_placement'] as const;

/** Counted moves and exposure. `states` lists the states present, universal first. */
export interface TransitionCounts {
  states: RecordState[];
  bands: AgeBand[];
  /** Step starts (day numbers), one more than the steps counted. */
  boundaries: number[];
  /** Moves `[band][from][to]` summed over the window; `[b][i][i]` counts stays. */
  moves: Float64Array;
  /** Children (known to services) in each band and state at each boundary: `[k][band][state]`. */
  stocks: Float64Array;
  /** Children turning 18 while in a service state: `[band][state]`. */
  agedOut: Float64Array;
  /** Children counted. */
  children: number;
}

/** First days of each step from `from` (a first of month) to `to`, `months` apart. */
export function stepBoundaries(from: number, to: number, months: number): number[] {
  const out: number[] = [];
  const d = new Date(from * 86_400_000);
  for (let k = 0; ; k++) {
    const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k * months, 1) / 86_400_000;
    if (day > to) break;
    out.push(day);
  }
  return out;
}

/**
 * Counts moves between the states present in the records. A child's band is its age at the
 * step's start; at 18 it leaves (counted in `agedOut`). Children are known only while in a
 * service; universal is the rest, and its exposure comes from the population (see `fit.ts`).
 */
export function countTransitions(opts: {
  episodes: Episode[];
  intervals: Interval[];
  births: Map<string, number>;
  bands: AgeBand[];
  boundaries: number[];
  /** Split care into one state per placement type (from PLACE and PLACE_PROVIDER). */
  placements?: boolean;
}): TransitionCounts {
  const present = new Set<RecordState>(['universal']);
  const careState = (e: Episode) => (opts.placements ? placementType(e.place, e.provider) : 'cic');
  for (const e of opts.episodes) present.add(careState(e));
  for (const i of opts.intervals) present.add(i.state);
  const order: string[] = ['universal', 'early_help', 'cin', 'cpp', 'cic', ...PLACEMENT_TYPES];
  const states = order.filter((s) => present.has(s));
  const sIndex = new Map(states.map((s, i) => [s, i]));
  const n = states.length;
  const nb = opts.bands.length;
  const K = opts.boundaries.length;
  const moves = new Float64Array(nb * n * n);
  const stocks = new Float64Array(K * nb * n);
  const agedOut = new Float64Array(nb * n);
  type Span = { start: number; end: number | null; rank: number; state: number };
  const byChild = new Map<string, Span[]>();
  const add = (child: string, s: Span) => {
    const list = byChild.get(child);
    if (list) list.push(s);
    else byChild.set(child, [s]);
  };
  for (const e of opts.episodes) add(e.child, { start: e.start, end: e.end, rank: 0, state: sIndex.get(careState(e))! });
  for (const i of opts.intervals) add(i.child, { start: i.start, end: i.end, rank: PRECEDENCE.indexOf(i.state), state: sIndex.get(i.state)! });
  const bandOf = (age: number) => opts.bands.findIndex((b) => age >= b.from && age <= b.to);
  let children = 0;
  for (const [child, spans] of byChild) {
    const birth = opts.births.get(child);
    if (birth === undefined) continue;
    children++;
    const stateOn = (day: number): number => {
      let best: Span | null = null;
      for (const s of spans) if (s.start <= day && (s.end === null || day < s.end) && (best === null || s.rank < best.rank)) best = s;
      return best === null ? 0 : best.state;
    };
    let prev = -1;
    let prevBand = -1;
    // Age by counting birthdays passed (boundaries only move forward): one date sum per birthday.
    let age = ageOn(birth, opts.boundaries[0]);
    const b = new Date(birth * 86_400_000);
    const birthday = (a: number) => Date.UTC(b.getUTCFullYear() + a, b.getUTCMonth(), b.getUTCDate()) / 86_400_000;
    let nextBirthday = birthday(age + 1);
    for (let k = 0; k < K; k++) {
      const day = opts.boundaries[k];
      while (day >= nextBirthday) nextBirthday = birthday(++age + 1);
      const band = age < 0 ? -1 : bandOf(age);
      const state = band >= 0 ? stateOn(day) : -1;
      if (band >= 0 && state > 0) stocks[(k * nb + band) * n + state]++;
      if (prev >= 0) {
        if (age >= 18) {
          if (prev > 0) agedOut[prevBand * n + prev]++;
        } else if (state >= 0 && (prev > 0 || state > 0)) {
          // Moves of children known to services; universal stays are counted from the population.
          moves[(prevBand * n + prev) * n + state]++;
        }
      }
      prev = state;
      prevBand = band;
      if (age >= 18) break;
    }
  }
  return { states, bands: opts.bands, boundaries: opts.boundaries, moves, stocks, agedOut, children };
}
