/**
 * Duration bands: a state with bands (e.g. a plan < 3 months, 3-12, 12-24, 24+) becomes ordinary
 * sub-states children move through as steps pass, so the engine never learns what a band is.
 *
 * A closed band is either one sub-state per step (`exact`: children advance one sub-state each
 * step they stay, so times in the state are exact) or one sub-state a child leaves for the next
 * band with probability 1/width a step it stays (the default: the band's mean width kept, fewer
 * states). The last band is open-ended: one sub-state children stay in. Moves into the state land
 * in its first sub-state; each sub-state keeps the state's costs, measures and group membership.
 * The state's id becomes a group of all its sub-states and each band's id a group of the band's,
 * so rows, scenarios, costed moves and report groups name them like any group.
 */
import type { IssueCollector, Path } from './build/issues.js';
import { fmt } from './build/issues.js';
import type { Model, ReportGroup, State, StateId, TransitionMatrix } from './types.js';
import { MONTHS_PER_STEP } from './time.js';
import { landing } from './history.js';
import { statesApart } from './age-range.js';

/** Below this a band's stay probability is taken as rounding (the row sums to 1). */
const STAY_TOLERANCE = 1e-9;

/** One band as declared: months in the state from `from` to `to` (null: open-ended). */
export interface DurationBandDecl {
  /** As written in the file: `0-3`, `3-12`, `24+`. */
  key: string;
  from: number;
  to: number | null;
  label: string;
}

/** A state's duration bands as checked by `build/durations.ts`, before expansion. */
export interface DurationDecl {
  /** The state as written (each state a history flag made of it gets the bands). */
  state: StateId;
  bands: DurationBandDecl[];
  exact: boolean;
  /** Per band: moves (to states as written) replacing the state's own, or null. */
  rows: (Map<StateId, number> | null)[];
  /** Per band: factor on every move out of the state. */
  factor: number[];
  /** How the start stock is spread: as a steady flow would be, all new, or shares by band. */
  initial: 'steady' | 'new' | number[];
  path: Path;
}

/** One band of an expanded state: its group id and its sub-states. */
export interface DurationBand extends DurationBandDecl {
  /** Group id of the band's sub-states, e.g. `cpp_m3_12`. */
  id: string;
  /** Index of the band's first sub-state in the expanded model; the band's are consecutive. */
  first: number;
  count: number;
}

/** A state with duration bands, in the expanded model. */
export interface DurationClock {
  /** The state's id (now a group of its sub-states). */
  state: StateId;
  label: string;
  /** Its index among the states before expansion. */
  parent: number;
  exact: boolean;
  bands: DurationBand[];
  /** Index of the first sub-state; a state's sub-states are consecutive, band by band. */
  first: number;
  count: number;
  /** Months in the state at the start of each sub-state (the band's start for a one-state band). */
  monthsAt: number[];
}

/** What expansion did, kept on the model so results can be reported by the original states. */
export interface DurationLayout {
  /** The states and groups before expansion: what tables show. */
  states: State[];
  groups: ReportGroup[];
  /** For each expanded state, the index of its state before expansion. */
  parentOf: Int32Array;
  clocks: DurationClock[];
  /** Months in one step. */
  stepMonths: number;
  /** The per-step matrices before expansion (each band's rates shown as the state's own), for tables of the rates. */
  matrices: TransitionMatrix[];
}

/** One sub-state of a clock: its band and what it does with the children who stay. */
interface Position {
  band: number;
  /** Steps in the band's single sub-state (1 for a sub-state of an exact band). */
  steps: number;
  open: boolean;
}

/** The sub-states of a declaration, band by band. */
function positionsOf(d: DurationDecl, stepMonths: number): Position[] {
  const out: Position[] = [];
  d.bands.forEach((b, k) => {
    if (b.to === null) out.push({ band: k, steps: 1, open: true });
    else {
      const steps = (b.to - b.from) / stepMonths;
      if (d.exact) for (let t = 0; t < steps; t++) out.push({ band: k, steps: 1, open: false });
      else out.push({ band: k, steps, open: false });
    }
  });
  return out;
}

/**
 * Expands `model` (built without its durations) into a model whose banded states are sub-states;
 * problems (a band's moves over 1, a banded state the engine cannot split) go to `c`.
 *
 * @example
 * // cpp with bands [3, 12]: states cpp_m0_3, cpp_m3_12, cpp_m12_up; group cpp holds all three.
 */
export function expandDurations(model: Model, decls: DurationDecl[], c: IssueCollector): Model {
  const stepMonths = MONTHS_PER_STEP[model.time.step];
  const n = model.states.length;
  // A state a history flag split gets the bands on each of its copies.
  const declOf = new Map(decls.flatMap((d) => (model.history?.family[d.state] ?? [d.state]).map((id): [number, DurationDecl] => [model.states.findIndex((s) => s.id === id), d])));
  refuseUnsupported(model, declOf, c);
  const ids = new Set([...model.states.map((s) => s.id), ...model.groups.map((g) => g.id)]);

  // New state list: each banded state replaced in place by its sub-states.
  const states: State[] = [];
  const parentOf: number[] = [];
  const index = new Int32Array(n);
  const clocks: DurationClock[] = [];
  const positions = new Map<number, Position[]>();
  model.states.forEach((s, i) => {
    index[i] = states.length;
    const d = declOf.get(i);
    if (!d) {
      states.push(s);
      parentOf.push(i);
      return;
    }
    const pos = positionsOf(d, stepMonths);
    positions.set(i, pos);
    const first = states.length;
    const monthsAt: number[] = [];
    const bands: DurationBand[] = d.bands.map((b, k) => {
      const id = `${s.id}_m${b.from}_${b.to ?? 'up'}`;
      if (ids.has(id)) c.add([...d.path, 'bands'], `band id '${id}' is already a state or group`, 'ids that do not clash with the bands (rename the state or group)');
      const count = pos.filter((p) => p.band === k).length;
      const at = states.length;
      for (let t = 0; t < count; t++) {
        const m = b.from + t * stepMonths;
        const subId = count > 1 ? `${id}_${m}` : id;
        if (count > 1 && ids.has(subId)) c.add([...d.path, 'bands'], `sub-state id '${subId}' is already a state or group`, 'ids that do not clash with the bands');
        states.push({ id: subId, label: `${s.label}: ${b.label}${count > 1 ? `, month ${m + 1}` : ''}`, absorbing: false });
        parentOf.push(i);
        monthsAt.push(m);
      }
      return { ...b, id, first: at, count };
    });
    clocks.push({ state: s.id, label: s.label, parent: i, exact: d.exact, bands, first, count: pos.length, monthsAt });
  });
  const n2 = states.length;
  const entry = (j: number) => index[j];
  const subIds = (i: number): string[] => {
    const cl = clocks.find((k) => k.parent === i);
    return cl ? states.slice(cl.first, cl.first + cl.count).map((s) => s.id) : [model.states[i].id];
  };
  const entryId = (id: StateId) => states[entry(model.states.findIndex((s) => s.id === id))].id;

  const matrices: TransitionMatrix[] = model.transitions.matrices.map((m, b) => ({ n: n2, p: expandMatrix(m, b, declOf, positions, index, n2, model, c) }));
  const initial = model.initial.map((row, b) => {
    const out = new Array<number>(n2).fill(0);
    row.forEach((v, i) => {
      const d = declOf.get(i);
      if (!d) out[index[i]] = v;
      else spreadInitial(d, positions.get(i)!, matrices[b], index[i], v, model, b, c).forEach((x, t) => (out[index[i] + t] = x));
    });
    return out;
  });
  const remapRow = (row: ArrayLike<number>): Float64Array => {
    const out = new Float64Array(n2);
    for (let j = 0; j < n; j++) out[entry(j)] += row[j];
    return out;
  };
  const counts = model.transitions.counts.map((band) => {
    const out: (Float64Array | null)[] = new Array(n2).fill(null);
    band.forEach((row, i) => {
      if (row && !declOf.has(i)) out[index[i]] = remapRow(row);
    });
    return out;
  });
  const byYear = model.transitions.byYear?.map((r) => ({ ...r, from: index[r.from], to: r.to.map(entry) }));

  const perState = (rec: Record<StateId, number>): Record<StateId, number> => {
    const out = { ...rec };
    for (const cl of clocks) if (cl.state in rec) for (const id of subIds(cl.parent)) out[id] = rec[cl.state];
    return out;
  };
  const v = model.values;
  const values = {
    ...v,
    costPerYear: perState(v.costPerYear),
    measures: v.measures.map((m) => ({ ...m, perYear: perState(m.perYear) })),
    transitionCosts: v.transitionCosts.map((t) => ({
      ...t,
      pairs: t.pairs.flatMap(([a, b]) => subIds(model.states.findIndex((s) => s.id === a)).map((sa): [StateId, StateId] => [sa, entryId(b)])),
    })),
  };
  const expandIds = (list: StateId[]) => list.flatMap((id) => subIds(model.states.findIndex((s) => s.id === id)));
  const groups: ReportGroup[] = [
    ...model.groups.map((g) => ({ ...g, states: expandIds(g.states) })),
    ...clocks.flatMap((cl) => [
      { id: cl.state, label: cl.label, states: states.slice(cl.first, cl.first + cl.count).map((s) => s.id) },
      ...cl.bands.map((b) => ({ id: b.id, label: `${cl.label}: ${b.label}`, states: states.slice(b.first, b.first + b.count).map((s) => s.id) })),
    ]),
    ...splitBandGroups(decls, clocks, states, model),
  ];
  const u = model.uncertainty;
  const uncertainty = {
    ...u,
    rows: u.rows.map((r) => ({ ...r, state: index[r.state], alpha: remapRow(r.alpha) })),
    probabilities: u.probabilities.map((p) => ({ ...p, from: index[p.from], to: entry(p.to) })),
    costs: u.costs.map((k) => ({ ...k, states: k.states.flatMap((s) => subIds(s).map((id) => states.findIndex((x) => x.id === id))) })),
    // Between states without bands (others are refused): their new positions.
    yearShocks: u.yearShocks.map((y) => ({ ...y, from: y.from.map((i) => index[i]), to: y.to.map((j) => index[j]) })),
  };
  // Every sub-state leaves at its state's age (ages.leave), for the first band of the state it goes to.
  const leaving = model.ages?.leaving && Object.fromEntries(
    Object.entries(model.ages.leaving).flatMap(([id, l]) => subIds(model.states.findIndex((s) => s.id === id)).map((sub) => [sub, { age: l.age, to: entryId(l.to) }])),
  );
  const ages = model.ages && {
    ...model.ages,
    ageOutTo: { ...model.ages.ageOutTo, ...Object.fromEntries(clocks.flatMap((cl) => subIds(cl.parent).map((id) => [id, model.ages!.ageOutTo[cl.state]]))) },
    ...(leaving && { leaving }),
  };
  return {
    ...model,
    states,
    ages,
    transitions: { ...model.transitions, matrices, counts, ...(byYear && { byYear }) },
    directEntries: model.directEntries.map((d) => ({ ...d, state: entryId(d.state) })),
    initial,
    values,
    groups,
    uncertainty,
    durations: { states: model.states, groups: model.groups, parentOf: Int32Array.from(parentOf), clocks, stepMonths, matrices: model.transitions.matrices },
  };
}

/** Each state's id as written in the model file (a sub-state's or a history copy's state), by index. */
export function writtenIds(model: Pick<Model, 'states' | 'durations' | 'history'>): StateId[] {
  const level = model.states.map((s, i) => (model.durations ? model.durations.states[model.durations.parentOf[i]].id : s.id));
  const family = model.history?.family ?? {};
  const writtenOf = new Map(Object.entries(family).flatMap(([w, members]) => members.map((m): [StateId, StateId] => [m, w])));
  return level.map((id) => writtenOf.get(id) ?? id);
}

/**
 * The column that plays the stay probability in state i's row: the next sub-state for a sub-state
 * of an exact band (children who stay move on a step), the state itself otherwise. Scenarios take
 * a change from it.
 */
export function stayColumn(model: Pick<Model, 'durations'>, i: number): number {
  for (const cl of model.durations?.clocks ?? []) {
    for (const b of cl.bands) if (i >= b.first && i < b.first + b.count) return b.to !== null && (cl.exact || b.count > 1) ? i + 1 : i;
  }
  return i;
}

/** For a banded state a history flag split (`cpp` into `cpp_first`, `cpp_repeat`): a group per band holding both copies' (`cpp_m3_12`). */
function splitBandGroups(decls: DurationDecl[], clocks: DurationClock[], states: State[], model: Model): ReportGroup[] {
  return decls.flatMap((d) => {
    const copies = model.history?.family[d.state];
    if (!copies || copies.length < 2) return [];
    const own = clocks.filter((cl) => copies.includes(cl.state));
    return d.bands.map((b, k) => ({
      id: `${d.state}_m${b.from}_${b.to ?? 'up'}`,
      label: `${model.history!.flags.find((f) => f.state === d.state)?.label ?? d.state}: ${b.label}`,
      states: own.flatMap((cl) => states.slice(cl.bands[k].first, cl.bands[k].first + cl.bands[k].count).map((s) => s.id)),
    }));
  });
}

/**
 * The model's states, groups, unit costs and matrices before expansion into duration bands, for
 * tables of what the model assumes (the rates of a banded state are its own, before the bands').
 */
export function asWritten<M extends Pick<Model, 'states' | 'groups' | 'durations' | 'values' | 'transitions'>>(model: M): M {
  const d = model.durations;
  if (!d) return model;
  const ids = new Set(d.states.map((s) => s.id));
  const costPerYear = Object.fromEntries(Object.entries(model.values.costPerYear).filter(([id]) => ids.has(id)));
  return { ...model, states: d.states, groups: d.groups, values: { ...model.values, costPerYear }, transitions: { ...model.transitions, matrices: d.matrices } };
}

/** The sections the engine cannot split across sub-states, refused with a sentence. */
function refuseUnsupported(model: Model, declOf: Map<number, DurationDecl>, c: IssueCollector): void {
  const banded = (id: StateId) => declOf.get(model.states.findIndex((s) => s.id === id));
  const refuse = (d: DurationDecl | undefined, what: string, expected: string) => d && c.add(d.path, `'${d.state}' has duration bands, so ${what}`, expected);
  if (model.population) refuse(banded(model.population.entryState), 'it cannot be the population entry state (births and migration enter one state)', 'bands on a state other than population.entry_state');
  for (const cap of model.capacities) {
    refuse(banded(cap.state), 'a capacity limit on it would have to hold several sub-states to one number of places', 'capacity on states without duration bands');
    refuse(banded(cap.overflow), 'it cannot be a capacity overflow', 'an overflow state without duration bands');
  }
  for (const m of model.values.mixes) refuse(banded(m.state), 'its cost cannot be a placement mix', 'a plain unit cost for a state with bands (put placements in states of their own)');
  for (const r of model.uncertainty.rows) refuse(declOf.get(r.state), 'uncertainty on its transition row is not supported (each band has its own row)', 'uncertainty on other rows, or none');
  for (const p of model.uncertainty.probabilities) refuse(declOf.get(p.from), 'uncertainty on its moves is not supported (each band has its own row)', 'uncertainty on moves from other states');
  for (const r of model.transitions.byYear ?? []) refuse(declOf.get(r.from), 'its moves cannot change by year (by_year) yet', 'by_year rates on moves from other states');
  for (const y of model.uncertainty.yearShocks) for (const i of [...y.from, ...y.to]) refuse(declOf.get(i), 'year shocks on its moves are not supported yet', 'uncertainty.year_shocks on moves between states without bands');
  // States reported apart (care leavers: entered past the population's ages) are found by their id.
  for (const id of statesApart(model)) refuse(banded(id), 'it cannot be a state children enter past the population\'s ages (ages.leave) yet', 'bands on a state the population counts');
}

/** One band's moves out of state i: the state's row with the band's factor and rows applied (a move to a state as written lands where history says). */
function bandRow(row: Float64Array, i: number, d: DurationDecl, k: number, model: Model): Float64Array {
  const out = row.slice();
  const f = d.factor[k];
  for (let j = 0; j < out.length; j++) if (j !== i) out[j] *= f;
  for (const [to, p] of d.rows[k] ?? []) out[model.states.findIndex((s) => s.id === landing(model.history, model.states[i].id, to))] = p;
  return out;
}

/** The expanded matrix of age band `b`. */
function expandMatrix(
  m: TransitionMatrix,
  b: number,
  declOf: Map<number, DurationDecl>,
  positions: Map<number, Position[]>,
  index: Int32Array,
  n2: number,
  model: Model,
  c: IssueCollector,
): Float64Array {
  const n = m.n;
  const p = new Float64Array(n2 * n2);
  for (let i = 0; i < n; i++) {
    const row = m.p.subarray(i * n, (i + 1) * n);
    const d = declOf.get(i);
    if (!d) {
      for (let j = 0; j < n; j++) p[index[i] * n2 + index[j]] += row[j];
      continue;
    }
    const pos = positions.get(i)!;
    const reported = new Set<number>();
    pos.forEach((q, t) => {
      const r = bandRow(Float64Array.from(row), i, d, q.band, model);
      let moves = 0;
      for (let j = 0; j < n; j++) if (j !== i) moves += r[j];
      let stay = 1 - moves;
      if (stay < -STAY_TOLERANCE) {
        if (!reported.has(q.band)) c.add([...d.path, 'bands'], `in band ${d.bands[q.band].key}${model.ages ? ` for ages ${model.ages.bands[b].label}` : ''}, the moves out of '${model.states[i].id}' add up to ${fmt(moves)}, more than 1`, 'band rows and factors that leave a stay probability of at least 0');
        reported.add(q.band);
      }
      stay = Math.max(0, stay);
      const at = (index[i] + t) * n2;
      for (let j = 0; j < n; j++) if (j !== i) p[at + index[j]] += r[j];
      if (q.open) p[at + index[i] + t] += stay;
      else if (q.steps === 1) p[at + index[i] + t + 1] += stay;
      else {
        const advance = 1 / q.steps;
        p[at + index[i] + t] += stay * (1 - advance);
        p[at + index[i] + t + 1] += stay * advance;
      }
    });
  }
  return p;
}

/** The start stock `v` of a banded state spread over its sub-states, as `d.initial` says. */
function spreadInitial(d: DurationDecl, pos: Position[], m: TransitionMatrix, first: number, v: number, model: Model, b: number, c: IssueCollector): number[] {
  const out = pos.map(() => 0);
  if (v === 0) return out;
  if (d.initial === 'new') {
    out[0] = v;
    return out;
  }
  // A steady flow of one child a step into the first sub-state: how many are in each.
  const n2 = m.n;
  const occ: number[] = [];
  let inflow = 1;
  for (let t = 0; t < pos.length; t++) {
    const at = (first + t) * n2;
    const self = m.p[at + first + t];
    if (1 - self < 1e-12) {
      c.add([...d.path, 'initial'], `nobody leaves band ${d.bands[pos[t].band].key} of '${d.state}'${model.ages ? ` at ages ${model.ages.bands[b].label}` : ''}, so a steady spread of the start stock is not defined`, "initial: new, or shares by band");
      return out;
    }
    occ.push(inflow / (1 - self));
    inflow = t + 1 < pos.length ? occ[t] * m.p[at + first + t + 1] : 0;
  }
  const shares = d.initial === 'steady' ? null : d.initial;
  const total = (k: number | null) => occ.reduce((s, o, t) => (k === null || pos[t].band === k ? s + o : s), 0);
  const all = total(null);
  return occ.map((o, t) => {
    if (!shares) return (v * o) / all;
    const k = pos[t].band;
    const inBand = total(k);
    const count = pos.filter((q) => q.band === k).length;
    return v * shares[k] * (inBand > 0 ? o / inBand : 1 / count);
  });
}
