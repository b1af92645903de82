/** Board tables of a comparison, as plain `Table`s for the terminal and Markdown renderers. */
import { kpiComparisonTables } from './kpi-comparison.js';
import { isChildState } from './summary.js';
import { placements } from './placements.js';
import { apartComparisonTables, apartTotals } from './apart-comparison.js';
import { sufficiency } from './sufficiency.js';
import { financialYearLabel } from '../model/time.js';
import type { ComparisonSummary, CostEffectiveness, Payback, ScenarioComparison } from './comparison.js';
import { initialStock } from './comparison.js';
import { formatCount, formatMillions, MONEY_UNIT, type Table } from './tables.js';
import { discountText, formatMeasure, measureHeading, totalsText, totalUnit } from './measures.js';
import { reportedMeasure } from './workforce.js';
import { workforceComparisonTables } from './workforce.js';

/** A difference with its sign (`+12`, `-3`, `0`). */
export function formatSigned(x: number, format: (v: number) => string = formatCount): string {
  const s = format(x);
  return /^0(\.0+)?$/.test(s) || s.startsWith('-') ? s : `+${s}`;
}

/**
 * A payback as text: the financial year, or why there is none; `costs more` for a scenario that
 * costs more than the baseline every year it differs (`ScenarioComparison.costsMore`), which has
 * nothing to pay back.
 */
export function formatPayback(p: Payback, costsMore = false): string {
  if (p.status === 'paid_back') return p.label;
  if (p.status === 'no_difference') return 'no change';
  return costsMore ? 'costs more' : 'not within horizon';
}

/** Cost-effectiveness in words: the ICER (£ per unit of the measure gained, or saved per unit lost) or the dominance; `unit` names the measure. */
export function formatCostEffectiveness(c: CostEffectiveness, unit: string): string {
  const pounds = (x: number) => `£${formatCount(Math.abs(x))}`;
  switch (c.verdict) {
    case 'dominant': return 'dominant: costs less and gains more';
    case 'dominated': return 'dominated: costs more and gains less';
    case 'no_change': return `no change in ${unit}`;
    case 'costs_more_gains_more': return `${pounds(c.icer!)} per unit gained`;
    default: return `${pounds(c.icer!)} saved per unit lost`;
  }
}

/** A return on investment as a percentage, or `–` without programme cost. */
export function formatRoi(roi: number | null): string {
  return roi === null ? '–' : `${Math.round(roi * 100)}%`;
}

/** The tables of `carecast compare`: summary, baseline, then one per scenario. */
export function comparisonTables(sum: ComparisonSummary): Table[] {
  const p = sum.baseline;
  const active = p.states.map((st, i) => ({ st, i })).filter((x) => isChildState(p, x.i));
  const v = p.values;
  const money = `£m, cash prices; discounted at ${+(v.discountRate * 100).toFixed(2)}% a year`;
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
        ...spans.map((n) => formatMillions(span(s, n)!.programmeCost)),
        ...spans.flatMap((n) => [formatSigned(span(s, n)!.netSaving, formatMillions), formatSigned(span(s, n)!.netSavingDiscounted, formatMillions)]),
        ...spans.map((n) => formatRoi(span(s, n)!.roiDiscounted)),
        formatPayback(s.payback, s.costsMore),
        formatPayback(s.paybackDiscounted, s.costsMore),
      ]),
      totalRows: [],
      note: `${money}. Net saving: baseline cost less the scenario's cost of services and programmes (positive is a saving). ROI: net saving ÷ programme cost. Payback: the first financial year from which the cumulative net saving stays at or above 0; "costs more": the scenario costs more than the baseline in every year it differs, so there is no saving to pay back.`,
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
      ...sum.baselineYears.map((x) => [year(x.label, x.partial), ...active.map((a) => formatCount(x.stock[a.i])), formatMillions(x.totalCost), formatMillions(x.totalCostDiscounted)]),
    ],
    totalRows: (sum.scenarios[0]?.totals ?? []).map((t) => [t.label, ...active.map(() => ''), formatMillions(t.baselineGrossCost), formatMillions(t.baselineGrossCostDiscounted)]),
    note: `${money}. Price base ${financialYearLabel(v.priceBaseYear)}.`,
  });

  for (const s of sum.scenarios) {
    const payback = `Payback: ${formatPayback(s.payback, s.costsMore)} (discounted: ${formatPayback(s.paybackDiscounted, s.costsMore)}).`;
    const roi = s.totals.map((t) => `ROI over ${t.years} years ${formatRoi(t.roi)} (discounted ${formatRoi(t.roiDiscounted)})`).join('; ');
    tables.push({
      title: `${s.name}: against the baseline`,
      columns: ['Year', ...active.map((a) => a.st.label), 'Cost of services', 'Change in cost', 'Programme cost', 'Net saving', 'Cumulative net saving', 'Net saving, discounted', 'Cumulative, discounted'],
      rows: s.years.map((y) => [
        year(y.label, y.partial),
        ...active.map((a) => `${formatCount(y.stock[a.i])} (${formatSigned(y.stockDiff[a.i])})`),
        formatMillions(y.grossCost),
        formatSigned(y.grossCost - y.baselineGrossCost, formatMillions),
        formatMillions(y.programmeCost),
        formatSigned(y.netSaving, formatMillions),
        formatSigned(y.cumulativeNetSaving, formatMillions),
        formatSigned(y.netSavingDiscounted, formatMillions),
        formatSigned(y.cumulativeNetSavingDiscounted, formatMillions),
      ]),
      totalRows: s.totals.map((t) => [
        t.label,
        ...active.map(() => ''),
        formatMillions(t.grossCost),
        formatSigned(t.grossCost - t.baselineGrossCost, formatMillions),
        formatMillions(t.programmeCost),
        formatSigned(t.netSaving, formatMillions),
        '',
        formatSigned(t.netSavingDiscounted, formatMillions),
        '',
      ]),
      note: [`Children: scenario (difference from baseline). ${money}.`, payback, roi ? `${roi}.` : '', s.description.trim()].filter(Boolean).join(' '),
    });
  }
  tables.push(...measureComparisonTables(sum));
  tables.push(...workforceComparisonTables(sum));
  tables.push(...placementComparisonTables(sum));
  tables.push(...apartComparisonTables(sum, apartTotals(sum.baseline, sum.baselineYears)));
  tables.push(...sufficiencyComparisonTables(sum));
  tables.push(...kpiComparisonTables(sum));
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
    title: `Cost of ${base.label.toLowerCase()} by placement type over ${spans.join(' / ')} years (£m, cash prices)`,
    columns: ['Scenario', ...base.types.map((t) => t.label)],
    rows: arms.map((a) => [a.name, ...base.types.map((_, t) => spans.map((n) => formatMillions(total(a.pl, t, n))).join(' / '))]),
    totalRows: [],
    note: `Each cell: over ${spans.map((n) => `${n}`).join(' / ')} years. Costs include the cost per child in any placement.`,
  }];
}

/**
 * One table per measure: the baseline and each scenario with its difference, per year and over 5
 * and 10 years (for measures with totals), undiscounted; then, for measures summed over the years,
 * each scenario's cost-effectiveness: incremental cost per unit gained, or its dominance.
 */
export function measureComparisonTables(sum: ComparisonSummary): Table[] {
  const p = sum.baseline;
  if (!sum.scenarios.length) return [];
  const tables: Table[] = [];
  const year = (label: string, partial: boolean) => (partial ? `${label} (part)` : label);
  p.measures.forEach((m, i) => {
    const fmt = (x: number) => formatMeasure(m, x);
    const cell = (v: number, d: number) => `${fmt(v)} (${formatSigned(d, fmt)})`;
    const base = sum.baselineYears.map((x, k) => reportedMeasure(p, m, k, x.measures[i]));
    const baseTotals = sum.scenarios[0].totals.map((t) => t.measures[i] - t.measureDiff[i]);
    tables.push({
      title: `${measureHeading(m)}: baseline and scenarios`,
      columns: ['Year', 'Baseline', ...sum.scenarios.map((s) => s.name)],
      rows: sum.baselineYears.map((x, k) => [year(x.label, x.partial), fmt(base[k]), ...sum.scenarios.map((s) => cell(s.years[k].measures[i], s.years[k].measureDiff[i]))]),
      totalRows: m.totals ? sum.scenarios[0].totals.map((t, n) => [`${t.label}${totalUnit(m) === 'FTE-years' ? ' (FTE-years)' : ''}`, fmt(baseTotals[n]), ...sum.scenarios.map((s) => cell(s.totals[n].measures[i], s.totals[n].measureDiff[i]))]) : [],
      note: `Scenarios: the scenario's figure (difference from the baseline); undiscounted. ${m.label}: ${discountText(m)}; ${totalsText(m)}.`,
    });
  });
  const effective = p.measures.map((m, i) => ({ m, i })).filter(({ m }) => m.totals && m.kind === 'total');
  const spans = sum.scenarios[0].totals.map((t) => t.years);
  if (effective.length && spans.length) {
    const n = spans[spans.length - 1];
    tables.push({
      title: `Cost-effectiveness over ${n} years (discounted): incremental cost per unit of each measure`,
      columns: ['Scenario', `Incremental cost (${MONEY_UNIT})`, ...effective.flatMap(({ m }) => [`Change in ${m.label}`, `ICER: £ per unit of ${m.label}`])],
      rows: sum.scenarios.map((s) => {
        const t = s.totals.find((x) => x.years === n)!;
        return [
          s.name,
          formatSigned(-t.netSavingDiscounted, formatMillions),
          ...effective.flatMap(({ m, i }) => {
            const ce = t.costEffectiveness.find((c) => c.measure === m.id)!;
            return [formatSigned(t.measureDiffDiscounted[i], (x) => formatMeasure(m, x)), formatCostEffectiveness(ce, m.label)];
          }),
        ];
      }),
      totalRows: [],
      note: `Incremental cost: the scenario's cost of services and programmes less the baseline's, discounted at ${+(p.values.discountRate * 100).toFixed(2)}% a year (the negative of its net saving). Each measure's change is discounted at its own rate. ICER: incremental cost ÷ change in the measure. Dominant: costs less and gains more of the measure; dominated: costs more and gains less. A higher figure of a measure counts as a gain.`,
    });
  }
  return tables;
}
