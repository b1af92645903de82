/** Tables of placements (children and spend by placement type) and sufficiency (places and overflow). */
import type { Projection } from '../engine/project.js';
import { placements } from './placements.js';
import type { HorizonTotal, PeriodSummary } from './summary.js';
import { sufficiency } from './sufficiency.js';
import { formatCount, formatMillions, type Table } from './format.js';

const share = (x: number) => `${Math.round(x * 100)}%`;

/** Children in care by placement type, spend by placement type, and a sufficiency table per capacity. */
export function placementTables(p: Projection, s: PeriodSummary[], totals: HorizonTotal[], year: (x: PeriodSummary) => string): Table[] {
  const tables: Table[] = [];
  const pl = placements(p, s);
  if (pl) {
    const first = pl.years[0];
    const top = first.map((y, t) => ({ y, t })).sort((a, b) => b.y.costShare - a.y.costShare)[0];
    tables.push({
      title: `${pl.label} by placement type, at 31 March (children, and share of children in care)`,
      columns: ['Year', ...pl.types.map((t) => t.label)],
      rows: s.map((x, k) => [year(x), ...pl.years[k].map((y) => `${formatCount(y.children)} (${share(y.childrenShare)})`)]),
      totalRows: [],
    });
    tables.push({
      title: `Cost of ${pl.label.toLowerCase()} by placement type (£m, cash prices, and share of the spend on care)`,
      columns: ['Year', ...pl.types.map((t) => t.label)],
      rows: s.map((x, k) => [year(x), ...pl.years[k].map((y) => `${formatMillions(y.cost)} (${share(y.costShare)})`)]),
      totalRows: totals.map((t) => [t.label, ...pl.types.map((x) => formatMillions(t.cost[x.state]))]),
      note: `In ${s[0].label}, ${pl.types[top.t].label.toLowerCase()} is ${share(top.y.childrenShare)} of children in care and ${share(top.y.costShare)} of the spend on their placements and care. Costs include the cost per child in any placement.`,
    });
  }
  for (const c of sufficiency(p)) {
    const byPeriod = new Map(c.years.map((y) => [y.label, y]));
    tables.push({
      title: `Sufficiency: ${c.label} (places and children at 31 March; £m, cash prices)`,
      columns: ['Year', 'Places', 'Children placed', 'Vacant places', 'Places needed (demand)', `Placed instead: ${c.overflowLabel}`, 'Sent there in the year', 'Extra cost of the overflow', 'Extra cost, discounted'],
      rows: s.map((x) => {
        const y = byPeriod.get(x.label)!;
        return [year(x), formatCount(y.places), formatCount(y.placed), formatCount(y.vacant), formatCount(y.demand), formatCount(y.overflow), formatCount(y.overflowEntries), formatMillions(y.extraCost), formatMillions(y.extraCostDiscounted)];
      }),
      totalRows: totals.map((t) => {
        const take = c.years.filter((y) => !y.partial).slice(0, t.years);
        const sum = (f: (y: (typeof take)[number]) => number) => take.reduce((a, y) => a + f(y), 0);
        return [t.label, '–', '–', '–', '–', '–', formatCount(sum((y) => y.overflowEntries)), formatMillions(sum((y) => y.extraCost)), formatMillions(sum((y) => y.extraCostDiscounted))];
      }),
      note: `Places needed: the children placed plus those placed in ${c.overflowLabel.toLowerCase()} because no place was free (they stay there when places free, as councils rarely move a child from a stable placement). Extra cost: what those children cost beyond a place of the council's own.`,
    });
  }
  return tables;
}
