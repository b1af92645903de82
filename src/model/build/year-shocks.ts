/** The `uncertainty.year_shocks` section: shocks to moves lasting a financial year, correlated across years. */
import type { ModelFile } from '../schema.js';
import type { State, YearShock } from '../types.js';
import type { Path } from './issues.js';

/** What year shocks are checked against. */
export interface YearShockContext {
  states: State[];
  stateRef: (path: Path, id: string, opts?: { active?: boolean }) => number;
  resolveAges: (path: Path, spec: string | string[] | undefined) => number[];
  add: (path: Path, message: string, expected?: string) => void;
}

/** The year shocks of `raw`, with located problems for unknown states and moves onto themselves. */
export function buildYearShocks(raw: ModelFile, c: YearShockContext): YearShock[] {
  const out: YearShock[] = [];
  (raw.uncertainty?.year_shocks ?? []).forEach((e, i) => {
    const path: Path = ['uncertainty', 'year_shocks', i];
    const refs = (field: 'from' | 'to', active: boolean) => {
      const ids = [e[field]].flat();
      return ids.map((id, k) => c.stateRef(Array.isArray(e[field]) ? [...path, field, k] : [...path, field], id, { active }));
    };
    const from = refs('from', true);
    const to = refs('to', false);
    const bands = c.resolveAges([...path, 'ages'], e.ages);
    if (from.some((s) => s < 0) || to.some((s) => s < 0) || bands.length === 0) return;
    const same = from.find((s) => to.includes(s));
    if (same !== undefined) {
      c.add([...path, 'to'], `'${c.states[same].id}' is both a from and a to state; the stay probability takes up the change`, 'moves to other states');
      return;
    }
    const names = (xs: number[]) => xs.map((s) => c.states[s].id).join(', ');
    out.push({ label: e.label ?? `moves from ${names(from)} to ${names(to)}`, from, to, bands, sd: e.sd, persistence: e.persistence ?? 0 });
  });
  return out;
}
