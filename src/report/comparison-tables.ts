/** Board tables of a comparison, as plain `Table`s for the terminal and Markdown renderers. */
import { placements } from './placements.js';
import { sufficiency } from './sufficiency.js';
import { financialYearLabel } from '../model/time.js';
import type { ComparisonSummary, Payback, ScenarioComparison } from './comparison.js';
import { initialStock } from './comparison.js';
import { formatCount, formatThousands, type Table } from './tables.js';
import { workforceComparisonTables } from './workforce.js';

/** A difference with its sign (`+12`, `-3`, `0`). */
export function formatSigned(x: number, format: (v: number) => string = formatCount): string {
  const s = format(x);
  return s === '0' || s.startsWith('-') ? s : `+${s}`;
}

/** A payback as text: the financial year, or why there is none. */
export function formatPayback(p: Payback): string {
  if (p.status === 'paid_back') return p.label;
  return p.status === 'no_difference' ? 'no change' : 'not within horizon';
}

/** A return on investment as a percentage, or `–` without programme cost. */
export function formatRoi(roi: number | null): string {
  return roi === null ? '–' : `${Math.round(roi * 100)}%`;
}

/** The tables of `carecast compare`: summary, baseline, then one per scenario. */
export function comparisonTables(sum: ComparisonSummary): Table[] {
  const p = sum.baseline;
  const active = p.states.map((st, i) => ({ st, i })).filter((x) => !x.st.absorbing);
  const v = p.values;
  const money = `£ thousands, cash prices; discounted at ${+(v.discountRate * 100).toFixed(2)}% a year`;
  const year = (label: string, partial: boolean) => (partial ? `${label} (part)` : label);
  const tables: Table[] = [];
  const spans = sum.scenarios[0]?.totals.map((t) => t.years) ?? [];
  const span = (s: ScenarioComparison, n: number) => s.totals.find((t) => t.years === n);

  if (sum.scenarios.length) {
    tables.push({
      title: 'Summary: each scenario against the baseline',
      columns: [
        'Scenario',
        ...spans.map((n) => `Programme cost, ${n} years`),
        ...spans.flatMap((n) => [`Net saving, ${n} years`, `Net saving, ${n} years, discounted`]),
        ...spans.map((n) => `ROI, ${n} years (discounted)`),
        'Payback year',
        'Payback year (discounted)',
      ],
      rows: sum.scenarios.map((s) => [
        s.name,
        ...spans.map((n) => formatThousands(span(s, n)!.programmeCost)),
        ...spans.flatMap((n) => [formatSigned(span(s, n)!.netSaving, formatThousands), formatSigned(span(s, n)!.netSavingDiscounted, formatThousands)]),
        ...spans.map((n) => formatRoi(span(s, n)!.roiDiscounted)),
        formatPayback(s.payback),
        formatPayback(s.paybackDiscounted),
      ]),
      totalRows: [],
      note: `${money}. Net saving: baseline cost less the scenario's cost of services and programmes (positive is a saving). ROI: net saving ÷ programme cost. Payback: the first financial year from which the cumulative net saving stays at or above 0.`,
    });
    tables.push({
      title: `Children at 31 March: difference from the baseline after ${spans.map((n) => `${n}`).join(' and ')} years`,
      columns: ['Scenario', ...active.map((a) => a.st.label)],
      rows: sum.scenarios.map((s) => [s.name, ...active.map((a) => s.totals.map((t) => formatSigned(t.stockDiff[a.i])).join(' / '))]),
      totalRows: [],
      note: spans.length ? `Each cell: ${spans.map((n) => `after ${n} years`).join(' / ')}.` : 'The projection is shorter than 5 whole financial years.',
    });
  }

  const start = initialStock(p);
  tables.push({
    title: 'Baseline: children at 31 March and cost of services',
    columns: ['Year', ...active.map((a) => a.st.label), 'Cost of services', 'Cost, discounted'],
    rows: [
      ['Start', ...active.map((a) => formatCount(start[a.i])), '', ''],
      ...sum.baselineYears.map((x) => [year(x.label, x.partial), ...active.map((a) => formatCount(x.stock[a.i])), formatThousands(x.totalCost), formatThousands(x.totalCostDiscounted)]),
    ],
    totalRows: (sum.scenarios[0]?.totals ?? []).map((t) => [t.label, ...active.map(() => ''), formatThousands(t.baselineGrossCost), formatThousands(t.baselineGrossCostDiscounted)]),
    note: `${money}. Price base ${financialYearLabel(v.priceBaseYear)}.`,
  });

  for (const s of sum.scenarios) {
    const payback = `Payback: ${formatPayback(s.payback)} (discounted: ${formatPayback(s.paybackDiscounted)}).`;
    const roi = s.totals.map((t) => `ROI over ${t.years} years ${formatRoi(t.roi)} (discounted ${formatRoi(t.roiDiscounted)})`).join('; ');
    tables.push({
      title: `${s.name}: against the baseline`,
      columns: ['Year', ...active.map((a) => a.st.label), 'Cost of services', 'Change in cost', 'Programme cost', 'Net saving', 'Cumulative net saving', 'Net saving, discounted', 'Cumulative, discounted'],
      rows: s.years.map((y) => [
        year(y.label, y.partial),
        ...active.map((a) => `${formatCount(y.stock[a.i])} (${formatSigned(y.stockDiff[a.i])})`),
        formatThousands(y.grossCost),
        formatSigned(y.grossCost - y.baselineGrossCost, formatThousands),
        formatThousands(y.programmeCost),
        formatSigned(y.netSaving, formatThousands),
        formatSigned(y.cumulativeNetSaving, formatThousands),
        formatSigned(y.netSavingDiscounted, formatThousands),
        formatSigned(y.cumulativeNetSavingDiscounted, formatThousands),
      ]),
      totalRows: s.totals.map((t) => [
        t.label,
        ...active.map(() => ''),
        formatThousands(t.grossCost),
        formatSigned(t.grossCost - t.baselineGrossCost, formatThousands),
        formatThousands(t.programmeCost),
        formatSigned(t.netSaving, formatThousands),
        '',
        formatSigned(t.netSavingDiscounted, formatThousands),
        '',
      ]),
      note: [`Children: scenario (difference from baseline). ${money}.`, payback, roi ? `${roi}.` : '', s.description.trim()].filter(Boolean).join(' '),
    });
  }
  tables.push(...workforceComparisonTables(sum));
  tables.push(...placementComparisonTables(sum));
  tables.push(...sufficiencyComparisonTables(sum));
  return tables;
}

/** Places held and places needed per capacity, the baseline and each scenario that changes them. */
export function sufficiencyComparisonTables(sum: ComparisonSummary): Table[] {
  const base = sufficiency(sum.baseline);
  return base.map((b, c) => {
    const arms = [{ name: 'Baseline', years: b.years }, ...sum.scenarios.map((s) => ({ name: s.name, years: s.sufficiency[c].years }))];
    return {
      title: `Sufficiency: ${b.label}, places at 31 March / places needed / placed instead (${b.overflowLabel.toLowerCase()})`,
      columns: ['Year', ...arms.map((a) => a.name)],
      rows: b.years.map((y, k) => [y.partial ? `${y.label} (part)` : y.label, ...arms.map((a) => `${formatCount(a.years[k].places)} / ${formatCount(a.years[k].demand)} / ${formatCount(a.years[k].overflow)}`)]),
      totalRows: [],
      note: 'Places needed: children placed plus those placed instead because no place was free. A scenario saves on placements only where children move into places it creates.',
    };
  });
}

/** Cost of children in care by placement type over 5 and 10 years, the baseline and each scenario. */
export function placementComparisonTables(sum: ComparisonSummary): Table[] {
  const base = placements(sum.baseline, sum.baselineYears);
  if (!base) return [];
  const whole = sum.baselineYears.map((y, k) => (y.partial ? -1 : k)).filter((k) => k >= 0);
  const spans = [5, 10].filter((n) => whole.length >= n);
  const total = (pl: NonNullable<typeof base>, t: number, n: number) => whole.slice(0, n).reduce((a, k) => a + pl.years[k][t].cost, 0);
  const arms = [{ name: 'Baseline', pl: base }, ...sum.scenarios.map((s) => ({ name: s.name, pl: s.placements ?? base }))];
  return [{
    title: `Cost of ${base.label.toLowerCase()} by placement type over ${spans.join(' / ')} years (£ thousands, cash prices)`,
    columns: ['Scenario', ...base.types.map((t) => t.label)],
    rows: arms.map((a) => [a.name, ...base.types.map((_, t) => spans.map((n) => formatThousands(total(a.pl, t, n))).join(' / '))]),
    totalRows: [],
    note: `Each cell: over ${spans.map((n) => `${n}`).join(' / ')} years. Costs include the cost per child in any placement.`,
  }];
}
