/**
 * History flags: a state split by "been here before". A flag on `cpp` carried by `cin` makes
 * `cpp_first` and `cpp_repeat` (the group `cpp` holds both) and `cin_after_cpp`, the children in
 * need who had a plan (the group `after_cpp` holds every such copy). Leaving a plan for a carrying state sets the flag; a move from a carrying
 * copy to the flagged state is a repeat; a move to any other state drops it; `forget_after` lets
 * it lapse (probability 1/months a step while the child stays). Copies are ordinary states: they
 * keep their state's costs, measures, groups and age-out, and are reported as states of their own.
 * Flags expand in the order written, each on the model the one before made, so a second flag's
 * carrying states include the first's copies (`cin_after_cpp` of `cin`).
 */
import type { IssueCollector, Path } from './build/issues.js';
import { fmt } from './build/issues.js';
import type { Model, ReportGroup, State, StateId, TransitionMatrix } from './types.js';
import { MONTHS_PER_STEP } from './time.js';

/** One flag as checked by `build/history.ts`, by ids of the states as written. */
export interface HistoryDecl {
  state: StateId;
  carriedBy: StateId[];
  forgetMonths: number | null;
  repeatLabel: string;
  /** Moves of the children who were there before, by the state as written: replacing its own. */
  rows: Map<StateId, Map<StateId, number>>;
  /** Share of the start stock who were there before, by the state as written. */
  initial: Map<StateId, number>;
  path: Path;
}

/** One flag in the expanded model. */
export interface HistoryFlag {
  /** The flagged state's id as written (now a group of its two copies). */
  state: StateId;
  label: string;
  first: StateId;
  repeat: StateId;
  /** Each carrying state and its copy for children who were in the flagged state. */
  carried: [StateId, StateId][];
}

/** What history expansion did, kept on the model for reports and for duration bands. */
export interface HistoryLayout {
  flags: HistoryFlag[];
  /** The states each state as written became (itself and its copies). */
  family: Record<StateId, StateId[]>;
  /** Where a move from a state (by id) to a state as written lands, where that is another state. */
  landing: Record<StateId, Record<StateId, StateId>>;
}

/** Where a move from `from` to the state written `to` lands in a model with history flags. */
export function landing(history: HistoryLayout | undefined, from: StateId, to: StateId): StateId {
  return history?.landing[from]?.[to] ?? to;
}

/**
 * Groups standing for each state a history flag split, by the id it was written with: itself and
 * all its copies (`universal` and `universal_after_cin`), through duration bands to sub-states.
 * Scenarios name a split state by these; a copy's own id names the copy alone.
 */
export function familyGroups(model: Pick<Model, 'history' | 'groups' | 'states'>): ReportGroup[] {
  const h = model.history;
  if (!h) return [];
  const byId = new Map(model.groups.map((g) => [g.id, g]));
  return Object.entries(h.family)
    .filter(([, members]) => members.length > 1)
    .map(([id, members]) => ({ id, label: model.states.find((s) => s.id === id)?.label ?? byId.get(id)?.label ?? id, states: members.flatMap((m) => byId.get(m)?.states ?? [m]) }));
}

/** Expands every flag in order; problems go to `c`. */
export function expandHistory(model: Model, decls: HistoryDecl[], c: IssueCollector): Model {
  let m = model;
  const family: Record<StateId, StateId[]> = Object.fromEntries(model.states.map((s) => [s.id, [s.id]]));
  const landingOf: Record<StateId, Record<StateId, StateId>> = {};
  const flags: HistoryFlag[] = [];
  for (const d of decls) {
    const r = expandFlag(m, d, family, landingOf, c);
    if (!r) return m;
    m = r.model;
    flags.push(r.flag);
  }
  return { ...m, history: { flags, family, landing: landingOf } };
}

/** One flag on `model`: the new model and the flag, or null after a problem. */
function expandFlag(
  model: Model,
  d: HistoryDecl,
  family: Record<StateId, StateId[]>,
  landingOf: Record<StateId, Record<StateId, StateId>>,
  c: IssueCollector,
): { model: Model; flag: HistoryFlag } | null {
  const n = model.states.length;
  const idx = new Map(model.states.map((s, i) => [s.id, i]));
  const f = idx.get(d.state);
  if (f === undefined) {
    c.add(d.path, `'${d.state}' was split by a history flag before this one`, 'flags on states no earlier flag splits (write this flag first)');
    return null;
  }
  const carried = [...new Set(d.carriedBy.flatMap((id) => family[id] ?? []))].map((id) => idx.get(id)!);
  refuseUnsupported(model, d, [f, ...carried], c);
  const fs = model.states[f];
  const ids = new Set([...model.states.map((s) => s.id), ...model.groups.map((g) => g.id)]);
  const firstId = `${fs.id}_first`;
  const repeatId = `${fs.id}_repeat`;
  const afterId = (i: number) => `${model.states[i].id}_after_${fs.id}`;
  for (const id of [firstId, repeatId, `after_${fs.id}`, ...carried.map(afterId)]) if (ids.has(id)) c.add(d.path, `'${id}' is already a state or group`, 'ids that do not clash with the copies a history flag makes');
  // New states: the flagged state becomes its first copy; the repeat and the carrying copies follow it.
  const states: State[] = model.states.map((s, i) => (i === f ? { ...s, id: firstId, label: `${s.label} (first)` } : s));
  const repeat = states.length;
  states.push({ ...fs, id: repeatId, label: `${fs.label} (${d.repeatLabel})` });
  const after = new Map<number, number>();
  for (const i of carried) {
    after.set(i, states.length);
    states.push({ ...model.states[i], id: afterId(i), label: `${model.states[i].label}, after ${fs.label.toLowerCase()}` });
  }
  const n2 = states.length;
  // Which source each new state copies, and whether it carries the flag.
  const source = Int32Array.from({ length: n2 }, (_, i) => (i < n ? i : i === repeat ? f : [...after].find(([, k]) => k === i)![0]));
  const flagged = (i: number) => i === f || i === repeat || i >= repeat + 1;
  /** Where a move from new state i to old state j lands. */
  const land = (i: number, j: number): number => {
    if (j === f) return i === f ? f : i === repeat || i > repeat ? repeat : f;
    if (after.has(j) && flagged(i)) return after.get(j)!;
    return j;
  };
  const stepMonths = MONTHS_PER_STEP[model.time.step];
  const forget = d.forgetMonths === null ? 0 : Math.min(1, stepMonths / d.forgetMonths);
  // The state as written each new state comes from (before this flag renames any).
  const written = Array.from({ length: n2 }, (_, i) => Object.keys(family).find((w) => family[w].includes(model.states[source[i]].id)) ?? '');
  const overrideOf = (i: number): Map<StateId, number> | undefined => (i === repeat ? d.rows.get(d.state) : i > repeat ? d.rows.get(written[i]) : undefined);
  const matrices: TransitionMatrix[] = model.transitions.matrices.map((mx, b) => {
    const p = new Float64Array(n2 * n2);
    for (let i = 0; i < n2; i++) {
      const s = source[i];
      const row = Float64Array.from(mx.p.subarray(s * n, (s + 1) * n));
      const o = overrideOf(i);
      // Overrides name states as written: an earlier flag may have split them.
      if (o) for (const [to, v] of o) row[idx.get(landingOf[model.states[s].id]?.[to] ?? to)!] = v;
      if (o) {
        let moves = 0;
        for (let j = 0; j < n; j++) if (j !== s) moves += row[j];
        if (moves > 1 + 1e-9) c.add([...d.path, 'rows'], `the moves of '${states[i].id}'${model.ages ? ` at ages ${model.ages.bands[b].label}` : ''} add up to ${fmt(moves)}, more than 1`, 'moves that add up to at most 1');
        row[s] = Math.max(0, 1 - moves);
      }
      for (let j = 0; j < n; j++) {
        const v = row[j];
        if (v === 0) continue;
        if (j === s) {
          // Staying: in the same copy, except a remembering child who forgets.
          if (i > repeat && forget > 0) {
            p[i * n2 + i] += v * (1 - forget);
            p[i * n2 + s] += v * forget;
          } else p[i * n2 + i] += v;
        } else p[i * n2 + land(i, j)] += v;
      }
    }
    return { n: n2, p };
  });

  // Bookkeeping for later flags and duration bands: families and landings by ids as written.
  for (const w of Object.keys(family)) {
    family[w] = family[w].flatMap((id) => {
      const i = idx.get(id)!;
      return i === f ? [firstId, repeatId] : after.has(i) ? [id, states[after.get(i)!].id] : [id];
    });
  }
  const landed: Record<StateId, Record<StateId, StateId>> = {};
  states.forEach((st, i) => {
    const inherited = landingOf[model.states[source[i]].id] ?? {};
    const out: Record<StateId, StateId> = {};
    for (const w of Object.keys(family)) {
      const cur = inherited[w] ?? w;
      const j = idx.get(cur);
      if (j === undefined) continue;
      const to = states[land(i, j)].id;
      if (to !== w) out[w] = to;
    }
    landed[st.id] = out;
  });
  for (const k of Object.keys(landingOf)) delete landingOf[k];
  Object.assign(landingOf, landed);

  const copiesOf = (id: StateId): StateId[] => {
    const i = idx.get(id)!;
    return i === f ? [firstId, repeatId] : after.has(i) ? [id, states[after.get(i)!].id] : [id];
  };
  const newIdOf = (i: number) => states[i].id;
  const perState = (rec: Record<StateId, number>): Record<StateId, number> => {
    const out = { ...rec };
    for (let i = 0; i < n2; i++) if (model.states[source[i]].id in rec) out[newIdOf(i)] = rec[model.states[source[i]].id];
    return out;
  };
  const share = (i: number) => d.initial.get(written[i]) ?? 0;
  const initial = model.initial.map((row) => {
    const out = new Array<number>(n2).fill(0);
    row.forEach((v, i) => {
      const copy = i === f ? repeat : after.get(i);
      if (copy === undefined) out[i] = v;
      else {
        const q = share(copy);
        out[i] = v * (1 - q);
        out[copy] = v * q;
      }
    });
    return out;
  });
  const remapRow = (from: number, row: ArrayLike<number>): Float64Array => {
    const out = new Float64Array(n2);
    for (let j = 0; j < n; j++) out[j === from ? from : land(from, j)] += row[j];
    return out;
  };
  const v = model.values;
  const groups: ReportGroup[] = [
    ...model.groups.map((g) => ({ ...g, states: g.states.flatMap(copiesOf) })),
    { id: fs.id, label: fs.label, states: [firstId, repeatId] },
    // Every carrying copy: the children who were in the flagged state, wherever they are now.
    ...(carried.length ? [{ id: `after_${fs.id}`, label: `After ${fs.label.toLowerCase()}`, states: carried.map((i) => states[after.get(i)!].id) }] : []),
  ];
  const u = model.uncertainty;
  return {
    flag: { state: fs.id, label: fs.label, first: firstId, repeat: repeatId, carried: carried.map((i) => [model.states[i].id, states[after.get(i)!].id]) },
    model: {
      ...model,
      states,
      ages: model.ages && {
        ...model.ages,
        ageOutTo: Object.fromEntries(states.map((s, i) => [s.id, model.ages!.ageOutTo[model.states[source[i]].id]]).filter(([, t]) => t !== undefined)),
        // A copy leaves at its source's age (ages.leave), to where a move from it to that state lands.
        ...(model.ages.leaving && {
          leaving: Object.fromEntries(
            states.flatMap((s, i) => {
              const l = model.ages!.leaving![model.states[source[i]].id];
              return l ? [[s.id, { age: l.age, to: states[land(i, model.states.findIndex((x) => x.id === l.to))].id }]] : [];
            }),
          ),
        }),
      },
      transitions: {
        ...model.transitions,
        matrices,
        counts: model.transitions.counts.map((band) => [...band.map((row, i) => (row ? remapRow(i, row) : null)), ...new Array(n2 - n).fill(null)]),
        ...(model.transitions.byYear && { byYear: model.transitions.byYear.map((r) => ({ ...r, to: r.to.map((j) => land(r.from, j)) })) }),
      },
      directEntries: model.directEntries.map((e) => (e.state === fs.id ? { ...e, state: firstId } : e)),
      initial,
      values: {
        ...v,
        costPerYear: perState(v.costPerYear),
        measures: v.measures.map((ms) => ({ ...ms, perYear: perState(ms.perYear) })),
        transitionCosts: v.transitionCosts.map((t) => ({
          ...t,
          pairs: t.pairs.flatMap(([a, b]) => {
            const ib = idx.get(b)!;
            return states.flatMap((_, i): [StateId, StateId][] => (model.states[source[i]].id === a ? [[newIdOf(i), newIdOf(land(i, ib))]] : []));
          }),
        })),
      },
      groups,
      uncertainty: {
        ...u,
        rows: u.rows.map((r) => ({ ...r, alpha: remapRow(r.state, r.alpha) })),
        probabilities: u.probabilities.map((p) => ({ ...p, to: land(p.from, p.to) })),
        costs: u.costs.map((k) => ({ ...k, states: k.states.flatMap((s) => (s === f ? [f, repeat] : after.has(s) ? [s, after.get(s)!] : [s])) })),
      },
      ...(model.population && { population: { ...model.population, entryState: model.population.entryState === fs.id ? firstId : model.population.entryState } }),
    },
  };
}

/** The sections the engine cannot split across copies, refused with a sentence. */
function refuseUnsupported(model: Model, d: HistoryDecl, split: number[], c: IssueCollector): void {
  const ids = new Set(split.map((i) => model.states[i].id));
  const refuse = (id: StateId, what: string, expected: string) => ids.has(id) && c.add(d.path, `'${id}' is split by the history flag on '${d.state}', so ${what}`, expected);
  if (model.population && model.population.entryState === d.state) refuse(d.state, 'it cannot be the population entry state', 'a flag on a state other than population.entry_state');
  for (const cap of model.capacities) {
    refuse(cap.state, 'a capacity limit on it would have to hold two states to one number of places', 'capacity on states no flag splits');
    refuse(cap.overflow, 'it cannot be a capacity overflow', 'an overflow state no flag splits');
  }
  for (const mix of model.values.mixes) refuse(mix.state, 'its cost cannot be a placement mix', 'a plain unit cost');
  for (const r of model.uncertainty.rows) refuse(model.states[r.state].id, 'uncertainty on its transition row is not supported', 'uncertainty on other rows, or none');
  for (const p of model.uncertainty.probabilities) refuse(model.states[p.from].id, 'uncertainty on its moves is not supported', 'uncertainty on moves from other states');
  for (const r of model.transitions.byYear ?? []) refuse(model.states[r.from].id, 'its moves cannot change by year (by_year) yet', 'by_year rates on moves from other states');
  for (const y of model.uncertainty.yearShocks) for (const i of [...y.from, ...y.to]) refuse(model.states[i].id, 'year shocks on its moves are not supported yet', 'uncertainty.year_shocks on moves between states no flag splits');
}
