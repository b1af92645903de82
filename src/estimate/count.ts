/**
 * Counting transitions: each child's state at the first day of every step (care beats a plan,
 * which beats child in need, which beats early help, which beats universal), and the moves
 * between consecutive steps by age band, with the exposure (child-steps) behind each row.
 */
import type { AgeBand } from '../model/types.js';
import { civilOfDay, daysFromCivil } from './dates.js';
import type { Interval } from './intervals.js';
import { PLACEMENT_TYPES } from './ssda903.js';

/** States in order of precedence, highest first; universal is the rest. */
export const PRECEDENCE = ['cic', 'cpp', 'cin', 'early_help'] as const;
/** A state of the fitted model: universal, a service, or with placements a placement type (group `cic`). */
export type RecordState = string;

export { PLACEMENT_TYPES };

/**
 * Care episodes as counted, column by column (`EpisodeList` is one): each episode's child
 * integer, start, end (NaN: open) and placement type (its place in `PLACEMENT_TYPES`).
 */
export interface CareEpisodes {
  length: number;
  child: ArrayLike<number>;
  start: ArrayLike<number>;
  end: ArrayLike<number>;
  type: ArrayLike<number>;
}

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
 * Episodes and intervals name their child by integer (`ChildIds`); `births` holds each child's
 * day of birth by that integer (NaN or absent: not counted).
 */
export function countTransitions(opts: {
  care: CareEpisodes;
  intervals: Interval[];
  births: ArrayLike<number>;
  bands: AgeBand[];
  boundaries: number[];
  /** Split care into one state per placement type (from PLACE and PLACE_PROVIDER). */
  placements?: boolean;
  /** Told each child's state at each boundary (-1 once it is 18 or in no band), in order: for duration bands. */
  visit?: (child: number, k: number, state: number) => void;
  /** Told the states present (universal first) before any visit. */
  onStates?: (states: RecordState[]) => void;
}): TransitionCounts {
  const present = new Set<RecordState>(['universal']);
  const careState = (type: number): string => (opts.placements ? PLACEMENT_TYPES[type] : 'cic');
  const { care } = opts;
  for (let i = 0; i < care.length; i++) present.add(careState(care.type[i]));
  for (const i of opts.intervals) present.add(i.state);
  const order: string[] = ['universal', 'early_help', 'cin', 'cpp', 'cic', ...PLACEMENT_TYPES];
  const states = order.filter((s) => present.has(s));
  const sIndex = new Map(states.map((s, i) => [s, i]));
  opts.onStates?.(states);
  const n = states.length;
  const nb = opts.bands.length;
  const K = opts.boundaries.length;
  const moves = new Float64Array(nb * n * n);
  const stocks = new Float64Array(K * nb * n);
  const agedOut = new Float64Array(nb * n);
  const careIndex = PLACEMENT_TYPES.map((_, t) => sIndex.get(careState(t)) ?? 0);
  const spans = childSpans(care, opts.intervals, careIndex, (i) => sIndex.get(i.state)!);
  const rankState = [0, ...PRECEDENCE.slice(1).map((s) => sIndex.get(s) ?? 0)];
  const bandOf = bandTable(opts.bands);
  const pointer = new SpanPointer(spans);
  // Ages on the first boundary as `ageOn` counts them, then by birthdays passed.
  const first = civilOfDay(opts.boundaries[0]);
  let children = 0;
  for (let child = 0; child < spans.children; child++) {
    if (spans.offset[child] === spans.offset[child + 1]) continue;
    const birth = child < opts.births.length ? opts.births[child] : NaN;
    if (birth === undefined || birth !== birth) continue;
    children++;
    pointer.reset(child);
    let prev = -1;
    let prevBand = -1;
    const b = civilOfDay(birth);
    let age = first.y - b.y - (first.m < b.m || (first.m === b.m && first.d < b.d) ? 1 : 0);
    let nextBirthday = daysFromCivil(b.y + age + 1, b.m, b.d);
    for (let k = 0; k < K; k++) {
      const day = opts.boundaries[k];
      while (day >= nextBirthday) nextBirthday = daysFromCivil(b.y + ++age + 1, b.m, b.d);
      const band = bandOf(age);
      const state = band >= 0 ? pointer.stateOn(day, rankState) : -1;
      if (band >= 0 && state > 0) stocks[(k * nb + band) * n + state]++;
      if (opts.visit) opts.visit(child, k, age >= 18 ? -1 : state);
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

/** The band of each whole age (its first band), as a function; -1 for an age in none. */
function bandTable(bands: AgeBand[]): (age: number) => number {
  const findBand = (age: number) => bands.findIndex((b) => age >= b.from && age <= b.to);
  const table = Int16Array.from({ length: 128 }, (_, age) => findBand(age));
  return (age) => (age < 0 ? -1 : age < 128 ? table[age] : findBand(age));
}

/**
 * Every child's spans (care episodes at rank 0, then intervals at their precedence), grouped by
 * child: child `c`'s are `offset[c]` to `offset[c + 1]`, in the order given. An open end is
 * Infinity.
 */
interface ChildSpans {
  children: number;
  offset: Int32Array;
  start: Float64Array;
  end: Float64Array;
  rank: Uint8Array;
  state: Uint8Array;
}

function childSpans(care: CareEpisodes, intervals: Interval[], careState: number[], serviceState: (i: Interval) => number): ChildSpans {
  let children = 0;
  for (let e = 0; e < care.length; e++) children = Math.max(children, care.child[e] + 1);
  for (const i of intervals) children = Math.max(children, i.childIndex + 1);
  const offset = new Int32Array(children + 1);
  for (let e = 0; e < care.length; e++) offset[care.child[e] + 1]++;
  for (const i of intervals) offset[i.childIndex + 1]++;
  for (let c = 0; c < children; c++) offset[c + 1] += offset[c];
  const total = care.length + intervals.length;
  const out: ChildSpans = { children, offset, start: new Float64Array(total), end: new Float64Array(total), rank: new Uint8Array(total), state: new Uint8Array(total) };
  const fill = offset.slice(0, children);
  const put = (child: number, start: number, end: number | null, rank: number, state: number) => {
    const at = fill[child]++;
    out.start[at] = start;
    out.end[at] = end === null || end !== end ? Infinity : end;
    out.rank[at] = rank;
    out.state[at] = state;
  };
  for (let e = 0; e < care.length; e++) put(care.child[e], care.start[e], care.end[e], 0, careState[care.type[e]]);
  for (const i of intervals) put(i.childIndex, i.start, i.end, PRECEDENCE.indexOf(i.state), serviceState(i));
  return out;
}

/**
 * A child's state on days that only move forward, without scanning every span at every day:
 * per rank, the child's spans in order of start and a pointer past those begun, with the
 * latest end among them (a day is covered when that end is after it). Care episodes that
 * overlap (never, as `readSsda903` trims them) are scanned as given, the first covering winning.
 */
class SpanPointer {
  /** The child's spans sorted by rank, then start: indices into the spans. */
  private sorted = new Int32Array(16);
  /** Per rank: where its sorted spans begin and end, the next not begun, the latest end begun. */
  private readonly from = new Int32Array(PRECEDENCE.length);
  private readonly to = new Int32Array(PRECEDENCE.length);
  private readonly next = new Int32Array(PRECEDENCE.length);
  private readonly latestEnd = new Float64Array(PRECEDENCE.length);
  private careOverlaps = false;
  private child = 0;
  /** Ranks the child has spans of, highest precedence first. */
  private ranks = new Int32Array(PRECEDENCE.length);
  private rankCount = 0;

  constructor(private readonly spans: ChildSpans) {}

  /** Starts on `child`, before its first day. */
  reset(child: number): void {
    const { offset, start, rank, end } = this.spans;
    const a = offset[child];
    const m = offset[child + 1] - a;
    if (m > this.sorted.length) this.sorted = new Int32Array(2 * m);
    const sorted = this.sorted;
    // Insertion sort (a child has a few spans), stable.
    for (let i = 0; i < m; i++) {
      const s = a + i;
      let j = i - 1;
      while (j >= 0 && (rank[sorted[j]] > rank[s] || (rank[sorted[j]] === rank[s] && start[sorted[j]] > start[s]))) {
        sorted[j + 1] = sorted[j];
        j--;
      }
      sorted[j + 1] = s;
    }
    let i = 0;
    this.rankCount = 0;
    for (let r = 0; r < PRECEDENCE.length; r++) {
      this.from[r] = this.next[r] = i;
      while (i < m && rank[sorted[i]] === r) i++;
      this.to[r] = i;
      this.latestEnd[r] = -Infinity;
      if (this.to[r] > this.from[r]) this.ranks[this.rankCount++] = r;
    }
    this.careOverlaps = false;
    for (let k = this.from[0]; k < this.to[0]; k++) {
      const s = sorted[k];
      if (end[s] < start[s] || (k + 1 < this.to[0] && end[s] > start[sorted[k + 1]])) this.careOverlaps = true;
    }
    this.child = child;
  }

  /** The state on `day` (0: universal), from the highest-precedence span covering it. */
  stateOn(day: number, rankState: readonly number[]): number {
    const { start, end, state } = this.spans;
    const sorted = this.sorted;
    for (let j = 0; j < this.rankCount; j++) {
      const r = this.ranks[j];
      let k = this.next[r];
      const to = this.to[r];
      let latest = this.latestEnd[r];
      while (k < to && start[sorted[k]] <= day) latest = Math.max(latest, end[sorted[k++]]);
      this.next[r] = k;
      this.latestEnd[r] = latest;
      if (latest > day) {
        if (r > 0) return rankState[r];
        // Care spans in order and apart: the last begun is the one covering the day.
        if (!this.careOverlaps) return state[sorted[k - 1]];
        return this.firstCareCovering(day);
      }
    }
    return 0;
  }

  private firstCareCovering(day: number): number {
    const { offset, start, end, rank, state } = this.spans;
    for (let s = offset[this.child]; s < offset[this.child + 1]; s++) if (rank[s] === 0 && start[s] <= day && day < end[s]) return state[s];
    return 0;
  }
}
