/**
 * Checks a scenario against the model it is run on and resolves its names to indices and its
 * dates to months from the model's start. Every problem is listed at once.
 */
import { familyGroups } from '../model/history.js';
import { stayColumn } from '../model/durations.js';
import { ScenarioInvalidError, type Issue } from '../errors.js';
import { locate, pathToString } from '../model/positions.js';
import { withBandSuggestion } from '../model/bands.js';
import { withSuggestion } from '../model/suggest.js';
import { monthsBetween, parseIsoDate } from '../model/time.js';
import type { Model } from '../model/types.js';
import type { Timing } from './phase.js';
import type { PlannedChange } from './apply-rates.js';
import type { Origin, Scenario, TimingSpec, Uncertain } from './types.js';

/** A rate change with indices and months, and where it was written. */
export interface ResolvedRateChange extends PlannedChange {
  origin: Origin;
  uncertainty: Uncertain | null;
  /**
   * Index of the change as written: a change from a group is one change per state of the group,
   * and they share one draw of its uncertain value.
   */
  source: number;
}

/** A unit cost change; `type` is an index into the state's mix, or -1 for the state's cost. */
export interface ResolvedCostChange {
  state: number;
  mix: number;
  type: number;
  change: { kind: 'multiply'; factor: number } | { kind: 'set'; perYear: number };
  timing: Timing;
}

/** A placement mix shift between two types of one state's mix (`mix` indexes `values.mixes`). */
export interface ResolvedMixShift {
  /** The written shift's id, where it has one (its lever's name). */
  id?: string;
  label: string;
  uncertainty: Uncertain | null;
  mix: number;
  from: number;
  to: number;
  move: number;
  timing: Timing;
}

/** A programme with the cells it serves. */
export interface ResolvedProgramme {
  uncertainty: Uncertain | null;
  id: string;
  label: string;
  fixedPerYear: number;
  perChild: number;
  states: number[];
  bands: number[];
  basis: 'starts' | 'caseload' | null;
  share: number;
  timing: Timing;
}

/** A workforce change with the index of the workforce (in `model.workforce`) it changes. */
export interface ResolvedWorkforceChange {
  supply: number;
  caseloadMultiply: number | null;
  recruitment: number | null;
  agencyPremium: number | null;
  agencyCap: number | null;
  timing: Timing;
}

/** A capacity change with the index (in `model.capacities`) of the capacity it changes. */
export interface ResolvedCapacityChange {
  capacity: number;
  id: string;
  label: string;
  recruitPerYear: number;
  attritionPerYear: number;
  places: number;
  costPerRecruit: number;
  supportPerYear: number;
  setupCost: number;
  fixedPerYear: number;
  timing: Timing;
  uncertainty: Uncertain | null;
}

/** A scenario ready to apply to a compiled model. */
export interface ResolvedScenario {
  scenario: Scenario;
  rateChanges: ResolvedRateChange[];
  costChanges: ResolvedCostChange[];
  mixShifts: ResolvedMixShift[];
  capacityChanges: ResolvedCapacityChange[];
  programmes: ResolvedProgramme[];
  inflation: number | null;
  growth: number | null;
  directFactor: number | null;
  workforce: ResolvedWorkforceChange[];
}

/** Resolves a scenario against a model; throws `ScenarioInvalidError` listing every mismatch. */
export function resolveScenario(scenario: Scenario, model: Model): ResolvedScenario {
  const issues: Issue[] = [];
  const problem = (o: Origin, sub: (string | number)[], message: string, expected?: string) => {
    const path = [...o.path, ...sub];
    issues.push({ location: { file: o.file, ...locate(o.located, path) }, path: pathToString(path), message, expected });
  };
  const index = new Map(model.states.map((s, i) => [s.id, i]));
  const stateIds = model.states.map((s) => s.id).join(', ');
  // Every state reference, and the issues of the unknown ones: when no reference is known the
  // scenario was written for another model, and one line says so.
  let stateRefs = 0;
  const unknownStates: { id: string; issue: Issue }[] = [];
  const state = (o: Origin, sub: (string | number)[], id: string, active = false): number => {
    stateRefs++;
    const i = index.get(id);
    if (i === undefined) {
      const groupIds = model.groups.map((g) => g.id);
      problem(o, sub, withSuggestion(`unknown state '${id}'`, id, [...model.states.map((s) => s.id), ...groupIds]), `one of the model's states: ${stateIds}${groupIds.length ? ` (or a group: ${groupIds.join(', ')})` : ''}`);
      unknownStates.push({ id, issue: issues[issues.length - 1] });
      return -1;
    }
    if (active && model.states[i].absorbing) {
      problem(o, sub, `'${id}' is absorbing: children do not leave it`, 'a state children can leave');
      return -1;
    }
    return i;
  };
  const bandLabels = model.ages?.bands.map((b) => b.label) ?? [];
  const bands = (o: Origin, sub: (string | number)[], labels: string[]): number[] => {
    if (labels.length && !model.ages) {
      problem(o, sub, 'the model has no age bands', 'leave ages out');
      return [];
    }
    return labels
      .map((l, k) => {
        const b = bandLabels.indexOf(l);
        if (b < 0) problem(o, labels.length > 1 ? [...sub, k] : sub, withBandSuggestion(`unknown age band '${l}'`, l, model.ages?.bands ?? []), `one of the model's bands: ${bandLabels.join(', ')}`);
        return b;
      })
      .filter((b) => b >= 0);
  };
  const start = parseIsoDate(model.time.start)!;
  const timing = (t: TimingSpec): Timing => {
    const merged = { ...scenario.timing, ...t };
    const s = merged.start ? parseIsoDate(merged.start) : null;
    const e = merged.end ? parseIsoDate(merged.end) : null;
    // `end` is the last day with effect: the effect stops from the next day.
    const dayAfter = e ? new Date(e.getTime() + 86_400_000) : null;
    return {
      startMonth: s ? monthsBetween(start, s) : 0,
      phaseMonths: merged.phaseInMonths ?? 0,
      endMonth: dayAfter ? monthsBetween(start, dayAfter) : null,
    };
  };
  const mixOf = (o: Origin, sub: (string | number)[], s: number): number => {
    const m = model.values.mixes.findIndex((x) => x.state === model.states[s].id);
    if (m < 0) problem(o, sub, `the model gives no placement mix for '${model.states[s].id}'`, `a state whose cost is a mix (values.costs.<state>.mix in ${model.file})`);
    return m;
  };
  const typeOf = (o: Origin, sub: (string | number)[], m: number, id: string): number => {
    const types = model.values.mixes[m].types;
    const t = types.findIndex((x) => x.id === id);
    if (t < 0) problem(o, sub, withSuggestion(`unknown placement type '${id}'`, id, types.map((x) => x.id)), `one of ${types.map((x) => x.id).join(', ')}`);
    return t;
  };

  // A group (e.g. cic, every placement type) stands for its states; so does a state a history flag split, for all its copies.
  const groups = new Map([...model.groups, ...familyGroups(model)].map((g) => [g.id, g.states.map((id) => index.get(id)!)]));
  const states = (o: Origin, sub: (string | number)[], id: string, active = false): number[] => {
    const m = groups.get(id);
    if (!m) {
      const i = state(o, sub, id, active);
      return i < 0 ? [] : [i];
    }
    if (active && m.some((i) => model.states[i].absorbing)) {
      problem(o, sub, `group '${id}' holds absorbing states: children do not leave them`, 'a state or group children can leave');
      return [];
    }
    return m;
  };
  const rateChanges: ResolvedRateChange[] = [];
  scenario.changes.forEach((c, source) => {
    const from = states(c.origin, ['from'], c.from, true);
    const written = c.to.map((id, k) => states(c.origin, c.to.length > 1 ? ['to', k] : ['to'], id));
    const bs = bands(c.origin, ['ages'], c.ages);
    if (from.length === 0 || written.some((t) => t.length === 0)) return;
    const fromGroup = groups.has(c.from);
    // Named as a state, the change's own state is refused; inside a group (from: ifa, to: cic) it
    // means the moves to the group's other states, as in the model's rows.
    if (!fromGroup && c.to.includes(c.from)) {
      problem(c.origin, ['to'], `'${c.from}' is the state the change is from`, 'moves to other states (the stay probability takes up the change)');
      return;
    }
    // A value set or added to a move into a group would land once per state of the group.
    const toGroup = c.to.find((id) => groups.has(id));
    if (toGroup && (c.change.kind === 'set' || c.change.kind === 'add')) {
      problem(c.origin, [c.change.kind], `${c.change.kind} on the moves to group '${toGroup}' would apply to each of its ${groups.get(toGroup)!.length} states`, `multiply or relative_risk for a group, or ${c.change.kind} on named states`);
      return;
    }
    for (const f of from) {
      // From a group, moves within it (placement changes) are left alone unless named.
      const stay = stayColumn(model, f);
      let to = written.flat().filter((j) => j !== f && j !== stay);
      if (fromGroup && c.to.length === 0) to = model.states.map((_, j) => j).filter((j) => !from.includes(j));
      if (fromGroup && c.to.length > 0 && to.length === 0) continue;
      rateChanges.push({ from: f, to, bands: liveBands(model, f, bs), change: c.change, timing: timing(c.timing), clip: c.clip, label: c.label, origin: c.origin, uncertainty: c.uncertainty, source, ...(stay !== f && { stay }) });
    }
  });

  const costChanges: ResolvedCostChange[] = [];
  for (const c of scenario.costs) {
    if (c.type === null) {
      for (const s of states(c.origin, ['state'], c.state)) costChanges.push({ state: s, mix: -1, type: -1, change: c.change, timing: timing(c.timing) });
      continue;
    }
    const s = state(c.origin, ['state'], c.state);
    if (s < 0) continue;
    const m = mixOf(c.origin, ['type'], s);
    const t = m >= 0 ? typeOf(c.origin, ['type'], m, c.type) : -1;
    if (t >= 0) costChanges.push({ state: s, mix: m, type: t, change: c.change, timing: timing(c.timing) });
  }

  const mixShifts: ResolvedMixShift[] = [];
  for (const x of scenario.mixShifts) {
    const s = state(x.origin, ['state'], x.state);
    const m = s >= 0 ? mixOf(x.origin, ['state'], s) : -1;
    if (m < 0) continue;
    const from = typeOf(x.origin, ['from'], m, x.from);
    const to = typeOf(x.origin, ['to'], m, x.to);
    if (from >= 0 && to >= 0) mixShifts.push({ ...(x.id !== undefined && { id: x.id }), label: x.label, uncertainty: x.uncertainty, mix: m, from, to, move: x.move, timing: timing(x.timing) });
  }

  const programmes: ResolvedProgramme[] = scenario.programmes.map((p) => {
    const sv = p.serves;
    const served = sv ? [...new Set(sv.states.flatMap((id, k) => states(p.origin, sv.states.length > 1 ? ['serves', 'state', k] : ['serves', 'state'], id)))] : [];
    return {
      uncertainty: p.uncertainty,
      id: p.id,
      label: p.label,
      fixedPerYear: p.fixedPerYear,
      perChild: p.perChild,
      states: served,
      bands: sv ? bands(p.origin, ['serves', 'ages'], sv.ages) : [],
      basis: sv?.basis ?? null,
      share: sv?.share ?? 0,
      timing: timing(p.timing),
    };
  });
  const ids = new Set<string>();
  scenario.programmes.forEach((p) => {
    if (ids.has(p.id)) problem(p.origin, ['id'], `programme id '${p.id}' is used twice`, 'one programme per id');
    ids.add(p.id);
  });

  const pop = scenario.population;
  if (pop && !model.population) problem(pop.origin, [], `the model ${model.file} has no population section to vary`, 'a model with a population projection or births');
  if (pop?.file && model.population?.kind === 'births') problem(pop.origin, ['file'], 'the model gives births, not a population projection, so a projection file cannot replace it', 'growth: extra growth a year');
  const de = scenario.directEntries;
  if (de && model.directEntries.length === 0) problem(de.origin, [], `the model ${model.file} has no direct entries to change`, 'leave direct_entries out');
  if (scenario.timingOrigin) {
    const t = timing({});
    if (t.endMonth !== null && t.endMonth <= 0) problem(scenario.timingOrigin, ['end'], `the end is before the model's start ${model.time.start}`, 'an end within the projection');
  }

  const capacityChanges: ResolvedCapacityChange[] = [];
  scenario.capacity.forEach((x, i) => {
    const ci = model.capacities.findIndex((c) => c.state === x.state);
    if (ci < 0) {
      const limited = model.capacities.map((c) => c.state);
      if (state(x.origin, ['state'], x.state) >= 0) problem(x.origin, ['state'], `the model gives no capacity for '${x.state}'`, limited.length ? `one of ${limited.join(', ')}` : `a model with a capacity section (${model.file} has none)`);
      return;
    }
    const cap = model.capacities[ci];
    // Capacity changes are programme lines too: one id namespace.
    const id = x.id ?? `capacity_${i + 1}`;
    if (ids.has(id)) problem(x.origin, ['id'], `id '${id}' is used by a programme or another capacity change`, 'one programme line per id');
    ids.add(id);
    capacityChanges.push({
      capacity: ci,
      id,
      label: x.label,
      recruitPerYear: x.recruitPerYear,
      attritionPerYear: x.attritionPerYear ?? cap.attritionPerYear,
      places: x.places,
      costPerRecruit: x.costPerRecruit,
      supportPerYear: x.supportPerYear,
      setupCost: x.setupCost,
      fixedPerYear: x.fixedPerYear,
      timing: timing(x.timing),
      uncertainty: x.uncertainty,
    });
  });

  const supplies = model.workforce ?? [];
  const workforce: ResolvedWorkforceChange[] = [];
  for (const w of scenario.workforce) {
    const given = supplies.map((x) => x.measure).join(', ');
    let supply = -1;
    if (w.measure !== null) {
      supply = supplies.findIndex((x) => x.measure === w.measure);
      if (supply < 0) problem(w.origin, ['measure'], `the model has no workforce for '${w.measure}'`, given ? `one of ${given}` : `a model with a workforce section (${model.file} has none)`);
    } else if (supplies.length === 1) supply = 0;
    else problem(w.origin, [], supplies.length ? 'the model has several workforces' : `the model ${model.file} has no workforce section to change`, supplies.length ? `measure: one of ${given}` : 'a model with a workforce section');
    if (supply >= 0 && workforce.some((x) => x.supply === supply)) problem(w.origin, ['measure'], `a second change to the workforce of '${supplies[supply].measure}'`, 'one change per workforce');
    else if (supply >= 0) workforce.push({ supply, caseloadMultiply: w.caseloadMultiply, recruitment: w.recruitment, agencyPremium: w.agencyPremium, agencyCap: w.agencyCap, timing: timing(w.timing) });
  }

  if (stateRefs > 1 && unknownStates.length === stateRefs) {
    const names = [...new Set(unknownStates.map((u) => u.id))];
    const first = unknownStates[0].issue;
    const rest = issues.filter((i) => !unknownStates.some((u) => u.issue === i));
    rest.unshift({ location: first.location, path: first.path, message: `none of the states this scenario names (${names.join(', ')}) is in the model ${model.file}`, expected: `the model's states: ${stateIds} (is the scenario written for another model?)` });
    throw new ScenarioInvalidError(scenario.file, rest);
  }
  if (issues.length) throw new ScenarioInvalidError(scenario.file, issues);
  return {
    scenario,
    rateChanges,
    costChanges,
    mixShifts,
    capacityChanges,
    programmes,
    inflation: scenario.inflation?.value ?? null,
    growth: pop?.growth ?? null,
    directFactor: de?.factor ?? null,
    workforce,
  };
}

/**
 * The bands of `bands` (empty: every band) in which state `s` can hold children: below the age
 * its children leave at (`ages.leave`: universal at 18 in a model running to 24 for care
 * leavers), so a change is neither applied to, nor refused for, bands no child of the state is in.
 */
function liveBands(model: Model, s: number, bands: number[]): number[] {
  const leave = model.ages?.leaving?.[model.states[s].id];
  if (!model.ages || !leave) return bands;
  const all = bands.length ? bands : model.ages.bands.map((_, b) => b);
  const live = all.filter((b) => model.ages!.bands[b].from < leave.age);
  return live.length ? live : bands;
}
