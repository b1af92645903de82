/** The `transitions` section: one row-stochastic matrix per age band, and counts behind rows. */
import type { ModelFile } from '../schema.js';
import type { TransitionMatrix } from '../types.js';
import type { AgesSection } from './ages.js';
import type { GroupsSection } from './groups.js';
import { fmt, type IssueCollector, type Path } from './issues.js';
import type { StatesSection } from './states.js';

/** Tolerance for a row of probabilities to sum to 1. */
export const ROW_SUM_TOLERANCE = 1e-9;

/** The matrices by band, and the observed counts behind each row where given: `[band][state]`. */
export interface TransitionsSection {
  matrices: TransitionMatrix[];
  counts: (Float64Array | null)[][];
}

/**
 * Reads the rows (probabilities, stay as the complement unless stated) or counts (normalised)
 * into a matrix per band. A row for named ages beats one for all ages; every active state needs a
 * row in every band; absorbing states keep their children. A row written for a group is the row
 * of each of its states that has none of its own in the same entry; a move to a group is shared
 * among its states by the group's split for the band (from a state of the group, among the others).
 */
export function buildTransitions(raw: ModelFile, c: IssueCollector, st: StatesSection, ag: AgesSection, gr: GroupsSection): TransitionsSection {
  const { states, n } = st;
  const { bands } = ag;
  const matrices: TransitionMatrix[] = bands.map(() => ({ n, p: new Float64Array(n * n) }));
  const counts: (Float64Array | null)[][] = bands.map(() => states.map(() => null));
  const filled: ({ specific: boolean; m: number } | null)[][] = bands.map(() => states.map(() => null));
  // States whose row was refused: already reported, so not reported again as missing.
  const refused = new Set<string>();
  // States with a row refused in any entry: their other bands' rows may be in the refused one.
  const everRefused = new Set<string>();
  raw.transitions.matrices.forEach((entry, m) => {
    const base: Path = ['transitions', 'matrices', m];
    const bandIds = ag.resolve([...base, 'ages'], entry.ages);
    const specific = entry.ages !== undefined && entry.ages !== 'all';
    if (!!entry.rows === !!entry.counts) {
      c.add(base, 'give either rows (probabilities) or counts (observed moves), not both or neither');
      for (const id of [...Object.keys(entry.rows ?? {}), ...Object.keys(entry.counts ?? {})]) refused.add(id);
      return;
    }
    const kind = entry.rows ? 'rows' : 'counts';
    const table = (entry.rows ?? entry.counts) as Record<string, Record<string, number | 'rest'>>;
    // Group rows stand for their states, except those with a row of their own here.
    const rows: [string, string, Record<string, number | 'rest'>][] = [];
    for (const [key, cells] of Object.entries(table)) {
      const m = gr.members(key);
      if (!m) rows.push([key, key, cells]);
      else for (const s of m) if (!(st.states[s].id in table)) rows.push([st.states[s].id, key, cells]);
    }
    // A group row that fails fails the same way for each of its states: reported once.
    const failedGroupRows = new Set<string>();
    for (const [fromId, key, cells] of rows) {
      const rowPath: Path = [...base, kind, key];
      // A state with a refused row is not reported again as missing rows (the fix may add them).
      refused.add(fromId);
      if (failedGroupRows.has(key)) {
        everRefused.add(fromId);
        continue;
      }
      const row = readRow(c, st, gr, rowPath, fromId, cells, kind);
      if (!row) {
        everRefused.add(fromId);
        if (key !== fromId) failedGroupRows.add(key);
        continue;
      }
      const from = st.index.get(fromId)!;
      refused.delete(fromId);
      for (const b of bandIds) {
        const prev = filled[b][from];
        if (prev && prev.specific === specific) {
          c.add(rowPath, `state '${fromId}' in ages ${bands[b].label} already has a row (transitions.matrices[${prev.m}])`, 'one row per state and age band');
          continue;
        }
        if (prev && prev.specific && !specific) continue; // a row for named ages beats one for all ages
        const p = row.inBand(b);
        if (!p) {
          refused.add(fromId); // reported where the row was read
          continue;
        }
        filled[b][from] = { specific, m };
        matrices[b].p.set(p, from * n);
        counts[b][from] = row.counts;
      }
    }
  });
  states.forEach((s, i) => {
    if (s.absorbing) {
      for (const mtx of matrices) mtx.p[i * n + i] = 1;
      return;
    }
    const missing = bands.filter((_, b) => !filled[b][i]).map((b) => b.label);
    if (missing.length && st.index.get(s.id) === i && !refused.has(s.id) && !everRefused.has(s.id) && !ag.broken) {
      c.add(['transitions', 'matrices'], `state '${s.id}' has no transition row${ag.declared ? ` for ages ${missing.join(', ')}` : ''}`, 'a row for every state children can leave, in every age band');
    }
  });
  return { matrices, counts };
}

/** A row read once; its probabilities in a band (group moves split by the band's shares). */
interface ReadRow {
  inBand: (band: number) => Float64Array | null;
  counts: Float64Array | null;
}

/** One row as probabilities (and its counts, when given as counts), or null after a problem. */
function readRow(
  c: IssueCollector,
  st: StatesSection,
  gr: GroupsSection,
  rowPath: Path,
  fromId: string,
  cells: Record<string, number | 'rest'>,
  kind: 'rows' | 'counts',
): ReadRow | null {
  const { states, n } = st;
  const from = st.ref(rowPath, fromId);
  if (from < 0) return null;
  if (states[from].absorbing) {
    c.add(rowPath, `'${fromId}' is absorbing, so it has no row`, 'rows only for states children can leave');
    return null;
  }
  const row = new Float64Array(n);
  const toGroups: { id: string; v: number; path: Path }[] = [];
  let rest = -1;
  let sum = 0;
  let ok = true;
  for (const [toId, v] of Object.entries(cells)) {
    if (gr.members(toId)) {
      if (v === 'rest' || kind === 'counts') { c.add([...rowPath, toId], `a move to group '${toId}' is shared by its split`, "a probability (counts and 'rest' name states)"); ok = false; continue; }
      toGroups.push({ id: toId, v, path: [...rowPath, toId] });
      sum += v;
      continue;
    }
    const to = st.ref([...rowPath, toId], toId);
    if (to < 0) { ok = false; continue; }
    if (v === 'rest') {
      if (rest >= 0) { c.add([...rowPath, toId], "only one entry of a row can be 'rest'"); ok = false; }
      rest = to;
    } else {
      row[to] = v;
      sum += v;
    }
  }
  if (!ok) return null;
  if (kind === 'counts') {
    if (sum <= 0) { c.add(rowPath, `the counts of row '${fromId}' add up to 0`, 'at least one observed move or stay'); return null; }
    const rowCounts = row.slice();
    for (let j = 0; j < n; j++) row[j] /= sum;
    return { inBand: () => row, counts: rowCounts };
  }
  // Users give the moves; the stay probability is the complement unless stated.
  if (rest < 0 && !(fromId in cells)) rest = from;
  if (rest >= 0) {
    const r = 1 - sum;
    if (r < -ROW_SUM_TOLERANCE) {
      c.push({ path: rowPath, kind: 'row_sum', message: `row '${fromId}' sums to ${fmt(sum)} before its complement ('rest' for ${states[rest].id}), more than 1`, expected: 'moves that add up to at most 1' });
      return null;
    }
    row[rest] = Math.max(0, r);
  } else if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
    c.push({ path: rowPath, kind: 'row_sum', message: `row '${fromId}' sums to ${fmt(sum)}, not 1 (difference ${fmt(sum - 1)})`, expected: "probabilities that sum to 1 within 1e-9, or leave out the stay probability (or write 'rest') to take the complement" });
    return null;
  }
  if (toGroups.length === 0) return { inBand: () => row, counts: null };
  const reported = new Set<string>();
  return {
    counts: null,
    inBand: (b) => {
      const out = row.slice();
      for (const g of toGroups) {
        const split = gr.split(g.id, b);
        if (!split) {
          if (!reported.has(g.id) && !gr.splitRefused(g.id)) c.add(g.path, `group '${g.id}' has no split to share a move among its states`, `a split in the group's declaration, or moves to its states by name`);
          reported.add(g.id);
          return null;
        }
        // From a state of the group: a move to another of its states (a placement change).
        const own = split[from];
        if (own >= 1) {
          c.add(g.path, `'${fromId}' takes the whole split of '${g.id}' in some ages, so a move to another of its states has nowhere to go`, 'a split with other states');
          return null;
        }
        for (let j = 0; j < n; j++) if (j !== from && split[j] > 0) out[j] += (g.v * split[j]) / (1 - own);
      }
      return out;
    },
  };
}
