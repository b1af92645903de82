/** Dates, steps and financial years (1 April to 31 March). Dates are UTC calendar dates. */

import type { StepUnit } from './types.js';

/** Months in one step. */
export const MONTHS_PER_STEP: Record<StepUnit, number> = { month: 1, quarter: 3, year: 12 };

/** Parses `YYYY-MM-DD` strictly; returns null if it is not a real date. */
export function parseIsoDate(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] ? d : null;
}

/** Formats a date as `YYYY-MM-DD`. */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Adds whole months to a first-of-month date. */
export function addMonths(d: Date, months: number): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate()));
}

/** First calendar year of the financial year containing `d` (2025 for 2025-04-01 … 2026-03-31). */
export function financialYearOf(d: Date): number {
  return d.getUTCMonth() >= 3 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
}

/** Label of a financial year, e.g. `2025/26`. */
export function financialYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** Parses a price base such as `2024-25` or `2024/25` into its first calendar year. */
export function parseFinancialYear(text: string): number | null {
  const m = /^(\d{4})[-/](\d{2})$/.exec(text);
  if (!m) return null;
  const first = +m[1];
  return (first + 1) % 100 === +m[2] ? first : null;
}

/**
 * Months from `a` to `b`: whole calendar months plus the days past as a share of `b`'s month.
 *
 * @example
 * monthsBetween(parseIsoDate('2025-04-01')!, parseIsoDate('2026-10-01')!); // 18
 */
export function monthsBetween(a: Date, b: Date): number {
  const whole = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  const days = new Date(Date.UTC(b.getUTCFullYear(), b.getUTCMonth() + 1, 0)).getUTCDate();
  return whole + (b.getUTCDate() - a.getUTCDate()) / days;
}
