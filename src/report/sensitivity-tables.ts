/**
 * The sensitivity table for `carecast sensitivity`, read like the tornado: largest swing first,
 * each parameter's low and high value with its unit, and the figure at each beside the figure at
 * the stated values, over 5 and over 10 years.
 */
import type { SensitivityRow, sensitivity } from '../uncertainty/sensitivity.js';
import { formatSigned } from './comparison-tables.js';
import { formatCount, formatMillions, MONEY_UNIT, type Table } from './format.js';

type Result = ReturnType<typeof sensitivity>;
type Outcomes = SensitivityRow['low'];

/** A parameter's value: whole numbers with separators from 1,000, else three significant figures. */
function formatValue(x: number): string {
  return Math.abs(x) >= 1000 ? formatCount(x) : x.toPrecision(3);
}

/** The spans the run covers with whole years, with their figures. */
function spansOf(spanYears: number): { years: number; total: (o: Outcomes) => number; cic: (o: Outcomes) => number }[] {
  return [
    { years: 5, total: (o: Outcomes) => o.total5, cic: (o: Outcomes) => o.cic5 },
    { years: 10, total: (o: Outcomes) => o.total10, cic: (o: Outcomes) => o.cic10 },
  ].filter((s) => spanYears >= s.years);
}

/** The tornado as a table: per parameter its low, high and unit, and per span the figure at each and the swing. */
export function sensitivityTable(r: Result, spanYears: number): Table {
  const spans = spansOf(spanYears);
  const longest = spans[spans.length - 1];
  const change = (o: Outcomes, s: (typeof spans)[number]) => formatSigned(s.total(o) - s.total(r.point), formatMillions);
  return {
    title: `Sensitivity of the ${r.measure} over ${[...spans].reverse().map((s, i) => (i ? `(and over ${s.years})` : `${s.years} years`)).join(' ')}, each parameter at its low and high value, largest swing first`,
    columns: [
      'Parameter',
      'Source',
      'Low',
      'High',
      'Unit',
      ...spans.flatMap((s) => [`${s.years} years: at low, change (${MONEY_UNIT})`, `${s.years} years: at high, change (${MONEY_UNIT})`, `${s.years} years: swing (${MONEY_UNIT})`]),
      ...(longest ? [`${r.inCare} after ${longest.years} years, low / high`] : []),
    ],
    rows: r.rows.map((x) => [
      x.parameter.label,
      x.parameter.source,
      x.parameter.lowText ?? formatValue(x.parameter.low),
      x.parameter.highText ?? formatValue(x.parameter.high),
      x.parameter.unit,
      ...spans.flatMap((s) => [change(x.low, s), change(x.high, s), formatMillions(Math.abs(s.total(x.high) - s.total(x.low)))]),
      ...(longest ? [`${formatCount(longest.cic(x.low))} / ${formatCount(longest.cic(x.high))}`] : []),
    ]),
    totalRows: [['At the stated values', '', '', '', '', ...spans.flatMap((s) => [formatMillions(s.total(r.point)), '', '']), ...(longest ? [formatCount(longest.cic(r.point))] : [])]],
    note:
      `${MONEY_UNIT}, cash prices. Each change is from the ${r.measure} at the stated values (the last row), as the tornado's bars run from its line; ` +
      'the swing is the distance between low and high. Low and high are the values stated in the file, or the parameter\'s 10th and 90th percentiles; every other parameter stays at its stated value. ' +
      "Transition rows vary the probability of leaving the state, keeping the moves' proportions. Sorted by the swing over the longest span." +
      (r.omitted.length ? ` Year shocks are left out (${r.omitted.join('; ')}): they differ year by year, so no one low or high value stands for them; run --draws shows their spread.` : ''),
  };
}
