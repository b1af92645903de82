/** The `uncertainty` section: Dirichlet rows, beta (or other) probabilities, cost factors, growth, variants. */
import { resolve } from 'node:path';
import { makeDistribution, type DistributionSpec } from '../distribution.js';
import { projectionCoverageProblem, readPopulationProjection } from '../population.js';
import type { ModelFile } from '../schema.js';
import { parseIsoDate } from '../time.js';
import type { AgeBand, Capacity, ReportGroup, ModelUncertainty, Population, PopulationProjection, State, TransitionMatrix } from '../types.js';
import type { PendingIssue, Path } from './issues.js';
import { buildYearShocks } from './year-shocks.js';

/** What the uncertainty section is checked against. */
export interface UncertaintyContext {
  groups: ReportGroup[];
  capacities: Capacity[];
  states: State[];
  bands: AgeBand[];
  /** The bands the population counts (population.ages; default every band). */
  populationBands?: AgeBand[];
  matrices: TransitionMatrix[];
  counts: (Float64Array | null)[][];
  index: Map<string, number>;
  stateRef: (path: Path, id: string, opts?: { active?: boolean }) => number;
  resolveAges: (path: Path, spec: string | string[] | undefined) => number[];
  add: (path: Path, message: string, expected?: string) => void;
  /** True when the matrices are the per-step matrices the kernel runs (no root taken). */
  perStep: boolean;
  costPerYear: Record<string, number>;
  population: Population | null;
  dir: string;
  file: string;
  issues: PendingIssue[];
}

/** The `uncertainty` section: Dirichlet rows, beta (or other) probabilities, cost factors, growth. */
export function buildUncertainty(raw: ModelFile, c: UncertaintyContext): ModelUncertainty {
  const out: ModelUncertainty = { rows: [], probabilities: [], costs: [], growth: null, variants: [], capacities: [], yearShocks: [] };
  const u = raw.uncertainty;
  if (!u) return out;
  out.yearShocks = buildYearShocks(raw, c);
  const n = c.states.length;
  const dist = (path: Path, spec: DistributionSpec, point: number, kinds: DistributionSpec['distribution'][]) => {
    if (!kinds.includes(spec.distribution)) {
      c.add([...path, 'distribution'], `'${spec.distribution}' is not offered here`, `one of ${kinds.join(', ')}`);
      return null;
    }
    const d = makeDistribution(spec, point);
    if ('problem' in d) {
      c.add(path, d.problem, d.expected);
      return null;
    }
    return d;
  };
  const declared = new Set<string>();
  (u.transitions ?? []).forEach((t, i) => {
    const path: Path = ['uncertainty', 'transitions', i];
    if (!c.perStep && t.sample_size !== 'counts') {
      c.add([...path, 'sample_size'], 'the model gives annual rows that are converted to per-step ones; draws are made on per-step rows', 'transitions.per: step (or counts from carecast fit)');
      return;
    }
    const bands = c.resolveAges([...path, 'ages'], t.ages);
    const ids = t.rows === undefined ? c.states.filter((s) => !s.absorbing).map((s) => s.id) : [t.rows].flat();
    ids.forEach((id, k) => {
      const s = c.stateRef(Array.isArray(t.rows) ? [...path, 'rows', k] : [...path, 'rows'], id, { active: true });
      if (s < 0) return;
      // Bands whose row is the same share one draw: they were written as one row.
      const groups = new Map<string, number[]>();
      for (const b of bands) {
        if (declared.has(`${b}|${s}`)) {
          c.add(path, `the row of '${id}' in ages ${c.bands[b].label} already has an uncertainty entry`, 'one entry per row');
          continue;
        }
        declared.add(`${b}|${s}`);
        const key = Array.from(c.matrices[b].p.subarray(s * n, s * n + n)).join(',') + (c.counts[b][s] ? `|${Array.from(c.counts[b][s]!).join(',')}` : '');
        groups.set(key, [...(groups.get(key) ?? []), b]);
      }
      for (const group of groups.values()) {
        const b = group[0];
        let alpha: Float64Array;
        if (t.sample_size === 'counts') {
          const counts = c.counts[b][s];
          if (!counts) {
            c.add([...path, 'sample_size'], `the row of '${id}'${c.bands.length > 1 ? ` in ages ${c.bands[b].label}` : ''} has no counts`, 'rows given as counts (transitions.matrices[].counts), or a number');
            continue;
          }
          alpha = counts.slice();
        } else {
          const size = t.sample_size;
          alpha = c.matrices[b].p.slice(s * n, s * n + n).map((p) => p * size);
        }
        const ages = c.bands.length > 1 ? ` (ages ${group.map((x) => c.bands[x].label).join(', ')})` : '';
        out.rows.push({ state: s, bands: group, alpha, label: `moves out of ${c.states[s].label.toLowerCase()}${ages}` });
      }
    });
  });
  (u.probabilities ?? []).forEach((p, i) => {
    const path: Path = ['uncertainty', 'probabilities', i];
    if (!c.perStep) {
      c.add(path, 'the model gives annual rows that are converted to per-step ones; draws are made on per-step rows', 'transitions.per: step');
      return;
    }
    const from = c.stateRef([...path, 'from'], p.from, { active: true });
    const to = c.stateRef([...path, 'to'], p.to);
    const bands = c.resolveAges([...path, 'ages'], p.ages);
    if (from < 0 || to < 0 || bands.length === 0) return;
    if (from === to) {
      c.add([...path, 'to'], 'the stay probability takes up the change; name a move to another state');
      return;
    }
    const point = c.matrices[bands[0]].p[from * n + to];
    const d = dist(path, p, point, ['beta', 'normal']);
    if (d) out.probabilities.push({ from, to, bands, ...d, label: `${p.from} to ${p.to}${p.ages && p.ages !== 'all' ? ` (ages ${[p.ages].flat().join(', ')})` : ''}` });
  });
  for (const [id, spec] of Object.entries(u.costs ?? {})) {
    const path: Path = ['uncertainty', 'costs', id];
    const group = c.groups.find((g) => g.id === id);
    const states = group ? group.states.map((sid) => c.index.get(sid)!) : [c.stateRef(path, id)];
    if (states[0] < 0) continue;
    const uncosted = states.filter((s) => !(c.states[s].id in c.costPerYear));
    if (uncosted.length) {
      c.add(path, `${uncosted.map((s) => `'${c.states[s].id}'`).join(', ')} ${uncosted.length > 1 ? 'have' : 'has'} no unit cost in values.costs`, 'a state (or group of states) with a cost');
      continue;
    }
    if (spec.distribution !== 'gamma' && spec.distribution !== 'lognormal') {
      c.add([...path, 'distribution'], `'${spec.distribution}' is not offered here`, 'one of gamma, lognormal');
      continue;
    }
    if (spec.sd !== undefined || spec.mean !== undefined || spec.low !== undefined || spec.high !== undefined) {
      c.add(path, 'a cost takes its spread as cv only', 'cv: the coefficient of variation, e.g. 0.1 for ±10%');
      continue;
    }
    // A factor with mean 1 on the model's cost.
    const d = dist(path, spec, 1, ['gamma', 'lognormal']);
    if (d) out.costs.push({ states, distribution: d.distribution, label: `unit cost of ${(group?.label ?? c.states[states[0]].label).toLowerCase()}` });
  }
  if (u.population_variants) {
    const total = u.population_variants.reduce((a, v) => a + v.weight, 0);
    u.population_variants.forEach((v, i) => {
      const path: Path = ['uncertainty', 'population_variants', i];
      let projection: PopulationProjection | null = null;
      if (v.file !== undefined) {
        if (c.population?.kind !== 'projection') {
          c.add([...path, 'file'], 'the model follows no population projection to replace', 'growth only, or a population.projection in the model');
          return;
        }
        projection = readPopulationProjection(resolve(c.dir, v.file), v.area, c.populationBands ?? c.bands, c.file, c.issues, path);
        const start = parseIsoDate(raw.time.start);
        if (projection && start) {
          const problem = projectionCoverageProblem(projection, start, raw.time.horizon_years);
          if (problem) c.add([...path, 'file'], problem.message, problem.expected);
        }
      } else if (v.area !== undefined) {
        c.add([...path, 'area'], 'area goes with file');
      }
      if (v.growth !== undefined && !c.population) c.add([...path, 'growth'], 'the model has no population section to grow');
      out.variants.push({ label: v.label, weight: v.weight / total, growth: v.growth ?? 0, projection });
    });
  }
  for (const [id, spec] of Object.entries(u.capacity ?? {})) {
    const path: Path = ['uncertainty', 'capacity', id];
    const ci = c.capacities.findIndex((x) => x.state === id);
    if (ci < 0) {
      c.add(path, `'${id}' has no capacity in the model`, c.capacities.length ? `one of ${c.capacities.map((x) => x.state).join(', ')}` : 'a state with a capacity (the capacity section)');
      continue;
    }
    if (spec.sd !== undefined || spec.mean !== undefined) {
      c.add(path, 'places take their spread as cv (or low and high)', 'cv: the coefficient of variation, e.g. 0.1 for ±10%');
      continue;
    }
    // A factor with mean 1 on the places held and recruited.
    const d = dist(path, spec, 1, ['gamma', 'lognormal']);
    if (d) out.capacities.push({ capacity: ci, distribution: d.distribution, label: `places: ${c.capacities[ci].label.toLowerCase()}` });
  }
  if (u.population_growth) {
    const d = dist(['uncertainty', 'population_growth'], u.population_growth, 0, ['normal']);
    if (d) out.growth = d;
  }
  return out;
}
