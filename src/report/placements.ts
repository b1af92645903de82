/**
 * Children in care by placement type and what each type costs: the share of children and the
 * share of spend, so a board paper can say "residential is 11% of children and 43% of spend".
 */
import type { Projection } from '../engine/project.js';
import { careStates } from '../model/care.js';
import type { PeriodSummary } from './summary.js';

/** One placement type in one year. */
export interface PlacementYear {
  children: number;
  childrenShare: number;
  cost: number;
  costShare: number;
}

/** Placement types of children in care and their years; null when care is one state. */
export interface Placements {
  label: string;
  types: { id: string; label: string; state: number }[];
  /** `years[k][t]`. */
  years: PlacementYear[][];
}

/** Children (31 March) and cost (cash) of each state in the care group, year by year. */
export function placements(p: Projection, summaries: PeriodSummary[]): Placements | null {
  const care = careStates(p);
  if (care.states.length < 2) return null;
  const types = care.states.map((s) => ({ id: p.states[s].id, label: p.states[s].label, state: s }));
  const years = summaries.map((x) => {
    const children = care.states.reduce((t, s) => t + x.stock[s], 0);
    const cost = care.states.reduce((t, s) => t + x.cost[s], 0);
    return types.map((t) => ({
      children: x.stock[t.state],
      childrenShare: children > 0 ? x.stock[t.state] / children : 0,
      cost: x.cost[t.state],
      costShare: cost > 0 ? x.cost[t.state] / cost : 0,
    }));
  });
  return { label: care.label, types, years };
}
