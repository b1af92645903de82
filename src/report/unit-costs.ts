/**
 * The unit-cost table: each state's cost a week, split into what is paid for the placement and
 * what is paid for every child of a group (social work, overheads), so every row adds up; for a
 * placement mix, each type's share and weighted cost, which add up to the mix's all-in cost.
 */
import { WEEKS_PER_YEAR } from '../model/build/values.js';
import { financialYearLabel } from '../model/time.js';
import type { Model } from '../model/types.js';
import type { Table } from './format.js';

const pounds = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** £ a week to the penny (unit costs are stated to the penny, e.g. £304.38). */
function week(perYear: number): string {
  return pounds.format(perYear / WEEKS_PER_YEAR + 0);
}

/**
 * Unit costs at the price base: per state, its own cost plus each group's cost per child; per
 * mix, each placement type with its share. With `startStock` (children by state at the start),
 * a group's cost blended over its states by the children in each at the start.
 */
export function unitCostTable(model: Pick<Model, 'states' | 'groups' | 'values'>, startStock?: number[]): Table {
  const v = model.values;
  const groupCosts = v.groupCosts ?? [];
  const labelOf = (id: string) => model.states.find((s) => s.id === id)?.label ?? model.groups.find((g) => g.id === id)?.label ?? id;
  const groupsOf = (id: string) => groupCosts.filter((g) => model.groups.find((x) => x.id === g.group)?.states.includes(id));
  const rows: string[][] = [];
  const totalRows: string[][] = [];
  for (const [id, perYear] of Object.entries(v.costPerYear)) {
    const mix = v.mixes.find((m) => m.state === id);
    const shared = groupCosts.map((g) => (groupsOf(id).includes(g) ? g.perYear : 0));
    const own = perYear - shared.reduce((a, x) => a + x, 0);
    // A mix's own cost is its cost per child in any placement plus each type's share of its cost.
    rows.push([labelOf(id), mix ? '100%' : '', mix ? `${week(mix.basePerYear)} + mix` : week(own), ...shared.map((x) => (x ? week(x) : '')), week(perYear)]);
    for (const t of mix?.types ?? []) rows.push([`- ${t.label}`, `${+(t.share * 100).toFixed(1)}%`, week(t.perYear), ...shared.map(() => ''), `${week(t.share * t.perYear)} weighted`]);
  }
  if (startStock) {
    for (const g of groupCosts) {
      const members = model.groups.find((x) => x.id === g.group)?.states ?? [];
      const idx = members.map((id) => model.states.findIndex((s) => s.id === id)).filter((i) => i >= 0);
      const children = idx.reduce((a, i) => a + startStock[i], 0);
      if (children <= 0) continue;
      const blend = idx.reduce((a, i) => a + startStock[i] * (v.costPerYear[model.states[i].id] ?? 0), 0) / children;
      totalRows.push([`${labelOf(g.group)}, blended by the ${whole.format(children)} children at the start`, '', '', ...groupCosts.map(() => ''), week(blend)]);
    }
  }
  // The share column only where a state's cost is a mix of placement types.
  const keep = (r: string[]) => (v.mixes.length ? r : r.filter((_, c) => c !== 1));
  return {
    title: `Unit costs at ${financialYearLabel(v.priceBaseYear)} prices (£ a week per child)`,
    columns: keep(['Unit cost', 'Share', 'Own cost', ...groupCosts.map((g) => `+ for every child: ${labelOf(g.group)}`), 'All in']),
    rows: rows.map(keep),
    totalRows: totalRows.map(keep),
    note: "£ a week per child at the price base (inflated in each year's figures). All in: the state's own cost plus the cost for every child of a group it is in (such as social work for every child in care). A mix's own cost is its cost for every child plus each placement type's cost times its share (the weighted figures, which add up to it).",
  };
}
