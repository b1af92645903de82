/** The `population` and `direct_entries` sections: how children arrive and leave. */
import { resolve } from 'node:path';
import { projectionCoverageProblem, birthsCoverageProblem, readPopulationProjection } from '../population.js';
import type { ModelFile } from '../schema.js';
import type { AgeBand, DirectEntry, Population } from '../types.js';
import type { AgesSection } from './ages.js';
import type { GroupsSection } from './groups.js';
import type { IssueCollector, Path } from './issues.js';
import type { StatesSection } from './states.js';

/** The population (a projection file, or births by year) read and checked against the horizon; `bands`: those it counts (population.ages). */
export function buildPopulation(raw: ModelFile, c: IssueCollector, st: StatesSection, ag: AgesSection, start: Date | null, dir: string, file: string, bands: AgeBand[] = ag.bands): Population | null {
  if (!raw.population) return null;
  const p = raw.population;
  const entry = st.ref(['population', 'entry_state'], p.entry_state, { active: true });
  if (!!p.projection === !!p.births) {
    c.add(['population'], 'give either projection (a population table) or births (by year), not both or neither');
    return null;
  }
  if (entry < 0) return null;
  if (p.projection) {
    const projection = readPopulationProjection(resolve(dir, p.projection.file), p.projection.area, bands, file, c.issues);
    if (!projection || !start) return null;
    const problem = projectionCoverageProblem(projection, start, raw.time.horizon_years);
    if (problem) c.add(['population', 'projection', 'file'], problem.message, problem.expected);
    return { kind: 'projection', entryState: p.entry_state, projection, derivedBands: [] };
  }
  const byFinancialYear = new Map<number, number>();
  for (const [k, v] of Object.entries(p.births!)) {
    if (!/^\d{4}$/.test(k)) c.add(['population', 'births', k], `'${k}' is not a year`, 'the first calendar year of a financial year, e.g. 2025 for 2025/26');
    else byFinancialYear.set(+k, v);
  }
  if (start) {
    const problem = birthsCoverageProblem(byFinancialYear, start, raw.time.horizon_years);
    if (problem) c.add(['population', 'births'], problem.message, problem.expected);
  }
  return { kind: 'births', entryState: p.entry_state, byFinancialYear };
}

/** Children entering a state directly from outside, one age band per entry; into a group, by its split. */
export function buildDirectEntries(raw: ModelFile, c: IssueCollector, st: StatesSection, ag: AgesSection, gr: GroupsSection): DirectEntry[] {
  const out: DirectEntry[] = [];
  (raw.direct_entries ?? []).forEach((d, i) => {
    const at: Path = ['direct_entries', i, 'state'];
    const group = gr.members(d.state) !== undefined;
    const s = group ? gr.refs(at, d.state, { active: true }).length > 0 : st.ref(at, d.state, { active: true }) >= 0;
    if (ag.declared && d.ages === undefined) {
      c.add(['direct_entries', i], 'the age band is missing', "ages: one of the model's bands");
      return;
    }
    const bs = ag.resolve(['direct_entries', i, 'ages'], d.ages);
    if (bs.length > 1 && ag.declared) {
      c.add(['direct_entries', i, 'ages'], 'name one age band per entry');
      return;
    }
    if (!s || bs.length !== 1) return;
    if (!group) {
      out.push({ state: d.state, band: bs[0], perYear: d.per_year });
      return;
    }
    const split = gr.split(d.state, bs[0]);
    if (!split) {
      c.add(at, `group '${d.state}' has no split to share the entries among its states`, "a split in the group's declaration, or a state");
      return;
    }
    split.forEach((share, j) => share > 0 && out.push({ state: st.states[j].id, band: bs[0], perYear: d.per_year * share }));
  });
  return out;
}
