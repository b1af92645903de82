/** The `ages` section: bands over the range, where children go past its top (18 by default), and references to bands. */
import { bandCoverageProblem, MAX_AGE, parseBand, singleYearBands, withBandSuggestion, type AgeRange } from '../bands.js';
import type { ModelFile } from '../schema.js';
import type { AgeBand } from '../types.js';
import type { IssueCollector, Path } from './issues.js';
import type { StatesSection } from './states.js';

/** The model's bands (one band 0-17 without ages) and a checked lookup of band lists. */
export interface AgesSection {
  bands: AgeBand[];
  /** True when the file gave bands, false for the single band of a model without ages. */
  declared: boolean;
  ageOutTo: Record<string, string>;
  /** Unreadable bands: uses of bands are not checked again (they would only repeat the noise). */
  broken: boolean;
  bandIndex: Map<string, number>;
  /** Indices of the bands `spec` names at `path` (all bands when left out or 'all'). */
  resolve: (path: Path, spec: string | string[] | undefined) => number[];
}

/** Reads the bands (over `range`, build/age-range.ts) and the age-out states. */
export function buildAges(raw: ModelFile, c: IssueCollector, st: StatesSection, range: AgeRange = { from: 0, to: MAX_AGE }): AgesSection {
  let bands: AgeBand[] = [{ label: 'all', from: 0, to: MAX_AGE }];
  const ageOutTo: Record<string, string> = {};
  let broken = false;
  if (raw.ages) {
    const labels = raw.ages.bands === 'single' ? singleYearBands(range).map((b) => b.label) : raw.ages.bands;
    const parsed = labels.map((label, i) => {
      const b = parseBand(label);
      if (!b) c.add(['ages', 'bands', i], `'${label}' is not an age band`, "'a-b' or a single age, e.g. 0-4 or 17");
      return b;
    });
    if (parsed.every((b): b is AgeBand => b !== null)) {
      const problem = bandCoverageProblem(parsed, range);
      if (problem) c.add(['ages', 'bands'], `the bands must cover ages ${range.from} to ${range.to} in order: ${problem}`, range.to === MAX_AGE ? 'bands over 0-17, or ages.range for other ages (e.g. range: 0-25)' : undefined);
      bands = parsed;
    } else {
      broken = true;
    }
    const spec = raw.ages.age_out_to;
    // A group key (e.g. cic: care_leaver) stands for its states; their own keys win.
    const groupIds = new Set([...(raw.groups ?? []), ...(raw.report?.groups ?? [])].map((g) => g.id));
    const viaGroup = (id: string): string | undefined => {
      if (typeof spec === 'string') return undefined;
      for (const [k, v] of Object.entries(spec)) if (groupIds.has(k) && groupMembers(raw, k).has(id)) return v;
      return undefined;
    };
    for (const s of st.states) {
      if (s.absorbing) continue;
      const target = typeof spec === 'string' ? spec : spec[s.id] ?? viaGroup(s.id) ?? spec.default;
      if (target === undefined) c.add(['ages', 'age_out_to'], `no exit state for children aged ${range.to + 1} in '${s.id}'`, 'a default: entry or one for each active state');
      else ageOutTo[s.id] = target;
    }
    if (typeof spec === 'string') st.ref(['ages', 'age_out_to'], spec, { absorbing: true });
    else {
      for (const [k, v] of Object.entries(spec)) {
        if (k !== 'default' && !groupIds.has(k)) st.ref(['ages', 'age_out_to', k], k, { active: true });
        st.ref(['ages', 'age_out_to', k], v, { absorbing: true });
      }
    }
  }
  const declared = raw.ages !== undefined;
  const bandIndex = new Map(bands.map((b, i) => [b.label, i]));
  const resolve = (path: Path, spec: string | string[] | undefined): number[] => {
    if (spec === undefined || spec === 'all') return bands.map((_, i) => i);
    if (broken) return [];
    const list = Array.isArray(spec) ? spec : [spec];
    const out: number[] = [];
    list.forEach((label, k) => {
      const b = parseBand(label);
      const i = b ? bandIndex.get(b.label) : undefined;
      if (i === undefined) {
        c.add(Array.isArray(spec) ? [...path, k] : path, withBandSuggestion(`unknown age band '${label}'`, label, declared ? bands : []), declared ? `one of ${bands.map((x) => x.label).join(', ')} or all` : "'all' (the model has no ages)");
      } else out.push(i);
    });
    return out;
  };
  return { bands, declared, ageOutTo, broken, bandIndex, resolve };
}

/** State ids in a group as written, through groups of groups (loops stop; they are reported with the groups). */
function groupMembers(raw: ModelFile, id: string, seen = new Set<string>()): Set<string> {
  const all = [...(raw.groups ?? []), ...(raw.report?.groups ?? [])];
  const out = new Set<string>();
  const g = all.find((x) => x.id === id);
  if (!g || seen.has(id)) return out;
  seen.add(id);
  for (const m of g.states) {
    if (all.some((x) => x.id === m)) for (const s of groupMembers(raw, m, seen)) out.add(s);
    else out.add(m);
  }
  return out;
}
