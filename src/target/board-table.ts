/**
 * The goal-seek board table (terminal, Markdown, the HTML report) and its JSON: the target, the
 * lever, the value found or "not reachable", every value meeting the target, and with draws the
 * chance of meeting it and the value needed for a stated chance. Reads results only.
 */
import { locate } from '../model/positions.js';
import type { Model } from '../model/types.js';
import type { Lever } from '../scenario/levers.js';
import type { ChanceAt, ChanceResult } from './chance.js';
import type { SeekResult } from './seek.js';
import type { Target } from './targets.js';
import type { Table } from '../report/format.js';
import { formatLeverValue, formatPercent, formatTargetValue, targetSentence } from './words.js';

/** Where a lever's value is written: `scenarios/early-help.yaml:27:5`. */
export function leverLocation(lever: Lever): string {
  const at = locate(lever.origin.located, [...lever.origin.path, ...lever.field.split('.')]);
  return at ? `${lever.origin.file}:${at.line}:${at.column}` : lever.origin.file;
}

/** What the target measures, in words: "net saving over the 5 whole financial years to 2029/30, at least £2.0m". */
export function describeTarget(target: Target): string {
  const m = target.measure;
  const disc = m.kind !== 'children' && m.discounted ? ', discounted' : '';
  const side = target.op === '=' ? '' : target.direction === 'at_least' ? 'at least ' : 'at most ';
  const value = `${side}${formatTargetValue(target, target.value)}`;
  switch (m.kind) {
    case 'net_saving':
      return `net saving${disc} over the ${target.years} whole financial year${target.years === 1 ? '' : 's'} to ${target.label}: ${value}`;
    case 'payback':
      return `paid back${disc} by ${target.label}: cumulative net saving at least £0 from ${target.label} to the horizon`;
    case 'cost':
      return `cost of services and programmes${disc} in ${target.label}: ${value}`;
    case 'children':
      return `${m.label}${m.rate ? ' per 10,000 children aged 0-17' : ''} at the end of ${target.label}: ${value}`;
  }
}

/**
 * The board table of a goal-seek: the stated assumption, the value needed (and any other value
 * meeting the target), with draws the value needed for the chance asked; the sentence and what
 * was searched in the note (without the sentence where the page shows it on its own).
 */
export function targetTable(seek: SeekResult, model: Model, chance: ChanceResult | null = null, { sentence = true }: { sentence?: boolean } = {}): Table {
  const { lever, target } = seek;
  const v = (x: number) => formatLeverValue(lever, x);
  const r = (x: number) => formatTargetValue(target, x);
  const c = (x: ChanceAt | null | undefined) => (chance ? (x ? formatPercent(x.chance) : '') : null);
  const row = (label: string, value: string, result: string, share: string | null) => (share === null ? [label, value, result] : [label, value, result, share]);
  const rows: string[][] = [row('Stated assumption', v(seek.stated.value), r(seek.stated.result), c(chance?.atStated))];
  if (seek.value) {
    rows.push(row(seek.throughout ? 'Met at every value: the least effect searched' : 'Needed to meet the target', v(seek.value.value), r(seek.value.result), c(chance?.atValue)));
    for (const x of seek.roots) if (x !== seek.value && x.value !== seek.value.value) rows.push(row('Also meets the target', v(x.value), r(x.result), chance ? '' : null));
  } else {
    rows.push(row('Nearest (not reachable)', v(seek.best.value), r(seek.best.result), chance ? '' : null));
  }
  for (const j of seek.jumps) rows.push(row('Jumps across the target', `${v(j.from.value)} to ${v(j.to.value)}`, `${r(j.from.result)} to ${r(j.to.result)}`, chance ? '' : null));
  if (chance) {
    const q = target.direction === 'at_least' ? 1 - chance.chance : chance.chance;
    const needed = chance.needed.value;
    const pct = formatPercent(chance.chance);
    const label = `Needed for ${/^(8|11|18)/.test(pct) ? 'an' : 'a'} ${pct} chance`;
    if (needed) rows.push([label, v(needed.value), `${r(needed.result)} (${percentileName(q)} percentile)`, formatPercent(chance.atNeeded?.chance ?? chance.chance)]);
    else rows.push([`${label}: not reachable; nearest`, v(chance.needed.best.value), `${r(chance.needed.best.result)} (${percentileName(q)} percentile)`, '']);
  }
  const notes = [
    ...(sentence ? [targetSentence(seek, model, chance)] : []),
    `Target ${target.text}: ${describeTarget(target)}, met to ${toleranceText(target)}.`,
    `Lever ${lever.name} (${lever.field}, ${leverLocation(lever)}): ${lever.label}; searched from ${v(seek.range[0])} to ${v(seek.range[1])} in ${seek.projections} projections${seek.roots.length > 1 ? `; the target is met at ${seek.roots.length} values, and the one nearest the stated value is reported` : ''}.`,
  ];
  if (chance) notes.push(`Chance: share of ${chance.draws.toLocaleString('en-GB')} draws (seed ${chance.seed}) meeting the target, the same draws for every value tried (${chance.projections.toLocaleString('en-GB')} runs).`);
  const columns = ['', leverHeading(lever), resultHeading(target), ...(chance ? ['Chance of meeting it'] : [])];
  return { title: `Goal-seek: ${seek.scenario.name}`, columns, rows, totalRows: [], note: notes.join(' ') };
}

/** The lever's column heading: its name and what its number is. */
function leverHeading(lever: Lever): string {
  const what: Record<Lever['unit'], string> = { factor: lever.field === 'relative_risk' ? 'relative risk' : 'factor', probability: lever.field === 'add' ? 'added a step' : 'share', months: 'months', pounds_per_year: '£ a year', pounds_per_week: '£ a week', pounds: '£', units_per_year: 'a year', places: 'places', date: 'date' };
  return `${lever.name} (${what[lever.unit]})`;
}

/** The result's column heading: "Net saving, 5 years to 2029/30". */
function resultHeading(target: Target): string {
  const m = target.measure;
  const disc = m.kind !== 'children' && m.discounted ? ' (discounted)' : '';
  switch (m.kind) {
    case 'net_saving':
      return `Net saving${disc}, ${target.years} year${target.years === 1 ? '' : 's'} to ${target.label}`;
    case 'payback':
      return `Lowest cumulative net saving${disc}, ${target.label} on`;
    case 'cost':
      return `Cost${disc}, ${target.label}`;
    case 'children':
      return `${m.label}${m.rate ? ' per 10,000' : ''}, end of ${target.label}`;
  }
}

function toleranceText(target: Target): string {
  return target.unit === 'pounds' ? '£1' : target.unit === 'rate' ? '0.0001 per 10,000' : '0.001 children';
}

function percentileName(q: number): string {
  const p = Math.round(q * 1000) / 10;
  const whole = Math.round(p);
  const suffix = whole % 100 >= 11 && whole % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][whole % 10] ?? 'th';
  return `${p}${p === whole ? suffix : 'th'}`;
}

/** The goal-seek as JSON: every figure at full precision, and the board sentence. */
export function targetJson(seek: SeekResult, model: Model, chance: ChanceResult | null, version: string): unknown {
  const { lever, target } = seek;
  return {
    carecast: version,
    scenario: { name: seek.scenario.name, file: seek.scenario.file },
    target: { text: target.text, measure: target.measure.kind === 'children' ? { ...target.measure, states: undefined } : target.measure, years: target.years, year: target.label, op: target.op, direction: target.direction, value: target.value, unit: target.unit, tolerance: target.tolerance },
    lever: { name: lever.name, label: lever.label, unit: lever.unit, field: lever.field, stated: lever.stated, location: leverLocation(lever) },
    range: seek.range,
    status: seek.status,
    met_throughout: seek.throughout ?? false,
    value: seek.value,
    roots: seek.roots,
    jumps: seek.jumps,
    best: seek.best,
    stated: seek.stated,
    projections: seek.projections,
    draws: chance && { draws: chance.draws, seed: chance.seed, chance: chance.chance, at_value: chance.atValue, at_stated: chance.atStated, at_needed: chance.atNeeded, needed: { status: chance.needed.status, value: chance.needed.value, roots: chance.needed.roots, best: chance.needed.best }, runs: chance.projections },
    sentence: targetSentence(seek, model, chance),
  };
}
