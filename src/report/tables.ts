/** Board tables of a projection: built once as plain data, rendered as terminal text or Markdown. */
import type { Projection } from '../engine/project.js';
import { financialYearLabel } from '../model/time.js';
import type { Measure } from '../model/types.js';
import { horizonTotals, isChildState, per10k, stateTotal, summarise, type HorizonTotal, type PeriodSummary } from './summary.js';
import { fteTables } from './workforce.js';
import { careStates } from '../model/care.js';
import { placementTables } from './placement-tables.js';
import { durationTables } from './durations.js';
import { historyTables } from './history.js';
import { kpiTables } from './kpis.js';
import { formatCount, formatMillions, formatRate, MONEY_UNIT, type Table } from './format.js';
import { discountText, formatMeasure, totalsText } from './measures.js';

export { formatCount, formatMillions, formatMoney, formatRate, formatThousands, MONEY_UNIT, type Table } from './format.js';

/** Title of the cost table (the board report picks it out by this). */
export const COST_TITLE = `Cost of the year (${MONEY_UNIT}, cash prices)`;
/** Title of the rates table (children aged 0-17). */
export const RATE_TITLE = 'Rate per 10,000 children aged 0-17, at 31 March';

/** Title of a projection's rates table: per 10,000 of the ages its population counts (0-17 unless the model says). */
export function rateTitle(p: Pick<Projection, 'populationAges'>): string {
  const a = p.populationAges;
  return a ? `Rate per 10,000 children and young people aged ${a.from}-${a.to}, at 31 March` : RATE_TITLE;
}

/** The heading of the column of all children the population counts: `All children 0-17`. */
export function allChildrenHeading(p: Pick<Projection, 'populationAges'>): string {
  const a = p.populationAges;
  return a ? `All aged ${a.from}-${a.to}` : 'All children 0-17';
}
/** Title of the children table. */
export const CHILDREN_TITLE = 'Children at 31 March';

/** Why a model without a population has no rates, for the note under its children table. */
const NO_POPULATION = 'The model has no population (no population section), so there is no count of all children aged 0-17 and no rate per 10,000: the model holds only the children in its states.';

/** Title of the table of young people reported apart (care leavers). */
export const APART_TITLE = 'Care leavers and young people past 17, apart from the children (cost £m, cash prices)';

/**
 * The states reported apart (care leavers past the population's ages): young people at 31 March
 * and their cost, which the cost of services above leaves out, so the children's totals read as
 * for children alone.
 */
function apartTable(p: Projection, s: PeriodSummary[], totals: HorizonTotal[], year: (x: PeriodSummary) => string): Table {
  const states = p.apart!.map((i) => ({ st: p.states[i], i }));
  const cost = (c: number[]) => states.map((a) => formatMillions(c[a.i]));
  const start = p.states.map((_, i) => stateTotal(p, p.initial, 0, i));
  return {
    title: APART_TITLE,
    columns: ['Year', ...states.map((a) => `${a.st.label} at 31 March`), ...states.map((a) => `Cost: ${a.st.label}`), 'Total cost', 'Total cost, discounted'],
    rows: [
      ['Start', ...states.map((a) => formatCount(start[a.i])), ...states.map(() => ''), '', ''],
      ...s.map((x) => [year(x), ...states.map((a) => formatCount(x.stock[a.i])), ...cost(x.cost), formatMillions(x.apartCost), formatMillions(x.apartCostDiscounted)]),
    ],
    totalRows: totals.map((t) => [t.label, ...states.map(() => ''), ...cost(t.cost), formatMillions(t.apartCost), formatMillions(t.apartCostDiscounted)]),
    note: 'Not in the children, rates or cost of services above, nor in compare\'s net saving: their cost is shown here only.',
  };
}

/** Children at the start in the ages the population counts (every active child, 0-17, by default). */
function startPopulation(p: Projection): number {
  const n = p.states.length;
  const counted = p.populationBands ?? p.bands.length;
  let t = 0;
  p.bands.forEach((_, b) => {
    if (b >= counted) return;
    p.states.forEach((st, s) => {
      if (!st.absorbing) t += p.initial[b * n + s];
    });
  });
  return t;
}

/** The standard set of tables for `carecast run`. */
export function projectionTables(p: Projection): Table[] {
  const s = summarise(p);
  const totals = horizonTotals(p, s);
  // Placement types of children in care have a table of their own; the main tables show care as one column.
  const care = careStates(p);
  const detail = new Set(care.states.length > 1 ? care.states : []);
  const active = p.states.map((st, i) => ({ st, i })).filter((x) => isChildState(p, x.i) && !detail.has(x.i));
  const groupIdx = p.groups.map((g) => g.states.map((id) => p.states.findIndex((st) => st.id === id)));
  const groupSum = (vals: number[], g: number) => groupIdx[g].reduce((a, i) => a + vals[i], 0);
  // The initial stock is one [band][state] block, read like a period's.
  const start = p.states.map((_, i) => stateTotal(p, p.initial, 0, i));
  const year = (x: PeriodSummary) => (x.partial ? `${x.label} (part)` : x.label);
  const tables: Table[] = [];

  // Without a population the "population" is the model's own children: no line of all children, no rates.
  const pop = p.hasPopulation;
  tables.push({
    title: CHILDREN_TITLE,
    columns: ['Year', ...active.map((a) => a.st.label), ...p.groups.map((g) => g.label), ...(pop ? [allChildrenHeading(p)] : [])],
    rows: [
      ['Start', ...active.map((a) => formatCount(start[a.i])), ...p.groups.map((_, g) => formatCount(groupSum(start, g))), ...(pop ? [formatCount(startPopulation(p))] : [])],
      ...s.map((x) => [year(x), ...active.map((a) => formatCount(x.stock[a.i])), ...p.groups.map((_, g) => formatCount(groupSum(x.stock, g))), ...(pop ? [formatCount(x.population)] : [])]),
    ],
    totalRows: [],
    note: pop ? `Start: ${p.start}.` : `Start: ${p.start}. ${NO_POPULATION}`,
  });

  if (pop) {
    tables.push({
      title: rateTitle(p),
      columns: ['Year', ...active.map((a) => a.st.label), ...p.groups.map((g) => g.label)],
      rows: s.map((x) => [year(x), ...active.map((a) => formatRate(per10k(x.stock[a.i], x.population))), ...p.groups.map((_, g) => formatRate(per10k(groupSum(x.stock, g), x.population)))]),
      totalRows: [],
    });
  }

  const allStates = p.states.map((st, i) => ({ st, i }));
  tables.push({
    title: 'Entries in the year (children entering each state; exits for absorbing states)',
    columns: ['Year', ...allStates.map((a) => a.st.label)],
    rows: s.map((x) => [year(x), ...allStates.map((a) => formatCount(x.entries[a.i]))]),
    totalRows: totals.map((t) => [t.label, ...allStates.map((a) => formatCount(t.entries[a.i]))]),
    ...(detail.size > 0 && { note: `Entries into a placement type of ${care.label.toLowerCase()} include children changing placement.` }),
  });

  const costed = p.states.map((st, i) => ({ st, i })).filter((a) => !detail.has(a.i) && !(p.apart ?? []).includes(a.i) && s.some((x) => x.cost[a.i] !== 0));
  const careCost = (cost: number[]) => (detail.size ? [formatMillions(care.states.reduce((t, i) => t + cost[i], 0))] : []);
  const v = p.values;
  tables.push({
    title: COST_TITLE,
    columns: ['Year', ...costed.map((a) => a.st.label), ...(detail.size ? [care.label] : []), ...p.flows.map((f) => f.label), 'Total', `Total discounted at ${pct(v.discountRate)}`],
    rows: s.map((x) => [year(x), ...costed.map((a) => formatMillions(x.cost[a.i])), ...careCost(x.cost), ...x.moveCost.map(formatMillions), formatMillions(x.totalCost), formatMillions(x.totalCostDiscounted)]),
    totalRows: totals.map((t) => [t.label, ...costed.map((a) => formatMillions(t.cost[a.i])), ...careCost(t.cost), ...t.moveCost.map(formatMillions), formatMillions(t.totalCost), formatMillions(t.totalCostDiscounted)]),
    note: `Price base ${financialYearLabel(v.priceBaseYear)}, inflation ${pct(v.inflation)} a year; state costs on the ${v.count === 'average' ? 'average of start and end' : v.count} stock of each step; discounting ${v.discountFirstPeriod ? 'from the first period' : 'from the second period (first undiscounted)'}.`,
  });

  if (p.apart?.length) tables.push(apartTable(p, s, totals, year));
  tables.push(...placementTables(p, s, totals, year));
  tables.push(...kpiTables(p, (k) => year(s[k])), ...durationTables(p, (k) => year(s[k])), ...historyTables(p, (k) => year(s[k])));

  // FTE measures are averages in the year, in their own tables; the rest are summed.
  const summed = p.measures.map((m, i) => ({ m, i })).filter((x) => x.m.kind !== 'fte');
  if (summed.length) tables.push(measuresTable(summed, s, totals, year));
  tables.push(...fteTables(p, s, totals, year));
  return tables;
}

/**
 * Measures summed over the year, undiscounted and (where discounted) discounted, with 5- and
 * 10-year totals for the measures whose totals mean something.
 */
function measuresTable(summed: { m: Measure; i: number }[], s: PeriodSummary[], totals: HorizonTotal[], year: (x: PeriodSummary) => string): Table {
  const cols = summed.flatMap(({ m, i }) => [
    { heading: m.label, year: (x: PeriodSummary) => x.measures[i], total: (t: HorizonTotal) => t.measures[i], m },
    ...(m.discountRate > 0 ? [{ heading: `${m.label}, discounted`, year: (x: PeriodSummary) => x.measuresDiscounted[i], total: (t: HorizonTotal) => t.measuresDiscounted[i], m }] : []),
  ]);
  const anyTotals = summed.some(({ m }) => m.totals);
  return {
    title: 'Other measures (summed over the year)',
    columns: ['Year', ...cols.map((c) => c.heading)],
    rows: s.map((x) => [year(x), ...cols.map((c) => formatMeasure(c.m, c.year(x)))]),
    totalRows: anyTotals ? totals.map((t) => [t.label, ...cols.map((c) => (c.m.totals ? formatMeasure(c.m, c.total(t)) : '–'))]) : [],
    note: summed
      .map(({ m }) => `${m.label}: ${discountText(m)}; ${totalsText(m)}.`)
      .join(' '),
  };
}

function pct(x: number): string {
  return `${+(x * 100).toFixed(2)}%`;
}

/** Renders tables as Markdown a board paper can take as it is. */
export function renderMarkdown(title: string, tables: Table[], warnings: string[] = []): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  const out: string[] = [`# ${title}`, ''];
  for (const w of warnings) out.push(`> Warning: ${w}`, '');
  for (const t of tables) {
    out.push(`## ${t.title}`, '');
    out.push(`| ${t.columns.map(esc).join(' | ')} |`);
    out.push(`|${t.columns.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`);
    for (const r of [...t.rows, ...t.totalRows.map((r) => r.map((c, i) => (i === 0 ? `**${c}**` : c)))]) out.push(`| ${r.map(esc).join(' | ')} |`);
    if (t.note) out.push('', t.note);
    out.push('');
  }
  return out.join('\n');
}
