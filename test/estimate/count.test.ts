/**
 * Counting moves: the forward pointer through each child's spans, the age-to-band table and the
 * integer child ids give exactly the counts of the plain definition (every span looked at on
 * every step's first day; care beats a plan, beats child in need, beats early help; the first
 * listed of overlapping care episodes wins), on random children, spans and bands.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgeBand } from '../../src/model/types.js';
import { countTransitions, PLACEMENT_TYPES, PRECEDENCE, stepBoundaries, type CareEpisodes } from '../../src/estimate/count.js';
import type { Interval, ServiceState } from '../../src/estimate/intervals.js';

const DAY_MS = 86_400_000;
const FROM = Date.UTC(2016, 3, 1) / DAY_MS;

/** The counts by their definition, as carecast counted them before it was made fast. */
function byDefinition(care: CareEpisodes, intervals: Interval[], births: number[], bands: AgeBand[], boundaries: number[], placements: boolean) {
  const careState = (t: number) => (placements ? PLACEMENT_TYPES[t] : 'cic');
  const present = new Set<string>(['universal']);
  for (let e = 0; e < care.length; e++) present.add(careState(care.type[e]));
  for (const i of intervals) present.add(i.state);
  const states = ['universal', 'early_help', 'cin', 'cpp', 'cic', ...PLACEMENT_TYPES].filter((s) => present.has(s));
  const n = states.length;
  const nb = bands.length;
  const K = boundaries.length;
  const moves = new Float64Array(nb * n * n);
  const stocks = new Float64Array(K * nb * n);
  const agedOut = new Float64Array(nb * n);
  type Span = { start: number; end: number | null; rank: number; state: number };
  const byChild = new Map<number, Span[]>();
  const add = (c: number, s: Span) => byChild.set(c, [...(byChild.get(c) ?? []), s]);
  for (let e = 0; e < care.length; e++) add(care.child[e], { start: care.start[e], end: Number.isNaN(care.end[e]) ? null : care.end[e], rank: 0, state: states.indexOf(careState(care.type[e])) });
  for (const i of intervals) add(i.childIndex, { start: i.start, end: i.end, rank: (PRECEDENCE as readonly string[]).indexOf(i.state), state: states.indexOf(i.state) });
  let children = 0;
  for (const [child, spans] of byChild) {
    const birth = births[child];
    if (birth === undefined || Number.isNaN(birth)) continue;
    children++;
    const stateOn = (day: number) => {
      let best: Span | null = null;
      for (const s of spans) if (s.start <= day && (s.end === null || day < s.end) && (best === null || s.rank < best.rank)) best = s;
      return best === null ? 0 : best.state;
    };
    const b = new Date(birth * DAY_MS);
    let prev = -1;
    let prevBand = -1;
    for (let k = 0; k < K; k++) {
      const d = new Date(boundaries[k] * DAY_MS);
      let age = d.getUTCFullYear() - b.getUTCFullYear();
      if (d.getUTCMonth() < b.getUTCMonth() || (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate())) age--;
      const band = age < 0 ? -1 : bands.findIndex((x) => age >= x.from && age <= x.to);
      const state = band >= 0 ? stateOn(boundaries[k]) : -1;
      if (band >= 0 && state > 0) stocks[(k * nb + band) * n + state]++;
      if (prev >= 0) {
        if (age >= 18) {
          if (prev > 0) agedOut[prevBand * n + prev]++;
        } else if (state >= 0 && (prev > 0 || state > 0)) moves[(prevBand * n + prev) * n + state]++;
      }
      prev = state;
      prevBand = band;
      if (age >= 18) break;
    }
  }
  return { states, moves, stocks, agedOut, children };
}

const CHILDREN = 6;
const day = fc.integer({ min: FROM - 60, max: FROM + 800 });
const span = fc.record({ child: fc.nat({ max: CHILDREN - 1 }), start: day, length: fc.option(fc.integer({ min: 0, max: 400 }), { freq: 4 }) });
const careEpisode = fc.record({ span, type: fc.nat({ max: PLACEMENT_TYPES.length - 1 }) });
const interval = fc.record({ span, state: fc.constantFrom<ServiceState>('cin', 'cpp', 'early_help') });
// Births from before 1998 (18 within the window) to after the window starts (not yet born).
const birth = fc.option(fc.integer({ min: FROM - 19 * 366, max: FROM + 400 }), { freq: 6, nil: NaN });
const bandSets: AgeBand[][] = [
  [[0, 4], [5, 9], [10, 15], [16, 17]].map(([from, to]) => ({ label: `${from}-${to}`, from, to })),
  Array.from({ length: 18 }, (_, a) => ({ label: `${a}`, from: a, to: a })),
  [{ label: '0-17', from: 0, to: 17 }],
];

describe('countTransitions', () => {
  it('gives the counts of the plain definition (property)', () => {
    fc.assert(
      fc.property(fc.array(careEpisode, { maxLength: 14 }), fc.array(interval, { maxLength: 10 }), fc.array(birth, { minLength: CHILDREN, maxLength: CHILDREN }), fc.nat({ max: 2 }), fc.boolean(), fc.constantFrom(1, 3), (eps, ivs, births, bandSet, placements, months) => {
        const care: CareEpisodes = {
          length: eps.length,
          child: eps.map((e) => e.span.child),
          start: eps.map((e) => e.span.start),
          end: eps.map((e) => (e.span.length === null ? NaN : e.span.start + e.span.length)),
          type: eps.map((e) => e.type),
        };
        const intervals: Interval[] = ivs.map((i) => ({ child: `c${i.span.child}`, childIndex: i.span.child, state: i.state, start: i.span.start, end: i.span.length === null ? null : i.span.start + i.span.length }));
        const bands = bandSets[bandSet];
        const boundaries = stepBoundaries(FROM, FROM + 730, months);
        const got = countTransitions({ care, intervals, births, bands, boundaries, placements });
        const want = byDefinition(care, intervals, births, bands, boundaries, placements);
        expect({ states: got.states, moves: got.moves, stocks: got.stocks, agedOut: got.agedOut, children: got.children }).toEqual(want);
      }),
      { numRuns: 400 },
    );
  });
});
