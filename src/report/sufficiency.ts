/**
 * Sufficiency: for each capacity-limited state, places held against the children who would be
 * placed there without the limit, the overflow, and what the overflow costs.
 */
import type { Projection } from '../engine/project.js';
import { stateTotal } from './summary.js';

/** One capacity's figures for one financial year. */
export interface SufficiencyYear {
  label: string;
  partial: boolean;
  /** Places at 31 March (the end of the period). */
  places: number;
  /** Children in the limited state at 31 March. */
  placed: number;
  /** Children who would be placed there without the limit: those placed plus those displaced. */
  demand: number;
  /** Children in the overflow state at 31 March because the limited state was full. */
  overflow: number;
  /** Children sent to the overflow state in the year. */
  overflowEntries: number;
  /** Places not filled at 31 March. */
  vacant: number;
  /** What the displaced children cost beyond a place in the limited state (cash, discounted). */
  extraCost: number;
  extraCostDiscounted: number;
}

/** A capacity with its state labels and its years. */
export interface Sufficiency {
  state: string;
  label: string;
  overflowState: string;
  overflowLabel: string;
  years: SufficiencyYear[];
}

/** The sufficiency figures of every capacity of a projection. */
export function sufficiency(p: Projection): Sufficiency[] {
  const r = p.result;
  const nc = p.capacities.length;
  return p.capacities.map((cap, c) => {
    const s = p.states.findIndex((x) => x.id === cap.state);
    const o = p.states.findIndex((x) => x.id === cap.overflow);
    return {
      state: cap.state,
      label: cap.label,
      overflowState: cap.overflow,
      overflowLabel: p.states[o].label,
      years: p.periods.map((period, k) => {
        const at = k * nc + c;
        const placed = stateTotal(p, r.stock, k, s);
        const overflow = r.overflowStock[at];
        return {
          label: period.label,
          partial: period.partial,
          places: r.capacityPlaces[at],
          placed,
          demand: placed + overflow,
          overflow,
          overflowEntries: r.overflowEntries[at],
          vacant: Math.max(0, r.capacityPlaces[at] - placed),
          extraCost: r.overflowCost[at],
          extraCostDiscounted: r.overflowCostDiscounted[at],
        };
      }),
    };
  });
}
