/**
 * Goal-seek in words, in the lever's own unit: a relative risk of 0.73 reads as "cut … by 27%",
 * a factor of 1.3 as "raise … by 30%", money in £, recruits in households, a phase-in in months.
 * Reads results only.
 */
import type { Model } from '../model/types.js';
import type { Lever } from '../scenario/levers.js';
import type { Scenario } from '../scenario/types.js';
import type { ChanceResult } from './chance.js';
import type { SeekResult } from './seek.js';
import type { Target } from './targets.js';
import { formatCount, formatMoney, formatRate } from '../report/format.js';

/** A share as a percentage: whole from 10%, one decimal below (never "0%" for a change that is there). */
export function formatPercent(share: number): string {
  const p = Math.abs(share) * 100;
  return `${p >= 9.95 ? Math.round(p) : Math.round(p * 10) / 10}%`;
}

/** £ for a lever's value: £1.04m, £250k, £800 (more digits than a board's £m, since a lever is set by them). */
export function formatPounds(x: number): string {
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  if (a >= 1e6) return `${sign}£${(a / 1e6).toFixed(2)}m`;
  if (a >= 1e4) return `${sign}£${Math.round(a / 1e3)}k`;
  return `${sign}£${Math.round(a).toLocaleString('en-GB')}`;
}

/** A label as it reads inside a sentence: first letter lower case unless it starts an acronym (CIN). */
function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** What a lever changes, in words ("moves from early help to child in need, … or child in care"). */
export function leverSubject(lever: Lever, scenario: Scenario, model: Model): string {
  const name = (id: string) => inSentence(model.states.find((s) => s.id === id)?.label ?? model.groups.find((g) => g.id === id)?.label ?? id);
  const change = scenario.changes.find((c) => c.id === lever.name);
  if (change) {
    const ages = change.ages.length && !change.ages.includes('all') ? ` at ages ${list(joinedBands(change.ages))}` : '';
    return `${change.to.length ? `moves from ${name(change.from)} to ${list(change.to.map(name))}` : `moves out of ${name(change.from)}`}${ages}`;
  }
  const cost = scenario.costs.find((c) => c.id === lever.name);
  if (cost) return `the unit cost of ${name(cost.state)}${cost.type ? ` (${cost.type})` : ''}`;
  const colon = lever.label.lastIndexOf(': ');
  return colon > 0 ? `the ${lever.label.slice(colon + 2)} of ${inSentence(lever.label.slice(0, colon))}` : inSentence(lever.label);
}

/**
 * The lever at `value` as what a scenario "would need": "to cut moves … by 18%", "the fixed cost a
 * year of … to be £1.04m a year", "to recruit 27 households a year"; with the amount alone
 * ("18%") for a second value, and the direction (cut, raise, …) it goes from no change.
 */
export function leverAction(lever: Lever, value: number, scenario: Scenario, model: Model): { need: string; amount: string; direction: string } {
  const subject = leverSubject(lever, scenario, model);
  switch (lever.unit) {
    case 'factor': {
      const direction = value < 1 ? 'cut' : value > 1 ? 'raise' : 'leave';
      const amount = formatPercent(value - 1);
      return { need: direction === 'leave' ? `to leave ${subject} unchanged` : `to ${direction} ${subject} by ${amount}`, amount, direction };
    }
    case 'probability': {
      // Probabilities are per step of the model (a month, a quarter or a year).
      const amount = lever.field === 'add' ? `${Math.round(value * 10000) / 100} percentage points a ${model.time.step}` : formatPercent(value);
      const need = lever.field === 'add' ? `to add ${amount} to ${subject}` : lever.field === 'set' ? `${subject} to be ${amount} a ${model.time.step}` : `${subject} to be ${amount}`;
      return { need, amount, direction: 'set' };
    }
    case 'months': {
      const amount = `${Math.round(value * 10) / 10} months`;
      return { need: `to reach full effect in ${amount}`, amount, direction: 'set' };
    }
    case 'pounds':
    case 'pounds_per_year':
    case 'pounds_per_week': {
      const amount = `${formatPounds(value)}${lever.unit === 'pounds_per_year' ? ' a year' : lever.unit === 'pounds_per_week' ? ' a week' : ''}`;
      return { need: `${subject} to be ${amount}`, amount, direction: 'set' };
    }
    case 'units_per_year': {
      const amount = `${Math.round(value * 10) / 10} ${capacityUnit(lever, scenario, model)} a year`;
      return { need: `to recruit ${amount}`, amount, direction: 'set' };
    }
    case 'places': {
      const amount = `${Math.round(Math.abs(value) * 10) / 10} places`;
      return { need: `to ${value < 0 ? 'close' : 'open'} ${amount}`, amount, direction: value < 0 ? 'close' : 'open' };
    }
    case 'date':
      return { need: `to start on ${value}`, amount: String(value), direction: 'set' };
  }
}

/** What the model's capacity counts (households, places) for a capacity lever. */
function capacityUnit(lever: Lever, scenario: Scenario, model: Model): string {
  const item = scenario.capacity.find((c) => c.id === lever.name.split('.')[0]);
  return model.capacities.find((c) => c.state === item?.state)?.unit ?? 'units';
}

/** The lever's value as written in the file, for tables: 0.8243, £1,038,240 a year, 8.2 months. */
export function formatLeverValue(lever: Lever, value: number): string {
  switch (lever.unit) {
    case 'factor':
    case 'probability':
      return value.toFixed(4);
    case 'pounds':
      return `£${Math.round(value).toLocaleString('en-GB')}`;
    case 'pounds_per_year':
      return `£${Math.round(value).toLocaleString('en-GB')} a year`;
    case 'pounds_per_week':
      return `£${Math.round(value).toLocaleString('en-GB')} a week`;
    case 'months':
      return `${value.toFixed(1)} months`;
    default:
      return (Math.round(value * 100) / 100).toLocaleString('en-GB');
  }
}

/** The target's measure, formatted in its unit (£2.0m, 700 children, 60.0 per 10,000). */
export function formatTargetValue(target: Target, v: number): string {
  // £m to one decimal as on board pages, unless that would hide the amount (£40k is not £0.0m).
  if (target.unit === 'pounds') return Math.abs(v) >= 1e6 || v === 0 ? formatMoney(v) : formatPounds(v);
  if (target.unit === 'rate') return `${formatRate(v)} per 10,000`;
  return formatCount(v);
}

/** The date at the end of the target's financial year: "31 March 2030". */
function marchOf(target: Target): string {
  return `31 March ${Number(target.label.slice(0, 4)) + 1}`;
}

/**
 * What the target asks, as the start of a sentence: "to save £2.0m over the 5 years to 2029/30",
 * "to bring the number of children (child in care) to 760 by 31 March 2030".
 */
export function targetPhrase(target: Target): string {
  const m = target.measure;
  const span = `over the ${target.years === 1 ? 'year' : `${target.years} years`} to ${target.label}`;
  const disc = m.kind !== 'children' && m.discounted ? ' (discounted)' : '';
  switch (m.kind) {
    case 'net_saving':
      if (target.value === 0) return `to break even${disc} ${span}`;
      return target.value > 0 ? `to save ${formatMoney(target.value)}${disc} ${span}` : `to hold the net cost to ${formatMoney(-target.value)}${disc} ${span}`;
    case 'payback':
      return `to pay back${disc} by ${target.label}`;
    case 'cost':
      return `to ${target.direction === 'at_most' ? 'hold' : 'have'} the cost of ${target.label}${disc} ${target.direction === 'at_most' ? 'to' : 'at'} ${formatMoney(target.value)}`;
    case 'children': {
      const v = `${formatTargetValue(target, target.value)} children`;
      if (target.atStart) return `to hold ${inSentence(m.label)} at its ${m.rate ? 'rate' : 'number'} at the start (${v}) on ${marchOf(target)}`;
      return `to bring the ${m.rate ? 'rate' : 'number of children'} (${inSentence(m.label)}) to ${m.rate ? v : formatTargetValue(target, target.value)} by ${marchOf(target)}`;
    }
  }
}

/**
 * The board sentence: "To save £2.0m over the 5 years to 2029/30, Early help investment would need
 * to cut moves from … by 18% (stated assumption: 20%); with 80% confidence, by 28%."
 */
export function targetSentence(seek: SeekResult, model: Model, chance: ChanceResult | null = null): string {
  const { lever, scenario, target } = seek;
  const who = scenario.shortLabel ?? scenario.name;
  const start = targetPhrase(target);
  const head = start.charAt(0).toUpperCase() + start.slice(1);
  const stated = leverAction(lever, seek.stated.value, scenario, model);
  const v = (x: number) => formatLeverValue(lever, x);
  if (!seek.value) {
    return `${head}: not reachable by ${lever.name} in the range ${v(seek.range[0])} to ${v(seek.range[1])}; the nearest, ${v(seek.best.value)} (${leverAction(lever, seek.best.value, scenario, model).need.replace(/^to /, '')}), gives ${formatTargetValue(target, seek.best.result)} (stated assumption: ${stated.amount}, giving ${formatTargetValue(target, seek.stated.result)})`;
  }
  if (seek.throughout) {
    return `${head}: met at every value of ${lever.name} searched, ${v(seek.range[0])} to ${v(seek.range[1])}; at ${v(seek.value.value)}, the least effect searched, it gives ${formatTargetValue(target, seek.value.result)} (stated assumption: ${stated.amount}, giving ${formatTargetValue(target, seek.stated.result)})${chance ? `${chance.atValue ? `; at that value ${formatPercent(chance.atValue.chance)} of the draws meet it` : ''}` : ''}.`;
  }
  const found = leverAction(lever, seek.value.value, scenario, model);
  // "(stated assumption: 20%)" when it goes the same way; "a 20% cut" when it does not.
  const statedText = stated.direction === found.direction || stated.direction === 'set' ? stated.amount : stated.direction === 'leave' ? 'no change' : `a ${stated.amount} ${stated.direction === 'cut' ? 'cut' : 'rise'}`;
  let text = `${head}, ${who} would need ${found.need} (stated assumption: ${statedText})`;
  const others = seek.roots.filter((r) => r.value !== seek.value!.value);
  if (others.length) text += `; the target is also met at ${others.map((r) => v(r.value)).join(', ')}`;
  if (chance) {
    const c = formatPercent(chance.chance);
    const needed = chance.needed.value;
    if (!needed) text += `; with ${c} confidence, not reachable in the range`;
    else {
      const n = leverAction(lever, needed.value, scenario, model);
      text += `; with ${c} confidence, ${n.direction === found.direction && n.direction !== 'set' ? `by ${n.amount}` : n.amount}`;
    }
  }
  return `${text}.`;
}

/** Age bands next to each other written as one: ['10-15', '16-17'] → ['10-17']. */
export function joinedBands(labels: string[]): string[] {
  const spans = labels.map((l) => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(l);
    return m ? { from: Number(m[1]), to: Number(m[2] ?? m[1]) } : null;
  });
  if (spans.some((x) => x === null)) return labels;
  const sorted = (spans as { from: number; to: number }[]).sort((a, b) => a.from - b.from);
  const out: { from: number; to: number }[] = [];
  for (const x of sorted) {
    const last = out[out.length - 1];
    if (last && x.from === last.to + 1) last.to = x.to;
    else out.push({ ...x });
  }
  return out.map((x) => (x.from === x.to ? String(x.from) : `${x.from}-${x.to}`));
}
