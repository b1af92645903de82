/** The `states` section, and references to states from every other section. */
import type { ModelFile } from '../schema.js';
import type { State } from '../types.js';
import type { IssueCollector, Path } from './issues.js';
import { withSuggestion } from '../suggest.js';

/** What a reference to a state must be. */
export interface StateRefOptions {
  active?: boolean;
  absorbing?: boolean;
}

/** The model's states, their index by id, and a checked lookup. */
export interface StatesSection {
  states: State[];
  index: Map<string, number>;
  n: number;
  /** Index of the state `id` at `path`, or -1 after collecting the problem. */
  ref: (path: Path, id: string, opts?: StateRefOptions) => number;
}

/** Reads the states; a repeated id or a model with no active state is a problem. */
export function buildStates(raw: ModelFile, c: IssueCollector): StatesSection {
  const states: State[] = raw.states.map((s) => ({ id: s.id, label: s.label ?? s.id, ...(s.short_label !== undefined && { shortLabel: s.short_label }), absorbing: s.absorbing ?? false }));
  const index = new Map<string, number>();
  states.forEach((s, i) => {
    if (index.has(s.id)) c.add(['states', i, 'id'], `state '${s.id}' is declared twice`);
    else index.set(s.id, i);
  });
  if (!states.some((s) => !s.absorbing)) c.add(['states'], 'every state is absorbing', 'at least one state children can move out of');
  const ids = states.map((s) => s.id);
  // Group ids are named like states, so they are suggested too.
  const groupIds = [...(raw.groups ?? []), ...(raw.report?.groups ?? [])].map((g) => g.id).filter((g) => !index.has(g));
  const names = [...ids, ...groupIds];
  const known = `one of ${ids.join(', ')}${groupIds.length ? ` (or a group: ${groupIds.join(', ')})` : ''}`;
  const ref = (path: Path, id: string, opts: StateRefOptions = {}): number => {
    const i = index.get(id);
    if (i === undefined) {
      c.add(path, withSuggestion(`unknown state '${id}'`, id, names), known);
      return -1;
    }
    if (opts.active && states[i].absorbing) {
      c.add(path, `state '${id}' is absorbing here`, 'a state children can move out of');
      return -1;
    }
    if (opts.absorbing && !states[i].absorbing) {
      c.add(path, `state '${id}' is not absorbing`, 'an absorbing (exit) state');
      return -1;
    }
    return i;
  };
  return { states, index, n: states.length, ref };
}
