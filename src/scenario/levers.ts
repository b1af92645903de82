/**
 * The levers of a scenario: every number (or date) a planner may turn, named by the ids the
 * scenario already has, with a reader and a writer. Goal-seek (`carecast target`) and the
 * planner's page both vary scenarios through this one accessor, so a lever means the same in
 * both and the scenario file stays the single statement of the assumption.
 */
import type { Origin, Scenario, TimingSpec } from './types.js';
import type { RateChange } from './rates.js';
import { WEEKS_PER_YEAR } from '../model/build/values.js';

/** What a lever's number is, for labels, controls and a default search range. */
export type LeverUnit =
  | 'factor' // multiply / relative risk: 1 is no change
  | 'probability' // set / add, or a share of children (0 to 1)
  | 'months'
  | 'pounds_per_year'
  | 'pounds_per_week'
  | 'pounds'
  | 'units_per_year' // households or places recruited a year
  | 'places'
  | 'date';

/** One lever of a scenario. */
export interface Lever {
  /** `fewer_step_ups`, `fewer_step_ups.phase_in_months`, `early_help_team.fixed_per_year`, `timing.start`. */
  name: string;
  /** Human label: the item's label and, for a secondary field, what the field is. */
  label: string;
  unit: LeverUnit;
  /** The value the scenario states (a number, or a date `YYYY-MM-DD` for unit `date`). */
  stated: number | string;
  /** A range a search or a slider may cover (inclusive); a number lever only. */
  range: [number, number] | null;
  /** Where the value is written, for messages and for writing the scenario back to YAML. */
  origin: Origin;
  /** The field name in the scenario file (e.g. `relative_risk`, `phase_in_months`). */
  field: string;
}

type Item = { id?: string; label: string; origin: Origin; timing: TimingSpec };

/**
 * Every lever of a scenario, in file order. Items without an id have no levers: a lever is named
 * by the id the scenario already gives it.
 *
 * @example
 * leversOf(loadScenario('scenarios/early-help.yaml')).map((l) => l.name);
 * // ['timing.start', 'timing.phase_in_months', 'reach', 'reach.start', …, 'early_help_team.fixed_per_year', …]
 */
export function leversOf(s: Scenario): Lever[] {
  const out: Lever[] = [];
  if (s.timingOrigin) timingLevers(out, 'timing', 'Scenario timing', s.timing, s.timingOrigin, []);
  s.changes.forEach((c) => {
    if (!c.id) return;
    const { unit, field, value } = rateField(c.change);
    // `add` runs from no effect (0) to twice the stated amount, either way; `set` over 0 to 1.
    const range: [number, number] = field === 'add' ? [Math.min(0, 2 * value), Math.max(0, 2 * value)] : field === 'set' ? [0, 1] : rangeOf(unit, value);
    out.push(lever(c.id, c.label, unit, value, c.origin, field, range));
    timingLevers(out, c.id, c.label, c.timing, c.origin);
  });
  s.costs.forEach((c) => {
    if (!c.id) return;
    if (c.change.kind === 'multiply') out.push(lever(c.id, c.label, 'factor', c.change.factor, c.origin, 'multiply', rangeOf('factor', c.change.factor)));
    else if (c.change.perWeek) out.push(lever(c.id, c.label, 'pounds_per_week', c.change.perYear / WEEKS_PER_YEAR, c.origin, 'per_week', rangeOf('pounds_per_week', c.change.perYear / WEEKS_PER_YEAR)));
    else out.push(lever(c.id, c.label, 'pounds_per_year', c.change.perYear, c.origin, 'per_year', rangeOf('pounds_per_year', c.change.perYear)));
    timingLevers(out, c.id, c.label, c.timing, c.origin);
  });
  s.mixShifts.forEach((m) => {
    if (!m.id) return;
    out.push(lever(m.id, m.label, 'probability', m.move, m.origin, 'move', [0, 1]));
    timingLevers(out, m.id, m.label, m.timing, m.origin);
  });
  s.programmes.forEach((p) => {
    const money = (field: string, what: string, v: number) => out.push(lever(`${p.id}.${field}`, `${p.label}: ${what}`, field === 'per_child' ? 'pounds' : 'pounds_per_year', v, p.origin, field, rangeOf('pounds', v)));
    money('fixed_per_year', 'fixed cost a year', p.fixedPerYear);
    if (p.serves) {
      money('per_child', 'cost per child served', p.perChild);
      out.push(lever(`${p.id}.share`, `${p.label}: share of children served`, 'probability', p.serves.share, p.origin, 'serves.share', [0, 1]));
    }
    timingLevers(out, p.id, p.label, p.timing, p.origin);
  });
  s.capacity.forEach((c) => {
    if (!c.id) return;
    // Named by what the file writes: the item's id is its recruitment when it recruits (or
    // writes neither), its places when it only opens or closes places; so a value set to 0
    // keeps its name.
    const recruits = c.written.recruit || !c.written.places;
    if (recruits) out.push(lever(c.id, c.label, 'units_per_year', c.recruitPerYear, c.origin, 'recruit_per_year', [0, Math.max(1, 3 * c.recruitPerYear)]));
    if (c.written.places) out.push(lever(recruits ? `${c.id}.places` : c.id, c.label + (recruits ? ': places' : ''), 'places', c.places, c.origin, 'places', c.places > 0 ? [0, 3 * c.places] : c.places < 0 ? [3 * c.places, 0] : [-10, 10]));
    const money = (field: string, what: string, v: number) => out.push(lever(`${c.id}.${field}`, `${c.label}: ${what}`, field === 'setup_cost' || field === 'cost_per_recruit' ? 'pounds' : 'pounds_per_year', v, c.origin, field, rangeOf('pounds', v)));
    if (c.costPerRecruit > 0) money('cost_per_recruit', 'cost per recruit', c.costPerRecruit);
    if (c.supportPerYear > 0) money('support_per_year', 'support a year per unit', c.supportPerYear);
    if (c.setupCost > 0) money('setup_cost', 'set-up cost', c.setupCost);
    if (c.fixedPerYear > 0) money('fixed_per_year', 'fixed cost a year', c.fixedPerYear);
    timingLevers(out, c.id, c.label, c.timing, c.origin);
  });
  return out;
}

/** The lever called `name`, or null. */
export function findLever(s: Scenario, name: string): Lever | null {
  return leversOf(s).find((l) => l.name === name) ?? null;
}

/**
 * A copy of the scenario with one lever set; the scenario itself is not changed. Throws a
 * `RangeError` for an unknown lever or a value of the wrong kind (callers check names first
 * with `findLever` and report a located error).
 *
 * @example
 * const half = withLever(scenario, 'fewer_step_ups', 0.5); // relative risk 0.5 in place of 0.8
 */
export function withLever(s: Scenario, name: string, value: number | string): Scenario {
  const found = findLever(s, name);
  if (!found) throw new RangeError(`the scenario has no lever called ${name}`);
  if ((found.unit === 'date') !== (typeof value === 'string')) throw new RangeError(`lever ${name} takes ${found.unit === 'date' ? 'a date' : 'a number'}`);
  const [itemId, sub] = splitName(name);
  const out: Scenario = structuredCloneScenario(s);
  const setTiming = (t: TimingSpec, field: string) => {
    if (field === 'start') t.start = value as string;
    else if (field === 'end') t.end = value as string;
    else t.phaseInMonths = value as number;
  };
  if (itemId === 'timing') {
    setTiming(out.timing, sub!);
    return out;
  }
  const v = value as number;
  const item = findItem(out, itemId);
  if (!item) throw new RangeError(`the scenario has no item with id ${itemId}`);
  if (sub === 'start' || sub === 'end' || sub === 'phase_in_months') {
    item.value.timing = { ...item.value.timing };
    setTiming(item.value.timing, sub);
    return out;
  }
  switch (item.kind) {
    case 'change':
      item.value.change = withRate(item.value.change, v);
      break;
    case 'cost':
      if (item.value.change.kind === 'multiply') item.value.change = { kind: 'multiply', factor: v };
      else item.value.change = item.value.change.perWeek ? { kind: 'set', perYear: v * WEEKS_PER_YEAR, perWeek: true } : { kind: 'set', perYear: v };
      break;
    case 'mix':
      item.value.move = v;
      break;
    case 'programme':
      if (sub === 'fixed_per_year') item.value.fixedPerYear = v;
      else if (sub === 'per_child') item.value.perChild = v;
      else if (sub === 'share' && item.value.serves) item.value.serves = { ...item.value.serves, share: v };
      break;
    case 'capacity':
      if (sub === undefined) {
        if (found.field === 'places') item.value.places = v;
        else item.value.recruitPerYear = v;
      } else if (sub === 'places') item.value.places = v;
      else if (sub === 'cost_per_recruit') item.value.costPerRecruit = v;
      else if (sub === 'support_per_year') item.value.supportPerYear = v;
      else if (sub === 'setup_cost') item.value.setupCost = v;
      else if (sub === 'fixed_per_year') item.value.fixedPerYear = v;
      break;
  }
  return out;
}

/** The value a lever has in a scenario (after `withLever`, the value set). */
export function leverValue(s: Scenario, name: string): number | string {
  const found = findLever(s, name);
  if (!found) throw new RangeError(`the scenario has no lever called ${name}`);
  return found.stated;
}

function lever(name: string, label: string, unit: LeverUnit, stated: number | string, origin: Origin, field: string, range: [number, number] | null): Lever {
  return { name, label, unit, stated, range, origin, field };
}

function timingLevers(out: Lever[], id: string, label: string, t: TimingSpec, origin: Origin, prefix: (string | number)[] | null = null): void {
  const o = prefix ? { ...origin, path: [...origin.path, ...prefix] } : origin;
  if (t.start !== undefined) out.push(lever(`${id}.start`, `${label}: start`, 'date', t.start, o, 'start', null));
  if (t.phaseInMonths !== undefined) out.push(lever(`${id}.phase_in_months`, `${label}: months to full effect`, 'months', t.phaseInMonths, o, 'phase_in_months', [0, Math.max(36, 2 * t.phaseInMonths)]));
  if (t.end !== undefined) out.push(lever(`${id}.end`, `${label}: end`, 'date', t.end, o, 'end', null));
}

function rateField(c: RateChange): { unit: LeverUnit; field: string; value: number } {
  switch (c.kind) {
    case 'multiply':
      return { unit: 'factor', field: 'multiply', value: c.factor };
    case 'relative_risk':
      return { unit: 'factor', field: 'relative_risk', value: c.rr };
    case 'add':
      return { unit: 'probability', field: 'add', value: c.amount };
    case 'set':
      return { unit: 'probability', field: 'set', value: c.value };
  }
}

function withRate(c: RateChange, v: number): RateChange {
  switch (c.kind) {
    case 'multiply':
      return { kind: 'multiply', factor: v };
    case 'relative_risk':
      return { kind: 'relative_risk', rr: v };
    case 'add':
      return { kind: 'add', amount: v };
    case 'set':
      return { kind: 'set', value: v };
  }
}

/** A default range: a factor from no effect to twice the stated effect; money and counts 0 to 3×. */
function rangeOf(unit: LeverUnit, v: number): [number, number] {
  if (unit === 'factor') return v <= 1 ? [Math.max(0, 1 - 2 * (1 - v)), 1] : [1, 1 + 2 * (v - 1)];
  return [0, Math.max(1, 3 * v)];
}

function splitName(name: string): [string, string | undefined] {
  const dot = name.indexOf('.');
  return dot < 0 ? [name, undefined] : [name.slice(0, dot), name.slice(dot + 1)];
}

type Found =
  | { kind: 'change'; value: Scenario['changes'][number] }
  | { kind: 'cost'; value: Scenario['costs'][number] }
  | { kind: 'mix'; value: Scenario['mixShifts'][number] }
  | { kind: 'programme'; value: Scenario['programmes'][number] }
  | { kind: 'capacity'; value: Scenario['capacity'][number] };

function findItem(s: Scenario, id: string): Found | null {
  const c = s.changes.find((x) => x.id === id);
  if (c) return { kind: 'change', value: c };
  const k = s.costs.find((x) => x.id === id);
  if (k) return { kind: 'cost', value: k };
  const m = s.mixShifts.find((x) => x.id === id);
  if (m) return { kind: 'mix', value: m };
  const p = s.programmes.find((x) => x.id === id);
  if (p) return { kind: 'programme', value: p };
  const x = s.capacity.find((y) => y.id === id);
  if (x) return { kind: 'capacity', value: x };
  return null;
}

/** A copy deep enough that setting one item's fields leaves the original untouched (origins are shared). */
function structuredCloneScenario(s: Scenario): Scenario {
  const copy = <T extends Item>(xs: T[]): T[] => xs.map((x) => ({ ...x, timing: { ...x.timing } }));
  return {
    ...s,
    timing: { ...s.timing },
    changes: copy(s.changes),
    costs: copy(s.costs),
    mixShifts: copy(s.mixShifts),
    programmes: copy(s.programmes),
    capacity: copy(s.capacity),
  };
}
