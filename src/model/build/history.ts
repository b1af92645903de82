/**
 * The `history` section: which states are split by "been here before", the states that carry the
 * memory, and the moves of children who were there before. Checked here against the file;
 * `model/history.ts` expands the built model.
 */
import type { HistoryDecl } from '../history.js';
import type { ModelFile } from '../schema.js';
import type { IssueCollector, Path } from './issues.js';
import type { GroupsSection } from './groups.js';
import type { StatesSection } from './states.js';

/** Reads the flags in the order written; problems go to `c` (the flag is left out). */
export function buildHistory(raw: ModelFile, c: IssueCollector, st: StatesSection, gr: GroupsSection): HistoryDecl[] {
  const out: HistoryDecl[] = [];
  for (const [id, h] of Object.entries(raw.history ?? {})) {
    const base: Path = ['history', id];
    const f = st.ref(base, id, { active: true });
    if (f < 0) continue;
    let ok = true;
    const carriedBy: string[] = [];
    h.carried_by.forEach((cid, k) => {
      const members = gr.refs([...base, 'carried_by', k], cid, { active: true });
      if (members.length === 0) ok = false;
      else if (members.includes(f)) {
        c.add([...base, 'carried_by', k], `'${cid}' is the flagged state itself`, 'states children go to when they leave it');
        ok = false;
      } else for (const m of members) carriedBy.push(st.states[m].id);
    });
    const known = new Set([id, ...carriedBy]);
    const rows = new Map<string, Map<string, number>>();
    for (const [from, cells] of Object.entries(h.rows ?? {})) {
      if (!known.has(from)) {
        c.add([...base, 'rows', from], `'${from}' is neither '${id}' nor a state carrying its flag`, `one of ${[...known].join(', ')}`);
        ok = false;
        continue;
      }
      const row = new Map<string, number>();
      for (const [to, v] of Object.entries(cells)) {
        if (st.ref([...base, 'rows', from, to], to) < 0) ok = false;
        else if (to === from) {
          c.add([...base, 'rows', from, to], `'${to}' is the row's own state: its stay probability is the complement of its moves`, 'moves to other states');
          ok = false;
        } else row.set(to, v);
      }
      rows.set(from, row);
    }
    const initial = new Map<string, number>();
    for (const [sid, share] of Object.entries(h.initial ?? {})) {
      if (!known.has(sid)) {
        c.add([...base, 'initial', sid], `'${sid}' is neither '${id}' nor a state carrying its flag`, `one of ${[...known].join(', ')}`);
        ok = false;
      } else initial.set(sid, share);
    }
    if (ok) out.push({ state: id, carriedBy, forgetMonths: h.forget_after ?? null, repeatLabel: h.repeat_label ?? 'repeat', rows, initial, path: base });
  }
  return out;
}
