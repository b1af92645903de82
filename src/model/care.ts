/** Which states are "children in care": the group `cic`, the state `cic`, or the last active state. */
import type { ReportGroup, State } from './types.js';

/** Children in care, for headlines, fan charts and the tornado's second measure. */
export interface CareStates {
  id: string;
  label: string;
  /** Indices of the states summed. */
  states: number[];
}

/**
 * The states a model counts as children in care: its group `cic` (every placement type), or its
 * state `cic`, or, in a model with neither, its last active state.
 *
 * @example
 * careStates(loadModel('models/example.yaml')).states.length; // 8 placement types
 */
export function careStates(m: { states: State[]; groups: ReportGroup[] }): CareStates {
  const group = m.groups.find((g) => g.id === 'cic');
  if (group) return { id: group.id, label: group.label, states: group.states.map((id) => m.states.findIndex((s) => s.id === id)) };
  const i = m.states.findIndex((s) => s.id === 'cic');
  const at = i >= 0 ? i : m.states.map((s) => !s.absorbing).lastIndexOf(true);
  return { id: m.states[at].id, label: m.states[at].label, states: [at] };
}
