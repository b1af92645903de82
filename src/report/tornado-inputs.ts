/**
 * A tornado parameter's low or high input value in words a board reads, with its unit: £ a week
 * for a unit cost, a probability per month, growth a year, a factor otherwise.
 */
import { WEEKS_PER_YEAR } from '../model/build.js';
import type { Model } from '../model/types.js';
import type { SensitivityParameter } from '../uncertainty/sensitivity.js';

const pct = (x: number, d = 1) => `${+(x * 100).toFixed(d)}%`;
const money = (x: number) => `£${Math.round(x).toLocaleString('en-GB')}`;

/** The unit cost (per year, at the start's mix of children) a cost factor of `label` scales, if the model has one. */
function unitCostOf(label: string, model: Model): number | null {
  const c = model.uncertainty.costs.find((x) => x.label === label);
  if (!c) return null;
  const costs = c.states.map((i) => model.values.costPerYear[model.states[i].id]).filter((x) => x !== undefined);
  if (costs.length !== c.states.length || !costs.length) return null;
  if (costs.length === 1) return costs[0];
  // A group: its states' costs weighted by the children in them at the start.
  const stock = c.states.map((i) => model.initial.reduce((t, band) => t + band[i], 0));
  const total = stock.reduce((a, b) => a + b, 0);
  return total > 0 ? c.states.reduce((t, _, k) => t + costs[k] * stock[k], 0) / total : null;
}

/**
 * `value` of parameter `p` with its unit, e.g. "£1,834 a week", "2.9% a month", "-0.5% a year", "×0.65".
 *
 * @example
 * inputText({ unit: 'a year', ... }, 0.005, model); // '+0.5% a year'
 */
export function inputText(p: SensitivityParameter, value: number, model?: Model, end?: 'low' | 'high'): string {
  if (end === 'low' && p.lowText) return p.lowText;
  if (end === 'high' && p.highText) return p.highText;
  const step = model ? model.time.step : 'step';
  if (p.unit.startsWith('probability')) return `${pct(value, value < 0.01 ? 2 : 1)} a ${step}`;
  if (p.unit === 'a year') return `${value > 0 ? '+' : ''}${pct(value, 2)} a year`;
  if (p.unit === 'share moved') return `${pct(value)} moved`;
  if (p.unit === 'factor on the unit cost' && model) {
    const perYear = unitCostOf(p.label, model);
    if (perYear !== null) return `${money((perYear * value) / WEEKS_PER_YEAR)} a week`;
  }
  return `×${value.toFixed(2)}`;
}
