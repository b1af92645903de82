/**
 * Targets of goal-seek, as written on the command line: what is measured, by when, and the value
 * wanted. The grammar (documented in `carecast target --help` and the README):
 *
 *     TARGET  = MEASURE "@" WHEN [OP VALUE]
 *     MEASURE = net_saving | net_saving_discounted       N-year net saving, as compare's totals
 *             | break_even | break_even_discounted       net saving 0 (no OP VALUE)
 *             | payback | payback_discounted             paid back by that year (no OP VALUE)
 *             | cost | cost_discounted                   the scenario's cost in that year (services and programmes)
 *             | STATE | GROUP                            children at 31 March of that year
 *             | rate:STATE | rate:GROUP                  the same per 10,000 children aged 0-17
 *     WHEN    = Ny                                       the Nth whole financial year (5y)
 *             | YYYY/YY | YYYY-YY                        a financial year (2029/30)
 *             | YYYY                                     the financial year ending 31 March YYYY (2030 is 2029/30)
 *     OP      = "=" | ">=" | "<="
 *     VALUE   = a number, optionally with £ before and k or m after (2000000, £2m, 2.5m, 500k, -100k)
 *             | start                                    children or rate: as at the start ("hold at today's rate")
 *
 * `=` solves for the value that meets the target exactly; `>=` and `<=` say which side counts as
 * meeting it (for the chance of meeting it with draws). Without them, money saved counts from the
 * target up, and children, rates and cost from the target down.
 */
import { UsageError } from '../errors.js';
import type { Period } from '../engine/plan.js';
import { financialYearLabel } from '../model/time.js';
import type { Model } from '../model/types.js';
import { withSuggestion } from '../model/suggest.js';

/** What a target measures. */
export type TargetMeasure =
  | { kind: 'net_saving'; discounted: boolean }
  | { kind: 'payback'; discounted: boolean }
  | { kind: 'cost'; discounted: boolean }
  | { kind: 'children'; id: string; label: string; states: number[]; rate: boolean };

/** A target checked against a model and its horizon. */
export interface Target {
  /** As written. */
  text: string;
  measure: TargetMeasure;
  /** Whole financial years from the start to the year named (1 for the first), and that year. */
  years: number;
  /** Index of the year named among the projection's periods, its label (2029/30) and end. */
  period: number;
  label: string;
  value: number;
  op: '=' | '>=' | '<=';
  /** Which side meets the target. */
  direction: 'at_least' | 'at_most';
  unit: 'pounds' | 'children' | 'rate';
  /** Whether the value is the measure at the start of the projection (the value `start`). */
  atStart: boolean;
  /** |result − value| at most this counts as the target met: £1, 0.001 children, 0.0001 per 10,000. */
  tolerance: number;
}

/** A target as parsed, before it is checked against a model. */
export interface TargetSpec {
  text: string;
  measure: string;
  when: { kind: 'years'; years: number } | { kind: 'fy'; fy: number };
  op: '=' | '>=' | '<=' | null;
  /** `start`: the children (or rate) at the start of the projection. */
  value: number | 'start' | null;
}

const MONEY_MEASURES = ['net_saving', 'net_saving_discounted', 'break_even', 'break_even_discounted', 'payback', 'payback_discounted', 'cost', 'cost_discounted'];
const NO_VALUE = ['break_even', 'break_even_discounted', 'payback', 'payback_discounted'];
const HINT = "Write the target as MEASURE@WHEN=VALUE, e.g. 'net_saving@5y=2000000', 'break_even@2030', 'payback@4y', 'cic@2030<=700' or 'rate:cic@5y=60' (carecast target --help).";

/**
 * Parses a target's text; throws `UsageError` naming what is wrong.
 *
 * @example
 * parseTarget('net_saving@5y=2m'); // { measure: 'net_saving', when: { kind: 'years', years: 5 }, op: '=', value: 2000000, … }
 */
export function parseTarget(text: string): TargetSpec {
  const m = /^\s*([a-z_][a-z0-9_]*(?::[a-z_][a-z0-9_]*)?)\s*@\s*([0-9]+y|[0-9]{4}(?:[/-][0-9]{2})?)\s*(?:(>=|<=|=)\s*(.+?))?\s*$/i.exec(text);
  if (!m) throw new UsageError(`--target '${text}' is not a target: expected MEASURE@WHEN=VALUE`, HINT);
  const [, measure, whenText, op, valueText] = m;
  const when = parseWhen(text, whenText);
  const noValue = NO_VALUE.includes(measure);
  if (noValue && op) throw new UsageError(`--target '${text}': ${measure} takes no value (it means ${measure.startsWith('payback') ? 'paid back by that year' : 'a net saving of 0'})`, HINT);
  if (!noValue && !op) throw new UsageError(`--target '${text}': give the value wanted, e.g. ${measure}@${whenText}=${MONEY_MEASURES.includes(measure) ? '2000000' : '500'}`, HINT);
  const value = valueText === undefined ? null : valueText.trim().toLowerCase() === 'start' ? 'start' : parseValue(text, valueText);
  if (value === 'start' && MONEY_MEASURES.includes(measure)) throw new UsageError(`--target '${text}': 'start' is a value for children or a rate, not for ${measure}`, HINT);
  return { text, measure, when, op: (op as TargetSpec['op']) ?? null, value };
}

function parseWhen(text: string, w: string): TargetSpec['when'] {
  if (/y$/i.test(w)) {
    const years = Number(w.slice(0, -1));
    if (!(years >= 1)) throw new UsageError(`--target '${text}': ${w} is no year; years count from 1 (1y is the first financial year)`, HINT);
    return { kind: 'years', years };
  }
  if (w.length === 4) return { kind: 'fy', fy: Number(w) - 1 };
  const first = Number(w.slice(0, 4));
  if (Number(w.slice(5)) !== (first + 1) % 100) throw new UsageError(`--target '${text}': ${w} is not a financial year (expected ${financialYearLabel(first)})`, HINT);
  return { kind: 'fy', fy: first };
}

/** A value: digits with an optional decimal part, thousands commas, £ before, k or m after. */
function parseValue(text: string, v: string): number {
  const m = /^(-)?£?(-)?([0-9][0-9,]*(?:\.[0-9]+)?)\s*([km])?$/i.exec(v.trim());
  const digits = m?.[3].replace(/,/g, '');
  if (!m || !digits || (m[1] && m[2])) throw new UsageError(`--target '${text}': '${v}' is not a number (write e.g. 2000000, £2m, 2.5m or 500k)`, HINT);
  const scale = m[4] ? (m[4].toLowerCase() === 'k' ? 1e3 : 1e6) : 1;
  return (m[1] || m[2] ? -1 : 1) * Number(digits) * scale;
}

/**
 * Checks a parsed target against a model and the periods of its projection: the measure names a
 * state or group the model has, a rate needs a population, and the year falls within the horizon.
 * `start` gives a children measure's value at the start of the projection (for the value `start`).
 */
export function resolveTarget(spec: TargetSpec, model: Model, periods: Period[], start?: (m: Extract<TargetMeasure, { kind: 'children' }>) => number): Target {
  const whole = periods.map((p, k) => ({ p, k })).filter((x) => !x.p.partial);
  const last = whole[whole.length - 1];
  const horizon = `the projection's ${whole.length} whole financial year${whole.length === 1 ? '' : 's'} run to ${last?.p.label ?? 'none'}`;
  let index: number;
  if (spec.when.kind === 'years') {
    index = spec.when.years - 1;
    if (index >= whole.length) throw new UsageError(`--target '${spec.text}': year ${spec.when.years} is past the horizon (${horizon})`, 'Name a year within the horizon, or project more years with --years.');
  } else {
    const fy = spec.when.fy;
    index = whole.findIndex((x) => x.p.fy === fy);
    if (index < 0) {
      const part = periods.find((p) => p.fy === fy);
      const why = part ? `${part.label} is only part of a financial year in the projection` : fy > (last?.p.fy ?? -Infinity) ? `${financialYearLabel(fy)} is past the horizon` : `${financialYearLabel(fy)} is before the projection starts`;
      throw new UsageError(`--target '${spec.text}': ${why} (${horizon})`, fy > (last?.p.fy ?? -Infinity) ? 'Name a year within the horizon, or project more years with --years.' : 'Name a whole financial year within the horizon.');
    }
  }
  const { p, k } = whole[index];
  const base = { text: spec.text, years: index + 1, period: k, label: p.label, atStart: spec.value === 'start' };
  const name = spec.measure;
  const money = (measure: TargetMeasure, value: number, op: Target['op'], direction: Target['direction']): Target => ({ ...base, measure, value, op, direction, unit: 'pounds', tolerance: 1 });
  const side = (op: TargetSpec['op'], natural: Target['direction']): Target['direction'] => (op === '>=' ? 'at_least' : op === '<=' ? 'at_most' : natural);
  const discounted = name.endsWith('_discounted');
  const plain = name.replace(/_discounted$/, '');
  if (MONEY_MEASURES.includes(name)) {
    if (plain === 'net_saving') return money({ kind: 'net_saving', discounted }, spec.value as number, spec.op!, side(spec.op, 'at_least'));
    if (plain === 'break_even') return money({ kind: 'net_saving', discounted }, 0, '>=', 'at_least');
    if (plain === 'payback') return money({ kind: 'payback', discounted }, 0, '>=', 'at_least');
    return money({ kind: 'cost', discounted }, spec.value as number, spec.op!, side(spec.op, 'at_most'));
  }
  const rate = name.startsWith('rate:');
  const id = rate ? name.slice(5) : name;
  const measure = childrenMeasure(spec, model, id, rate);
  if (spec.value === 'start' && !start) throw new RangeError('resolveTarget: the value start needs the start of the projection');
  const value = spec.value === 'start' ? start!(measure as Extract<TargetMeasure, { kind: 'children' }>) : spec.value!;
  return { ...base, measure, value, op: spec.op!, direction: side(spec.op, 'at_most'), unit: rate ? 'rate' : 'children', tolerance: rate ? 1e-4 : 1e-3 };
}

function childrenMeasure(spec: TargetSpec, model: Model, id: string, rate: boolean): TargetMeasure {
  const state = model.states.findIndex((s) => s.id === id);
  const group = model.groups.find((g) => g.id === id);
  if (state < 0 && !group) {
    const names = [...model.states.filter((s) => !s.absorbing).map((s) => s.id), ...model.groups.map((g) => g.id)];
    const measures = MONEY_MEASURES;
    const candidates = rate ? names : [...measures, ...names];
    throw new UsageError(
      withSuggestion(`--target '${spec.text}': unknown ${rate ? 'state or group' : 'measure'} '${id}' (expected ${rate ? '' : `${measures.join(', ')}, `}a state or group of ${model.file}: ${names.join(', ')}${rate ? '' : ', or rate:ID'})`, id, candidates),
      HINT,
    );
  }
  if (rate && model.population === null) throw new UsageError(`--target '${spec.text}': ${model.file} has no population, so there is no rate per 10,000`, 'Target the number of children instead (drop rate:), or give the model a population section.');
  if (state >= 0) {
    if (model.states[state].absorbing) throw new UsageError(`--target '${spec.text}': ${id} is an exit state; children there are not counted at 31 March`, 'Target a state children are in (or a group of them).');
    return { kind: 'children', id, label: model.states[state].label, states: [state], rate };
  }
  return { kind: 'children', id, label: group!.label, states: group!.states.map((s) => model.states.findIndex((x) => x.id === s)), rate };
}
