/** The `values` section: unit costs, placement mixes, costed moves, measures. */
import type { ModelFile } from '../schema.js';
import { financialYearOf, parseFinancialYear } from '../time.js';
import type { CostMix, Measure, PlacementType, TransitionValue } from '../types.js';
import type { GroupsSection } from './groups.js';
import { fmt, type IssueCollector } from './issues.js';
import type { StatesSection } from './states.js';
import { ROW_SUM_TOLERANCE } from './transitions.js';

/** Weeks in a year, for unit costs given per week. */
export const WEEKS_PER_YEAR = 365.25 / 7;

/** Unit costs and other values as read, before defaults are filled in. */
export interface ValuesSection {
  priceBaseYear: number;
  costPerYear: Record<string, number>;
  mixes: CostMix[];
  transitionCosts: TransitionValue[];
  measures: Measure[];
  groupCosts: { group: string; perYear: number }[];
}

/** Reads unit costs (per week or per year, or a mix of placement types), costed moves and measures. */
export function buildValues(raw: ModelFile, col: IssueCollector, st: StatesSection, gr: GroupsSection, start: Date | null): ValuesSection {
  const add = col.add.bind(col);
  const stateRef = st.ref;
  const v = raw.values ?? {};
  let priceBaseYear = start ? financialYearOf(start) : 0;
  if (v.price_base !== undefined) {
    const y = parseFinancialYear(v.price_base);
    if (y === null) add(['values', 'price_base'], `'${v.price_base}' is not a financial year`, 'e.g. 2024-25');
    else priceBaseYear = y;
  }
  const costPerYear: Record<string, number> = {};
  const mixes: CostMix[] = [];
  const perYear = (c: { per_week?: number; per_year?: number }) => c.per_year ?? (c.per_week ?? 0) * WEEKS_PER_YEAR;
  // A group's cost (e.g. social work for every child in care) is added to each of its states'.
  const groupCosts: [string, number][] = [];
  for (const [sid, c] of Object.entries(v.costs ?? {})) {
    if (gr.members(sid)) {
      if (c.mix || (c.per_week === undefined) === (c.per_year === undefined)) add(['values', 'costs', sid], "a group's cost is per_week or per_year (one of them), added to each of its states' costs");
      else groupCosts.push([sid, perYear(c)]);
      continue;
    }
    if (stateRef(['values', 'costs', sid], sid) < 0) continue;
    const both = c.per_week !== undefined && c.per_year !== undefined;
    if (!c.mix) {
      if (both || (c.per_week === undefined && c.per_year === undefined)) add(['values', 'costs', sid], 'give the unit cost as per_week or per_year (one of them)');
      else costPerYear[sid] = perYear(c);
      continue;
    }
    // A mix: the cost per child in any placement (optional) plus each placement type's share.
    if (both) add(['values', 'costs', sid], 'give the cost per child in any placement as per_week or per_year, not both');
    let shares = 0;
    const types: PlacementType[] = [];
    for (const [tid, t] of Object.entries(c.mix)) {
      if ((t.per_week === undefined) === (t.per_year === undefined)) add(['values', 'costs', sid, 'mix', tid], 'give the placement cost as per_week or per_year (one of them)');
      shares += t.share;
      types.push({ id: tid, label: t.label ?? tid, share: t.share, perYear: perYear(t) });
    }
    if (types.length === 0) add(['values', 'costs', sid, 'mix'], 'the mix has no placement types', 'at least one type with a share and a cost');
    else if (Math.abs(shares - 1) > ROW_SUM_TOLERANCE) add(['values', 'costs', sid, 'mix'], `the shares add up to ${fmt(shares)}, not 1`, 'shares of the placement types that add up to 1');
    const basePerYear = perYear(c);
    mixes.push({ state: sid, basePerYear, types });
    costPerYear[sid] = basePerYear + types.reduce((a, t) => a + t.share * t.perYear, 0);
  }
  for (const [gid, c] of groupCosts) for (const s of gr.members(gid)!) costPerYear[st.states[s].id] = (costPerYear[st.states[s].id] ?? 0) + c;
  const transitionCosts: TransitionValue[] = [];
  (v.transition_costs ?? []).forEach((t, i) => {
    // A group on either side counts every move between its states and the other side's.
    const from = gr.refs(['values', 'transition_costs', i, 'from'], t.from);
    const to = gr.refs(['values', 'transition_costs', i, 'to'], t.to);
    if (from.length === 0 || to.length === 0) return;
    const pairs: [string, string][] = [];
    for (const a of from) for (const b of to) if (a !== b) pairs.push([st.states[a].id, st.states[b].id]);
    if (pairs.length === 0) add(['values', 'transition_costs', i], 'a move needs two different states');
    else transitionCosts.push({ from: t.from, to: t.to, pairs, cost: t.cost, label: t.label ?? `${t.from} to ${t.to}` });
  });
  const measures: Measure[] = [];
  (v.measures ?? []).forEach((m, i) => {
    // A group stands for each of its states (their own entries win).
    const perYearOf: Record<string, number> = {};
    for (const [sid, x] of Object.entries(m.per_year)) {
      const states = gr.refs(['values', 'measures', i, 'per_year', sid], sid);
      for (const s of states) if (!(st.states[s].id in m.per_year) || st.states[s].id === sid) perYearOf[st.states[s].id] = x;
    }
    if (m.id === 'cost') add(['values', 'measures', i, 'id'], "'cost' is reserved", 'another id');
    measures.push({ id: m.id, label: m.label ?? m.id, perYear: perYearOf, discountRate: m.discount_rate ?? 0, kind: m.kind ?? 'total', totals: m.totals ?? m.kind !== 'fte' });
  });
  return { priceBaseYear, costPerYear, mixes, transitionCosts, measures, groupCosts: groupCosts.map(([group, perYear]) => ({ group, perYear })) };
}
