/**
 * Turns a structurally valid model file into a `Model`, checking every cross-reference and
 * collecting all problems (never stopping at the first).
 */
import { dirname, resolve } from 'node:path';
import type { Issue } from '../errors.js';
import { InputNotFoundError, InputParseError } from '../errors.js';
import { cellNumber, missingColumns, readCsv, type CsvTable } from '../io/csv.js';
import { bandCoverageProblem, MAX_AGE, parseBand, singleYearBands } from './bands.js';
import { makeDistribution, type DistributionSpec } from './distribution.js';
import type { ModelFile } from './schema.js';
import { addMonths, financialYearOf, MONTHS_PER_STEP, parseFinancialYear, parseIsoDate } from './time.js';
import type {
  AgeBand,
  CostMix,
  DirectEntry,
  Measure,
  Model,
  ModelUncertainty,
  PlacementType,
  Population,
  PopulationProjection,
  ReportGroup,
  State,
  TransitionMatrix,
  TransitionValue,
} from './types.js';

/** Tolerance for a row of probabilities to sum to 1. */
export const ROW_SUM_TOLERANCE = 1e-9;

/** Weeks in a year, for unit costs given per week. */
export const WEEKS_PER_YEAR = 365.25 / 7;

export type Path = (string | number)[];
/** A problem before it is located in the file. */
export interface PendingIssue {
  path: Path;
  message: string;
  expected?: string;
  /** `row_sum` for a transition row that does not sum to 1 (error code MATRIX_NOT_STOCHASTIC). */
  kind?: 'row_sum';
  /** Already located elsewhere (a CSV file the model names). */
  located?: Issue;
}

/** Builds a `Model` from a parsed file; returns the model only if there are no issues. */
export function buildModel(raw: ModelFile, file: string): { model: Model | null; issues: PendingIssue[] } {
  const issues: PendingIssue[] = [];
  const add = (path: Path, message: string, expected?: string) => issues.push({ path, message, expected });
  const dir = dirname(file);

  // Time
  const start = parseIsoDate(raw.time.start);
  if (!start) add(['time', 'start'], `'${raw.time.start}' is not a date`, 'YYYY-MM-DD, e.g. 2025-04-01');
  else if (start.getUTCDate() !== 1) add(['time', 'start'], 'the start must be the first day of a month', 'e.g. 2025-04-01');
  else if (raw.time.step !== 'month' && (start.getUTCMonth() - 3 + 12) % MONTHS_PER_STEP[raw.time.step] !== 0) {
    add(['time', 'start'], `a ${raw.time.step}ly model must start at the start of a financial ${raw.time.step === 'year' ? 'year' : 'quarter'} so steps do not straddle financial years`, raw.time.step === 'year' ? '1 April' : '1 April, 1 July, 1 October or 1 January');
  }

  // States
  const states: State[] = raw.states.map((s) => ({ id: s.id, label: s.label ?? s.id, absorbing: s.absorbing ?? false }));
  const index = new Map<string, number>();
  states.forEach((s, i) => {
    if (index.has(s.id)) add(['states', i, 'id'], `state '${s.id}' is declared twice`);
    else index.set(s.id, i);
  });
  const n = states.length;
  if (!states.some((s) => !s.absorbing)) add(['states'], 'every state is absorbing', 'at least one state children can move out of');
  const known = `one of ${states.map((s) => s.id).join(', ')}`;
  const stateRef = (path: Path, idText: string, opts: { active?: boolean; absorbing?: boolean } = {}): number => {
    const i = index.get(idText);
    if (i === undefined) {
      add(path, `unknown state '${idText}'`, known);
      return -1;
    }
    if (opts.active && states[i].absorbing) {
      add(path, `state '${idText}' is absorbing here`, 'a state children can move out of');
      return -1;
    }
    if (opts.absorbing && !states[i].absorbing) {
      add(path, `state '${idText}' is not absorbing`, 'an absorbing (exit) state');
      return -1;
    }
    return i;
  };

  // Ages
  let bands: AgeBand[] = [{ label: 'all', from: 0, to: MAX_AGE }];
  const ageOutTo: Record<string, string> = {};
  // With unreadable bands, every use of a band would be reported too: check bands only once.
  let bandsBroken = false;
  if (raw.ages) {
    const labels = raw.ages.bands === 'single' ? singleYearBands().map((b) => b.label) : raw.ages.bands;
    const parsed = labels.map((label, i) => {
      const b = parseBand(label);
      if (!b) add(['ages', 'bands', i], `'${label}' is not an age band`, "'a-b' or a single age, e.g. 0-4 or 17");
      return b;
    });
    if (parsed.every((b): b is AgeBand => b !== null)) {
      const problem = bandCoverageProblem(parsed);
      if (problem) add(['ages', 'bands'], `the bands must cover ages 0 to ${MAX_AGE} in order: ${problem}`);
      bands = parsed;
    } else {
      bandsBroken = true;
    }
    const spec = raw.ages.age_out_to;
    for (const s of states) {
      if (s.absorbing) continue;
      const target = typeof spec === 'string' ? spec : spec[s.id] ?? spec.default;
      if (target === undefined) add(['ages', 'age_out_to'], `no exit state for children aged 18 in '${s.id}'`, 'a default: entry or one for each active state');
      else ageOutTo[s.id] = target;
    }
    if (typeof spec === 'string') stateRef(['ages', 'age_out_to'], spec, { absorbing: true });
    else for (const [k, v] of Object.entries(spec)) {
      if (k !== 'default') stateRef(['ages', 'age_out_to', k], k, { active: true });
      stateRef(['ages', 'age_out_to', k], v, { absorbing: true });
    }
  }
  const nb = bands.length;
  const bandIndex = new Map(bands.map((b, i) => [b.label, i]));
  const resolveAges = (path: Path, spec: string | string[] | undefined): number[] => {
    if (spec === undefined || spec === 'all') return bands.map((_, i) => i);
    if (bandsBroken) return [];
    const list = Array.isArray(spec) ? spec : [spec];
    const out: number[] = [];
    list.forEach((label, k) => {
      const b = parseBand(label);
      const i = b ? bandIndex.get(b.label) : undefined;
      if (i === undefined) add(Array.isArray(spec) ? [...path, k] : path, `unknown age band '${label}'`, raw.ages ? `one of ${bands.map((x) => x.label).join(', ')} or all` : "'all' (the model has no ages)");
      else out.push(i);
    });
    return out;
  };

  // Transitions
  const matrices: TransitionMatrix[] = bands.map(() => ({ n, p: new Float64Array(n * n) }));
  const counts: (Float64Array | null)[][] = bands.map(() => states.map(() => null));
  const filled: ({ specific: boolean; m: number } | null)[][] = bands.map(() => states.map(() => null));
  // States whose row was refused: already reported, so not reported again as missing.
  const refused = new Set<string>();
  raw.transitions.matrices.forEach((entry, m) => {
    const base: Path = ['transitions', 'matrices', m];
    const bandIds = resolveAges([...base, 'ages'], entry.ages);
    const specific = entry.ages !== undefined && entry.ages !== 'all';
    if (!!entry.rows === !!entry.counts) {
      add(base, 'give either rows (probabilities) or counts (observed moves), not both or neither');
      for (const id of [...Object.keys(entry.rows ?? {}), ...Object.keys(entry.counts ?? {})]) refused.add(id);
      return;
    }
    const kind = entry.rows ? 'rows' : 'counts';
    const table = (entry.rows ?? entry.counts) as Record<string, Record<string, number | 'rest'>>;
    for (const [fromId, cells] of Object.entries(table)) {
      const rowPath: Path = [...base, kind, fromId];
      refused.add(fromId); // until the row is accepted below
      const from = stateRef(rowPath, fromId);
      if (from < 0) continue;
      if (states[from].absorbing) {
        add(rowPath, `'${fromId}' is absorbing, so it has no row`, 'rows only for states children can leave');
        continue;
      }
      const row = new Float64Array(n);
      let rest = -1;
      let sum = 0;
      let ok = true;
      for (const [toId, v] of Object.entries(cells)) {
        const to = stateRef([...rowPath, toId], toId);
        if (to < 0) { ok = false; continue; }
        if (v === 'rest') {
          if (rest >= 0) { add([...rowPath, toId], "only one entry of a row can be 'rest'"); ok = false; }
          rest = to;
        } else {
          row[to] = v;
          sum += v;
        }
      }
      if (!ok) continue;
      let rowCounts: Float64Array | null = null;
      if (kind === 'counts') {
        if (sum <= 0) { add(rowPath, `the counts of row '${fromId}' add up to 0`, 'at least one observed move or stay'); continue; }
        rowCounts = row.slice();
        for (let j = 0; j < n; j++) row[j] /= sum;
      } else {
        // Users give the moves; the stay probability is the complement unless stated.
        if (rest < 0 && !(fromId in cells)) rest = from;
        if (rest >= 0) {
          const r = 1 - sum;
          if (r < -ROW_SUM_TOLERANCE) {
            issues.push({ path: rowPath, kind: 'row_sum', message: `row '${fromId}' sums to ${fmt(sum)} before its complement ('rest' for ${states[rest].id}), more than 1`, expected: 'moves that add up to at most 1' });
            continue;
          }
          row[rest] = Math.max(0, r);
        } else if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
          issues.push({ path: rowPath, kind: 'row_sum', message: `row '${fromId}' sums to ${fmt(sum)}, not 1 (difference ${fmt(sum - 1)})`, expected: "probabilities that sum to 1 within 1e-9, or leave out the stay probability (or write 'rest') to take the complement" });
          continue;
        }
      }
      refused.delete(fromId);
      for (const b of bandIds) {
        const prev = filled[b][from];
        if (prev && prev.specific === specific) {
          add(rowPath, `state '${fromId}' in ages ${bands[b].label} already has a row (transitions.matrices[${prev.m}])`, 'one row per state and age band');
          continue;
        }
        if (prev && prev.specific && !specific) continue; // a row for named ages beats one for all ages
        filled[b][from] = { specific, m };
        matrices[b].p.set(row, from * n);
        counts[b][from] = rowCounts;
      }
    }
  });
  states.forEach((s, i) => {
    if (s.absorbing) {
      for (const mtx of matrices) mtx.p[i * n + i] = 1;
      return;
    }
    const missing = bands.filter((_, b) => !filled[b][i]).map((b) => b.label);
    if (missing.length && index.get(s.id) === i && !refused.has(s.id) && !bandsBroken) {
      add(['transitions', 'matrices'], `state '${s.id}' has no transition row${raw.ages ? ` for ages ${missing.join(', ')}` : ''}`, 'a row for every state children can leave, in every age band');
    }
  });

  // Population and inflows
  let population: Population | null = null;
  if (raw.population) {
    const p = raw.population;
    const entry = stateRef(['population', 'entry_state'], p.entry_state, { active: true });
    if (!!p.projection === !!p.births) {
      add(['population'], 'give either projection (a population table) or births (by year), not both or neither');
    } else if (entry >= 0 && p.projection) {
      const projection = readPopulationProjection(resolve(dir, p.projection.file), p.projection.area, bands, file, issues);
      if (projection && start) {
        const problem = projectionCoverageProblem(projection, start, raw.time.horizon_years);
        if (problem) add(['population', 'projection', 'file'], problem.message, problem.expected);
        population = { kind: 'projection', entryState: p.entry_state, projection, derivedBands: [] };
      }
    } else if (entry >= 0 && p.births) {
      const byFinancialYear = new Map<number, number>();
      for (const [k, v] of Object.entries(p.births)) {
        if (!/^\d{4}$/.test(k)) add(['population', 'births', k], `'${k}' is not a year`, 'the first calendar year of a financial year, e.g. 2025 for 2025/26');
        else byFinancialYear.set(+k, v);
      }
      if (start) {
        const problem = birthsCoverageProblem(byFinancialYear, start, raw.time.horizon_years);
        if (problem) add(['population', 'births'], problem.message, problem.expected);
      }
      population = { kind: 'births', entryState: p.entry_state, byFinancialYear };
    }
  }
  const directEntries: DirectEntry[] = [];
  (raw.direct_entries ?? []).forEach((d, i) => {
    const s = stateRef(['direct_entries', i, 'state'], d.state, { active: true });
    if (raw.ages && d.ages === undefined) {
      add(['direct_entries', i], 'the age band is missing', "ages: one of the model's bands");
      return;
    }
    const bs = resolveAges(['direct_entries', i, 'ages'], d.ages);
    if (s >= 0 && bs.length === 1) directEntries.push({ state: d.state, band: bs[0], perYear: d.per_year });
    else if (bs.length > 1 && raw.ages) add(['direct_entries', i, 'ages'], 'name one age band per entry');
  });

  // Initial stock
  const initial = bands.map(() => new Array<number>(n).fill(0));
  const given = bands.map(() => new Array<boolean>(n).fill(false));
  if ('file' in raw.initial && typeof raw.initial.file === 'string') {
    readInitialCsv(resolve(dir, raw.initial.file), file, states, index, bandIndex, !!raw.ages, initial, given, issues);
  } else {
    for (const [sid, v] of Object.entries(raw.initial as Record<string, number | Record<string, number>>)) {
      const s = stateRef(['initial', sid], sid);
      if (s < 0) continue;
      if (typeof v === 'number') {
        if (raw.ages) add(['initial', sid], 'the model has age bands, so give the stock per band', `a map such as { ${bands[0].label}: 120, ${bands[1]?.label ?? bands[0].label}: 80 }`);
        else { initial[0][s] = v; given[0][s] = true; }
      } else {
        for (const [label, c] of Object.entries(v)) {
          if (label === 'all' && raw.ages) {
            add(['initial', sid, label], 'the model has age bands, so give the stock per band, not for all ages', `one of ${bands.map((x) => x.label).join(', ')}`);
            continue;
          }
          const b = resolveAges(['initial', sid, label], label);
          if (b.length === 1) { initial[b[0]][s] = c; given[b[0]][s] = true; }
        }
      }
    }
  }
  if (population?.kind === 'projection' && start) {
    const e = index.get(population.entryState)!;
    const target = populationAt(population.projection, start);
    bands.forEach((band, b) => {
      if (given[b][e]) return; // stated by the user: kept, and the first step adjusts to the projection
      let others = 0;
      for (let s = 0; s < n; s++) if (s !== e && !states[s].absorbing) others += initial[b][s];
      if (target[b] < others) add(['initial'], `ages ${band.label}: the other states hold ${fmt(others)} children, more than the projected population of ${fmt(target[b])}`, 'stocks within the population');
      initial[b][e] = Math.max(0, target[b] - others);
      population.derivedBands.push(b);
    });
  }

  // Values
  const v = raw.values ?? {};
  let priceBaseYear = start ? financialYearOf(start) : 0;
  if (v.price_base !== undefined) {
    const y = parseFinancialYear(v.price_base);
    if (y === null) add(['values', 'price_base'], `'${v.price_base}' is not a financial year`, 'e.g. 2024-25');
    else priceBaseYear = y;
  }
  const costPerYear: Record<string, number> = {};
  const mixes: CostMix[] = [];
  const perYear = (c: { per_week?: number; per_year?: number }) => c.per_year ?? (c.per_week ?? 0) * WEEKS_PER_YEAR;
  for (const [sid, c] of Object.entries(v.costs ?? {})) {
    if (stateRef(['values', 'costs', sid], sid) < 0) continue;
    const both = c.per_week !== undefined && c.per_year !== undefined;
    if (!c.mix) {
      if (both || (c.per_week === undefined && c.per_year === undefined)) add(['values', 'costs', sid], 'give the unit cost as per_week or per_year (one of them)');
      else costPerYear[sid] = perYear(c);
      continue;
    }
    // A mix: the cost per child in any placement (optional) plus each placement type's share.
    if (both) add(['values', 'costs', sid], 'give the cost per child in any placement as per_week or per_year, not both');
    let shares = 0;
    const types: PlacementType[] = [];
    for (const [tid, t] of Object.entries(c.mix)) {
      if ((t.per_week === undefined) === (t.per_year === undefined)) add(['values', 'costs', sid, 'mix', tid], 'give the placement cost as per_week or per_year (one of them)');
      shares += t.share;
      types.push({ id: tid, label: t.label ?? tid, share: t.share, perYear: perYear(t) });
    }
    if (types.length === 0) add(['values', 'costs', sid, 'mix'], 'the mix has no placement types', 'at least one type with a share and a cost');
    else if (Math.abs(shares - 1) > ROW_SUM_TOLERANCE) add(['values', 'costs', sid, 'mix'], `the shares add up to ${fmt(shares)}, not 1`, 'shares of the placement types that add up to 1');
    const basePerYear = perYear(c);
    mixes.push({ state: sid, basePerYear, types });
    costPerYear[sid] = basePerYear + types.reduce((a, t) => a + t.share * t.perYear, 0);
  }
  const transitionCosts: TransitionValue[] = [];
  (v.transition_costs ?? []).forEach((t, i) => {
    const a = stateRef(['values', 'transition_costs', i, 'from'], t.from);
    const b = stateRef(['values', 'transition_costs', i, 'to'], t.to);
    if (a >= 0 && b >= 0) {
      if (a === b) add(['values', 'transition_costs', i], 'a move needs two different states');
      else transitionCosts.push({ from: t.from, to: t.to, cost: t.cost, label: t.label ?? `${t.from} to ${t.to}` });
    }
  });
  const measures: Measure[] = [];
  (v.measures ?? []).forEach((m, i) => {
    for (const sid of Object.keys(m.per_year)) stateRef(['values', 'measures', i, 'per_year', sid], sid);
    if (m.id === 'cost') add(['values', 'measures', i, 'id'], "'cost' is reserved", 'another id');
    measures.push({ id: m.id, label: m.label ?? m.id, perYear: m.per_year, discountRate: m.discount_rate ?? 0 });
  });
  const groups: ReportGroup[] = (raw.report?.groups ?? []).map((g, i) => {
    g.states.forEach((sid, k) => stateRef(['report', 'groups', i, 'states', k], sid));
    return { id: g.id, label: g.label ?? g.id, states: g.states };
  });

  const uncertainty = buildUncertainty(raw, { states, bands, matrices, counts, index, stateRef, resolveAges, add, perStep: raw.transitions.per === 'step' || raw.time.step === 'year', costPerYear, population, dir, file, issues });

  if (issues.length) return { model: null, issues };
  return {
    issues,
    model: {
      format: 1,
      name: raw.name,
      description: raw.description ?? '',
      file,
      time: { start: raw.time.start, step: raw.time.step, horizonYears: raw.time.horizon_years },
      states,
      ages: raw.ages ? { bands, ageOutTo } : null,
      transitions: { per: raw.transitions.per, negativeRoot: raw.transitions.negative_root ?? 'refuse', matrices, counts },
      population,
      directEntries,
      initial,
      values: {
        priceBaseYear,
        inflation: v.inflation ?? 0,
        discountRate: v.discount_rate ?? 0,
        count: v.count ?? 'average',
        discountFirstPeriod: v.discount_first_period ?? false,
        costPerYear,
        mixes,
        transitionCosts,
        measures,
      },
      groups,
      uncertainty,
    },
  };
}

interface UncertaintyContext {
  states: State[];
  bands: AgeBand[];
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
function buildUncertainty(raw: ModelFile, c: UncertaintyContext): ModelUncertainty {
  const out: ModelUncertainty = { rows: [], probabilities: [], costs: [], growth: null, variants: [] };
  const u = raw.uncertainty;
  if (!u) return out;
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
    const s = c.stateRef(path, id);
    if (s < 0) continue;
    if (!(id in c.costPerYear)) {
      c.add(path, `'${id}' has no unit cost in values.costs`, 'a state with a cost');
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
    if (d) out.costs.push({ state: s, distribution: d.distribution, label: `unit cost of ${c.states[s].label.toLowerCase()}` });
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
        projection = readPopulationProjection(resolve(c.dir, v.file), v.area, c.bands, c.file, c.issues, path);
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
  if (u.population_growth) {
    const d = dist(['uncertainty', 'population_growth'], u.population_growth, 0, ['normal']);
    if (d) out.growth = d;
  }
  return out;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(10).replace(/\.?0+$/, '');
}

/** Why a projection does not span `years` from `start` (mid-years around both ends), or null. */
export function projectionCoverageProblem(p: PopulationProjection, start: Date, years: number): { message: string; expected: string } | null {
  const end = addMonths(start, years * 12);
  const needFrom = start.getUTCMonth() >= 6 ? start.getUTCFullYear() : start.getUTCFullYear() - 1;
  const needTo = end.getUTCMonth() >= 6 ? end.getUTCFullYear() + 1 : end.getUTCFullYear();
  const first = p.years[0];
  const last = p.years[p.years.length - 1];
  if (first <= needFrom && last >= needTo) return null;
  return { message: `the projection covers mid-${first} to mid-${last}`, expected: `mid-years from ${needFrom} to ${needTo} to span ${years} years from ${start.toISOString().slice(0, 10)}` };
}

/** Why births do not cover every financial year of `years` from `start`, or null. */
export function birthsCoverageProblem(byFinancialYear: Map<number, number>, start: Date, years: number): { message: string; expected: string } | null {
  // Every financial year a step falls in: a start after April runs into one more.
  const fy0 = financialYearOf(start);
  const fyLast = financialYearOf(addMonths(start, years * 12 - 1));
  const missing: number[] = [];
  for (let y = fy0; y <= fyLast; y++) if (!byFinancialYear.has(y)) missing.push(y);
  if (!missing.length) return null;
  return { message: `no births given for ${missing.join(', ')}`, expected: 'a number of births for every financial year of the horizon' };
}

/** Population by band at a date, interpolated linearly between mid-year (30 June) points. */
export function populationAt(p: PopulationProjection, date: Date): number[] {
  const t = date.getUTCFullYear() + (date.getTime() - Date.UTC(date.getUTCFullYear(), 5, 30)) / (365.25 * 86_400_000);
  const ys = p.years;
  let k = 0;
  while (k < ys.length - 2 && ys[k + 1] < t) k++;
  const w = ys.length === 1 ? 0 : Math.min(1, Math.max(0, (t - ys[k]) / (ys[k + 1] - ys[k])));
  const a = p.byYear[k];
  const b = p.byYear[Math.min(k + 1, ys.length - 1)];
  return a.map((v, i) => v + w * (b[i] - v));
}

/**
 * Reads an ONS-style population projection CSV (`age`, `mid_year`, `population`, optional
 * `la_code`) into the model's bands; problems are added to `issues` (located in the CSV).
 */
export function readPopulationProjection(
  file: string,
  area: string | undefined,
  bands: AgeBand[],
  modelFile: string,
  issues: PendingIssue[],
  at: Path = ['population', 'projection'],
): PopulationProjection | null {
  let table: CsvTable;
  try {
    table = readCsv(file, modelFile);
  } catch (err) {
    pushReadError(err, [...at, 'file'], issues);
    return null;
  }
  const yearCol = table.columns.includes('mid_year') ? 'mid_year' : 'year';
  const missing = missingColumns(table, ['age', yearCol, 'population', ...(area ? ['la_code'] : [])]);
  if (missing.length) {
    missing.forEach((i) => issues.push({ path: at, message: '', located: i }));
    return null;
  }
  const byYear = new Map<number, number[]>();
  const areas = new Set<string>();
  for (const row of table.rows) {
    if (area && row.values.la_code !== area) continue;
    if (row.values.la_code !== undefined) areas.add(row.values.la_code);
    if (/^\d+\+$/.test(row.values.age ?? '')) continue; // an open-ended top age such as ONS's 90+
    const age = cellNumber(table, row, 'age');
    const year = cellNumber(table, row, yearCol);
    const pop = cellNumber(table, row, 'population');
    const bad = [age, year, pop].find((x): x is Issue => typeof x !== 'number');
    if (bad) { issues.push({ path: [], message: '', located: bad }); continue; }
    if ((age as number) > MAX_AGE) continue;
    const b = bands.findIndex((x) => (age as number) >= x.from && (age as number) <= x.to);
    const arr = byYear.get(year as number) ?? new Array<number>(bands.length).fill(0);
    arr[b] += pop as number;
    byYear.set(year as number, arr);
  }
  if (areas.size > 1) {
    issues.push({ path: at, message: `the file holds ${areas.size} areas (${[...areas].slice(0, 4).join(', ')}…)`, expected: 'area: the la_code to use' });
    return null;
  }
  if (byYear.size === 0) {
    issues.push({ path: at, message: `no rows${area ? ` for area ${area}` : ''} in ${file}` });
    return null;
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  return { source: file, years, byYear: years.map((y) => byYear.get(y)!) };
}

function readInitialCsv(
  file: string,
  modelFile: string,
  states: State[],
  index: Map<string, number>,
  bandIndex: Map<string, number>,
  hasAges: boolean,
  initial: number[][],
  given: boolean[][],
  issues: PendingIssue[],
): void {
  let table: CsvTable;
  try {
    table = readCsv(file, modelFile);
  } catch (err) {
    pushReadError(err, ['initial', 'file'], issues);
    return;
  }
  const cols = hasAges ? ['state', 'age_band', 'children'] : ['state', 'children'];
  const missing = missingColumns(table, cols);
  if (missing.length) {
    missing.forEach((i) => issues.push({ path: [], message: '', located: i }));
    return;
  }
  for (const row of table.rows) {
    const at = (column: string, message: string, expected: string): void => {
      issues.push({ path: [], message: '', located: { location: { file, line: row.line }, path: column, message, expected } });
    };
    const s = index.get(row.values.state);
    if (s === undefined) { at('state', `unknown state '${row.values.state}'`, `one of ${states.map((x) => x.id).join(', ')}`); continue; }
    const label = hasAges ? parseBand(row.values.age_band)?.label : 'all';
    const b = label === undefined ? undefined : bandIndex.get(label);
    if (b === undefined) { at('age_band', `unknown age band '${row.values.age_band}'`, `one of ${[...bandIndex.keys()].join(', ')}`); continue; }
    const c = cellNumber(table, row, 'children');
    if (typeof c !== 'number') { issues.push({ path: [], message: '', located: c }); continue; }
    initial[b][s] += c;
    given[b][s] = true;
  }
}

function pushReadError(err: unknown, path: Path, issues: PendingIssue[]): void {
  if (err instanceof InputNotFoundError) issues.push({ path, message: err.message, expected: 'an existing file, relative to the model file' });
  else if (err instanceof InputParseError) err.issues.forEach((i) => issues.push({ path, message: '', located: i }));
  else throw err;
}
