/**
 * Measures (life years, FTE, visits) as reported: each labelled by what its numbers are (a sum
 * over the year, or the average FTE in the year), totals only where the model says they mean
 * something (`totals`), and discounted beside undiscounted, as costs are.
 */
import type { Measure } from '../model/types.js';
import { formatCount, formatRate } from './format.js';
import { AVERAGE_FTE } from './workforce.js';

/** What a measure's figure for one year is: `average FTE in the year` or `summed over the year`. */
export function yearUnit(m: Measure): string {
  return m.kind === 'fte' ? AVERAGE_FTE : 'summed over the year';
}

/** What a measure's 5- or 10-year total is (`FTE-years` for staff), or null when it has none. */
export function totalUnit(m: Measure): string | null {
  if (!m.totals) return null;
  return m.kind === 'fte' ? 'FTE-years' : 'summed over the years';
}

/** The measure's label with what a year's figure is: `Life years (summed over the year)`. */
export function measureHeading(m: Measure): string {
  return `${m.label} (${yearUnit(m)})`;
}

/** Discounting of a measure in words, for notes: `discounted at 3.5% a year` or `not discounted`. */
export function discountText(m: Measure): string {
  return m.discountRate > 0 ? `discounted at ${+(m.discountRate * 100).toFixed(2)}% a year` : 'not discounted (discount_rate 0)';
}

/** A measure's figure: FTE to one decimal; others whole from 100, else to two decimals. */
export function formatMeasure(m: Measure, x: number): string {
  if (m.kind === 'fte') return formatRate(x + 0);
  return Math.abs(x) >= 100 ? formatCount(x) : (x + 0).toFixed(2);
}

/** Whether and how a measure is totalled, for notes: `totals FTE-years`, or why there are none. */
export function totalsText(m: Measure): string {
  const unit = totalUnit(m);
  if (unit) return `totals ${unit}`;
  return m.kind === 'fte'
    ? 'no totals over years (an average FTE does not add up across years; totals: true in the model gives FTE-years)'
    : 'no totals over years (totals: false in the model)';
}
