/**
 * Groups of states (`groups`, and the older `report.groups`): reported together, and named like a
 * state in transition rows, direct entries, costed moves and scenarios. A group may hold other
 * groups. Its `split` says where a move into the group lands in each age band (e.g. the first
 * placement of a child entering care).
 */
import type { ModelFile } from '../schema.js';
import type { ReportGroup } from '../types.js';
import type { AgesSection } from './ages.js';
import { fmt, type IssueCollector, type Path } from './issues.js';
import type { StatesSection } from './states.js';
import { ROW_SUM_TOLERANCE } from './transitions.js';

/** The groups, with members as state indices and splits by band. */
export interface GroupsSection {
  groups: ReportGroup[];
  /** State indices of a group, or undefined when `id` is not a group. */
  members: (id: string) => number[] | undefined;
  /** Shares of the group's states (length n, adding to 1) a move into it takes in band b, or null without a split. */
  split: (id: string, band: number) => Float64Array | null;
  /** True when the group declares a split that was refused (already reported). */
  splitRefused: (id: string) => boolean;
  /**
   * The states `id` names at `path`: itself for a state, the members for a group; [] after
   * collecting the problem.
   */
  refs: (path: Path, id: string, opts?: { active?: boolean }) => number[];
}

type RawGroup = NonNullable<ModelFile['groups']>[number];

/** Reads the groups, flattening groups of groups (a loop is a problem). */
export function buildGroups(raw: ModelFile, c: IssueCollector, st: StatesSection, ag: AgesSection): GroupsSection {
  const declared: { g: RawGroup; path: Path }[] = [
    ...(raw.groups ?? []).map((g, i) => ({ g, path: ['groups', i] as Path })),
    ...(raw.report?.groups ?? []).map((g, i) => ({ g, path: ['report', 'groups', i] as Path })),
  ];
  const byId = new Map<string, { g: RawGroup; path: Path }>();
  for (const d of declared) {
    if (st.index.has(d.g.id)) c.add([...d.path, 'id'], `'${d.g.id}' is already a state`, 'a group id that is not a state id');
    else if (byId.has(d.g.id)) c.add([...d.path, 'id'], `group '${d.g.id}' is declared twice`);
    else byId.set(d.g.id, d);
  }
  const flat = new Map<string, number[]>();
  const flatten = (id: string, seen: string[]): number[] => {
    const known = flat.get(id);
    if (known) return known;
    const d = byId.get(id)!;
    const out: number[] = [];
    d.g.states.forEach((sid, k) => {
      const at: Path = [...d.path, 'states', k];
      if (byId.has(sid)) {
        if (seen.includes(sid)) c.add(at, `the groups loop: ${[...seen, sid].join(' → ')}`, 'groups that end in states');
        else for (const s of flatten(sid, [...seen, sid])) if (!out.includes(s)) out.push(s);
        return;
      }
      const s = st.ref(at, sid);
      if (s >= 0 && !out.includes(s)) out.push(s);
    });
    flat.set(id, out);
    return out;
  };
  const groups: ReportGroup[] = [];
  for (const [id, d] of byId) groups.push({ id, label: d.g.label ?? id, states: flatten(id, [id]).map((s) => st.states[s].id) });

  const splits = new Map<string, (Float64Array | null)[]>();
  const refused = new Set<string>();
  for (const [id, d] of byId) {
    if (!d.g.split) continue;
    const before = c.count;
    splits.set(id, buildSplit(c, st, ag, d.path, d.g, flat.get(id)!));
    if (c.count > before) refused.add(id);
  }

  const members = (id: string) => flat.get(id);
  return {
    groups,
    members,
    split: (id, band) => splits.get(id)?.[band] ?? null,
    splitRefused: (id) => refused.has(id),
    refs: (path, id, opts = {}) => {
      const m = flat.get(id);
      if (!m) {
        const s = st.ref(path, id, opts);
        return s < 0 ? [] : [s];
      }
      if (opts.active && m.some((s) => st.states[s].absorbing)) {
        c.add(path, `group '${id}' holds absorbing states`, 'a group of states children can move out of');
        return [];
      }
      return m;
    },
  };
}

/** A group's split: shares of its states by band, a row for named ages beating one for all. */
function buildSplit(c: IssueCollector, st: StatesSection, ag: AgesSection, path: Path, g: RawGroup, members: number[]): (Float64Array | null)[] {
  const out: (Float64Array | null)[] = ag.bands.map(() => null);
  const specific: boolean[] = ag.bands.map(() => false);
  const covered: boolean[] = ag.bands.map(() => false);
  g.split!.forEach((entry, k) => {
    const at: Path = [...path, 'split', k];
    const bands = ag.resolve([...at, 'ages'], entry.ages);
    const shares = new Float64Array(st.n);
    let total = 0;
    let ok = true;
    for (const [sid, v] of Object.entries(entry.shares)) {
      const s = st.ref([...at, 'shares', sid], sid);
      if (s < 0) { ok = false; continue; }
      if (!members.includes(s)) { c.add([...at, 'shares', sid], `'${sid}' is not in group '${g.id}'`, `one of ${members.map((m) => st.states[m].id).join(', ')}`); ok = false; continue; }
      shares[s] = v;
      total += v;
    }
    if (ok && Math.abs(total - 1) > ROW_SUM_TOLERANCE) { c.add([...at, 'shares'], `the shares add up to ${fmt(total)}, not 1`, 'shares that add up to 1'); ok = false; }
    const isSpecific = entry.ages !== undefined && entry.ages !== 'all';
    for (const b of bands) {
      if (out[b] && specific[b] === isSpecific) { c.add([...at, 'ages'], `ages ${ag.bands[b].label} already have a split`, 'one split per age band'); continue; }
      if (out[b] && specific[b] && !isSpecific) continue;
      if (ok) out[b] = shares;
      specific[b] = isSpecific;
      covered[b] = true;
    }
  });
  const missing = ag.bands.filter((_, b) => !covered[b]).map((b) => b.label);
  if (missing.length && !ag.broken) c.add([...path, 'split'], `no split for ages ${missing.join(', ')}`, 'a split for every age band (ages: all covers them all)');
  return out;
}
