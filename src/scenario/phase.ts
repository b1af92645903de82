/** Timing of a scenario effect: when it starts, how it phases in, when it ends. */

/** When a change applies. Months count from the projection's start (month 0 is its first step). */
export interface Timing {
  /** First month with any effect. */
  startMonth: number;
  /** Months to reach full effect, linearly; 0 for full effect at once. */
  phaseMonths: number;
  /** First month with no effect any more (exclusive), or null for the rest of the horizon. */
  endMonth: number | null;
}

/**
 * Share of the full effect (0 to 1) at the start of the step beginning `month` months after the
 * projection's start: 0 before `startMonth`, rising linearly to 1 over `phaseMonths`, 0 from
 * `endMonth`.
 *
 * @example
 * // Phased in over 12 months from month 0: months 0, 6, 12, 18 give 0, 0.5, 1, 1.
 * effectWeight({ startMonth: 0, phaseMonths: 12, endMonth: null }, 6); // 0.5
 */
export function effectWeight(t: Timing, month: number): number {
  if (month < t.startMonth) return 0;
  if (t.endMonth !== null && month >= t.endMonth) return 0;
  if (t.phaseMonths <= 0) return 1;
  return Math.min(1, (month - t.startMonth) / t.phaseMonths);
}
