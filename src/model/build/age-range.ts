/**
 * Ages beyond 17: the model's range (`ages.range`), the states whose children leave before its
 * top (`ages.leave`: children in care at 18 become care leavers, care leavers leave at 21), and
 * the ages the population counts (`population.ages`: 0-17 for DfE's children's rates, 0-25 for
 * SEND). models/README.md, "Age range and leaving ages".
 */
import { DEFAULT_RANGE, parseBand, type AgeRange } from '../bands.js';
import type { ModelFile } from '../schema.js';
import type { DirectEntry, Population } from '../types.js';
import type { AgesSection } from './ages.js';
import type { GroupsSection } from './groups.js';
import type { IssueCollector } from './issues.js';
import type { StatesSection } from './states.js';

/** The range the file states (`ages.range`), or 0-17. */
export function readAgeRange(raw: ModelFile, c: IssueCollector): AgeRange {
  const spec = raw.ages?.range;
  if (spec === undefined) return DEFAULT_RANGE;
  const r = parseBand(spec);
  if (!r) {
    c.add(['ages', 'range'], `'${spec}' is not a range of ages`, "'a-b' in whole years, e.g. 0-25");
    return DEFAULT_RANGE;
  }
  return { from: r.from, to: r.to };
}

/** One state's leaving age and the state its children enter then. */
export interface Leaving {
  age: number;
  to: string;
}

/**
 * The states leaving before the top of the range, by id (a group key stands for its states;
 * a state's own key wins). Each age must start a band (so ageing can carry children across it),
 * and an active target must not itself have left by that age.
 */
export function buildLeaving(raw: ModelFile, c: IssueCollector, st: StatesSection, ag: AgesSection, gr: GroupsSection, range: AgeRange): Record<string, Leaving> {
  const spec = raw.ages?.leave;
  const out: Record<string, Leaving> = {};
  if (!spec || ag.broken) return out;
  const starts = ag.bands.slice(1).map((b) => b.from);
  const fromKey = new Map<string, string>();
  const entries = Object.entries(spec);
  // Groups first, so a state's own key overrides its group's.
  entries.sort(([a], [b]) => Number(gr.members(b) !== undefined) - Number(gr.members(a) !== undefined));
  for (const [key, v] of entries) {
    const at = ['ages', 'leave', key];
    const states = gr.refs(at, key, { active: true });
    const target = st.ref([...at, 'to'], v.to);
    if (v.at === range.to + 1) {
      c.add([...at, 'at'], `children leave at ${v.at}, the top of the range, by age_out_to`, `an age within ${range.from + 1}-${range.to} that starts a band (${starts.join(', ') || 'the model has one band'}), or age_out_to for ${v.at}`);
      continue;
    }
    if (!starts.includes(v.at)) {
      c.add([...at, 'at'], `no band starts at age ${v.at}`, `an age that starts a band: ${starts.join(', ') || 'none (the model has one band)'}`);
      continue;
    }
    if (target < 0) continue;
    for (const s of states) {
      if (s === target) c.add([...at, 'to'], `children in '${st.states[s].id}' cannot leave to '${v.to}' itself`, 'another state');
      else {
        out[st.states[s].id] = { age: v.at, to: v.to };
        fromKey.set(st.states[s].id, key);
      }
    }
  }
  // An active target must keep them past the age they enter it at.
  for (const [id, l] of Object.entries(out)) {
    const t = st.states[st.index.get(l.to)!];
    if (t.absorbing) continue;
    const onward = out[l.to];
    if (onward && onward.age <= l.age) {
      c.add(['ages', 'leave', fromKey.get(id)!, 'to'], `children in '${id}' enter '${l.to}' at ${l.age}, but '${l.to}' is left at ${onward.age}`, `a state its children stay in past ${l.age}`);
    }
  }
  return out;
}

/** How many bands (from the youngest) the population counts: `population.ages`, or every band. */
export function populationBandCount(raw: ModelFile, c: IssueCollector, ag: AgesSection, range: AgeRange): number {
  const spec = raw.population?.ages;
  if (spec === undefined || ag.broken) return ag.bands.length;
  const r = parseBand(spec);
  const ends = ag.bands.map((b) => b.to);
  if (!r || r.from !== range.from || !ends.includes(r.to)) {
    c.add(['population', 'ages'], `'${spec}' is not ages from ${range.from} to the end of a band`, `${range.from}-a with a one of ${ends.join(', ')}, e.g. ${range.from}-${ends[ends.length - 1]}`);
    return ag.bands.length;
  }
  return ends.indexOf(r.to) + 1;
}

/** Stocks and direct entries of a state in a band at or past its leaving age are refused: those children would never leave. */
export function checkLeavingStocks(c: IssueCollector, st: StatesSection, ag: AgesSection, leaving: Record<string, Leaving>, initial: number[][], direct: DirectEntry[]): void {
  for (const [id, l] of Object.entries(leaving)) {
    const s = st.index.get(id)!;
    ag.bands.forEach((band, b) => {
      if (band.from < l.age) return;
      if (initial[b]?.[s] > 0) c.add(['initial', id, band.label], `${initial[b][s]} children in '${id}' aged ${band.label}, but its children leave at ${l.age}`, `no stock of '${id}' from age ${l.age}`);
    });
  }
  direct.forEach((d) => {
    const l = leaving[d.state];
    if (l && ag.bands[d.band].from >= l.age) c.add(['direct_entries'], `children entering '${d.state}' aged ${ag.bands[d.band].label}, but its children leave at ${l.age}`, `a band below ${l.age}`);
  });
}

/** The entry state must not be left within the ages the population follows: it would be refilled past its leaving age. */
export function checkEntryLeaving(c: IssueCollector, ag: AgesSection, leaving: Record<string, Leaving>, population: Population | null, popBands: number): void {
  if (population?.kind !== 'projection') return;
  const l = leaving[population.entryState];
  const last = ag.bands[popBands - 1];
  if (l && last && last.to >= l.age) {
    c.add(['population', 'ages'], `the population counts ages to ${last.to}, but its entry state '${population.entryState}' is left at ${l.age}`, `population.ages ending before ${l.age} (e.g. ${ag.bands[0].from}-${l.age - 1})`);
  }
}
