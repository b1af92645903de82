/** The economics of a scenario against the baseline: when it pays back, what it returns. */

/** When cumulative net saving turns non-negative for good. */
export type Payback =
  | { status: 'paid_back'; period: number; label: string }
  | { status: 'not_within_horizon' }
  | { status: 'no_difference' };

/** Differences smaller than this (£) count as none, so float noise never makes a payback year. */
const NO_DIFFERENCE = 0.005;

/**
 * The payback period: the first period at the end of which the cumulative net saving is at least
 * 0 and stays so to the horizon. Periods before the first with any difference are skipped, so a
 * scenario that starts later is not "paid back" before it starts.
 *
 * @example
 * // Net saving -100, -50, +80, +120: cumulative -100, -150, -70, +50.
 * paybackPeriod([-100, -50, 80, 120], ['y1', 'y2', 'y3', 'y4']); // { status: 'paid_back', period: 3, label: 'y4' }
 */
export function paybackPeriod(netSaving: number[], labels: string[]): Payback {
  const first = netSaving.findIndex((v) => Math.abs(v) > NO_DIFFERENCE);
  if (first < 0) return { status: 'no_difference' };
  let cumulative = 0;
  let from = -1;
  for (let k = 0; k < netSaving.length; k++) {
    cumulative += netSaving[k];
    if (cumulative < -NO_DIFFERENCE) from = -1;
    else if (from < 0 && k >= first) from = k;
  }
  return from < 0 ? { status: 'not_within_horizon' } : { status: 'paid_back', period: from, label: labels[from] };
}

/**
 * Return on investment over a span: net saving per £ of programme cost (0.5 means every £1 spent
 * came back as £1.50 of gross saving). Null when nothing was spent on programmes.
 *
 * @example
 * returnOnInvestment(150_000, 100_000); // 1.5
 */
export function returnOnInvestment(netSaving: number, programmeCost: number): number | null {
  return programmeCost > 0 ? netSaving / programmeCost : null;
}

