/**
 * Parsing a scenario: YAML text with positions, schema, the `extends` chain merged. No file
 * access of its own: the files an `extends` names are read through `ScenarioFiles`, so the
 * planner's page parses scenarios in the browser exactly as the CLI does (load.ts gives Node's
 * files). References to the model are checked later, in `resolve.ts`.
 */
import { ScenarioInvalidError, type Issue } from '../errors.js';
import { parseYamlLocated, zodIssue, type FormatHelp } from '../model/yaml.js';
import { locate, pathToString } from '../model/positions.js';
import { WEEKS_PER_YEAR } from '../model/build/values.js';
import { parseIsoDate } from '../model/time.js';
import { scenarioFileSchema, type RawCostChange, type RawProgramme, type RawRateChange } from './schema.js';
import type { Origin, Scenario, TimingSpec, Uncertain } from './types.js';
import { makeDistribution, type DistributionSpec } from '../model/distribution.js';
import type { RateChange } from './rates.js';

/** How the paths a scenario names (`extends`, `population.file`) are resolved and read. */
export interface ScenarioFiles {
  /** The folder a file is in (as node:path's dirname). */
  dirname(file: string): string;
  /** Paths joined and made absolute (as node:path's resolve). */
  resolve(...paths: string[]): string;
  /** The text of a scenario file another extends; or why it cannot be read: a sentence, or a located issue. */
  read(file: string): { text: string } | { problem: string } | { issue: Issue };
}

const SCENARIO_FORMAT: FormatHelp = {
  readme: 'scenarios/README.md',
  forms: {
    carecast: 'carecast: 1',
    'population.file': 'a population projection CSV, relative to the scenario file',
  },
};

/** Fields a model file has and a scenario does not: their presence means the files were swapped. */
const MODEL_FIELDS = ['states', 'transitions', 'initial', 'time'];

/**
 * Validates scenario text as if read from `file` (`extends` and paths resolve from its folder,
 * through `files`). Throws `ScenarioInvalidError` listing every problem.
 */
export function parseScenarioWith(text: string, file: string, files: ScenarioFiles, seen: string[] = []): Scenario {
  const issues: Issue[] = [];
  const scenario = readOne(text, file, [...seen, files.resolve(file)], issues, files);
  if (!scenario || issues.length) throw new ScenarioInvalidError(file, issues);
  return scenario;
}

function readOne(text: string, file: string, chain: string[], issues: Issue[], files: ScenarioFiles): Scenario | null {
  const { located, data, issues: yamlIssues } = parseYamlLocated(text, file);
  if (yamlIssues.length) {
    issues.push(...yamlIssues);
    return null;
  }
  if (data && typeof data === 'object' && MODEL_FIELDS.some((f) => f in data)) {
    issues.push({
      location: { file, line: 1, column: 1 },
      path: '',
      message: 'this is a model file, not a scenario',
      expected: 'the model first, then scenario files: carecast compare MODEL SCENARIO…',
    });
    return null;
  }
  const parsed = scenarioFileSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    issues.push(...parsed.error.issues.map((i) => zodIssue(i, located, file, SCENARIO_FORMAT)));
    return null;
  }
  const raw = parsed.data;
  const origin = (...path: (string | number)[]): Origin => ({ file, path, located });
  const problem = (o: Origin, message: string, expected?: string) =>
    issues.push({ location: { file: o.file, ...locate(o.located, o.path) }, path: pathToString(o.path), message, expected });
  const dir = files.dirname(file);

  // The parent first, so this file's items can replace or remove its items.
  let parent: Scenario | null = null;
  if (raw.extends !== undefined) {
    const target = files.resolve(dir, raw.extends);
    if (chain.includes(target)) {
      problem(origin('extends'), `extending ${raw.extends} makes a loop (${[...chain, target].join(' → ')})`, 'a chain of scenarios that ends');
    } else {
      const read = files.read(target);
      if ('problem' in read) problem(origin('extends'), read.problem, 'a scenario file, relative to this one');
      else if ('issue' in read) issues.push(read.issue);
      else parent = readOne(read.text, target, [...chain, target], issues, files);
    }
    if (!parent) return null;
  }

  const uncertain = (spec: DistributionSpec | undefined, at: Origin, point: number, kinds: DistributionSpec['distribution'][]): Uncertain | null => {
    if (!spec) return null;
    const where = { ...at, path: [...at.path, 'uncertainty'] };
    if (!kinds.includes(spec.distribution)) {
      problem({ ...where, path: [...where.path, 'distribution'] }, `'${spec.distribution}' is not offered here`, `one of ${kinds.join(', ')}`);
      return null;
    }
    const d = makeDistribution(spec, point);
    if ('problem' in d) {
      problem(where, d.problem, d.expected);
      return null;
    }
    return d;
  };
  const timing = (t: { start?: string; phase_in_months?: number; end?: string }, at: Origin): TimingSpec => {
    for (const key of ['start', 'end'] as const) {
      const v = t[key];
      if (v !== undefined && !parseIsoDate(v)) problem({ ...at, path: [...at.path, key] }, `'${v}' is not a date`, 'a date written YYYY-MM-DD');
    }
    if (t.start && t.end && t.end < t.start) problem({ ...at, path: [...at.path, 'end'] }, `the end ${t.end} is before the start ${t.start}`, 'an end on or after the start');
    const out: TimingSpec = {};
    if (t.start !== undefined) out.start = t.start;
    if (t.phase_in_months !== undefined) out.phaseInMonths = t.phase_in_months;
    if (t.end !== undefined) out.end = t.end;
    return out;
  };

  const changes = (raw.changes ?? []).map((c, i) => {
    const at = origin('changes', i);
    return {
      ...(c.id !== undefined && { id: c.id }),
      label: c.label ?? c.id ?? `${c.from} to ${c.to === undefined ? 'any other state' : [c.to].flat().join(', ')}`,
      from: c.from,
      to: c.to === undefined ? [] : [c.to].flat(),
      ages: agesOf(c.ages),
      change: rateChangeOf(c, at, problem),
      clip: c.clip ?? false,
      uncertainty: uncertain(c.uncertainty, at, pointOfChange(c), c.set !== undefined ? ['beta', 'normal'] : c.add !== undefined ? ['normal'] : ['lognormal', 'gamma']),
      timing: timing(c, at),
      origin: at,
    };
  });
  const costs = (raw.costs ?? []).map((c, i) => {
    const at = origin('costs', i);
    return {
      ...(c.id !== undefined && { id: c.id }),
      label: c.label ?? c.id ?? `unit cost of ${c.state}${c.type ? ` (${c.type})` : ''}`,
      state: c.state,
      type: c.type ?? null,
      change: costChangeOf(c, at, problem),
      timing: timing(c, at),
      origin: at,
    };
  });
  const mixShifts = (raw.placement_mix ?? []).map((m, i) => {
    const at = origin('placement_mix', i);
    if (m.from === m.to) problem({ ...at, path: [...at.path, 'to'] }, 'a shift needs two different placement types');
    return {
      ...(m.id !== undefined && { id: m.id }),
      label: m.label ?? m.id ?? `${m.state}: ${m.move * 100}% of ${m.from} to ${m.to}`,
      state: m.state,
      from: m.from,
      to: m.to,
      move: m.move,
      uncertainty: uncertain(m.uncertainty, at, m.move, ['beta']),
      timing: timing(m, at),
      origin: at,
    };
  });
  const programmes = (raw.programmes ?? []).map((p, i) => {
    const at = origin('programmes', i);
    return { ...programmeOf(p, at, timing, problem), uncertainty: uncertain(p.uncertainty, at, 1, ['gamma', 'lognormal']) };
  });

  const capacity = (raw.capacity ?? []).map((x, i) => {
    const at = origin('capacity', i);
    if (!x.recruit_per_year && !x.places) problem(at, 'the capacity change adds nothing', 'recruit_per_year (carers a year) or places (opened, or negative: closed)');
    return {
      ...(x.id !== undefined && { id: x.id }),
      label: x.label ?? x.id ?? `capacity of ${x.state}`,
      state: x.state,
      recruitPerYear: x.recruit_per_year ?? 0,
      attritionPerYear: x.attrition_per_year ?? null,
      places: x.places ?? 0,
      written: { recruit: x.recruit_per_year !== undefined, places: x.places !== undefined },
      costPerRecruit: x.cost_per_recruit ?? 0,
      supportPerYear: x.support_per_year ?? 0,
      setupCost: x.setup_cost ?? 0,
      fixedPerYear: x.fixed_per_year ?? 0,
      timing: timing(x, at),
      uncertainty: uncertain(x.uncertainty, at, 1, ['gamma', 'lognormal']),
      origin: at,
    };
  });

  const workforce = (raw.workforce ?? []).map((w, i) => {
    const at = origin('workforce', i);
    if ([w.caseload_multiply, w.recruitment, w.agency_premium, w.agency_cap].every((v) => v === undefined)) {
      problem(at, 'the workforce change changes nothing', 'one or more of caseload_multiply, recruitment, agency_premium, agency_cap');
    }
    return {
      measure: w.measure ?? null,
      label: w.label ?? `workforce${w.measure ? ` (${w.measure})` : ''}`,
      caseloadMultiply: w.caseload_multiply ?? null,
      recruitment: w.recruitment ?? null,
      agencyPremium: w.agency_premium ?? null,
      agencyCap: w.agency_cap ?? null,
      timing: timing(w, at),
      origin: at,
    };
  });
  workforce.forEach((w, i) => {
    if (workforce.findIndex((x) => x.measure === w.measure) !== i) problem({ ...w.origin, path: [...w.origin.path, 'measure'] }, `a second change to the workforce${w.measure ? ` of '${w.measure}'` : ''}`, 'one change per workforce (put its fields together)');
  });

  const population = raw.population
    ? (() => {
        const at = origin('population');
        const p = raw.population;
        if ((p.file === undefined) === (p.growth === undefined)) problem(at, 'give a population variant as a file or as growth (one of them)', 'file: a projection CSV, or growth: extra growth a year such as 0.005');
        if (p.area !== undefined && p.file === undefined) problem({ ...at, path: ['population', 'area'] }, 'area goes with file');
        return {
          ...(p.file !== undefined && { file: files.resolve(dir, p.file) }),
          ...(p.area !== undefined && { area: p.area }),
          ...(p.growth !== undefined && { growth: p.growth }),
          origin: at,
        };
      })()
    : null;

  // Merge: this file's scalars win; lists are the parent's, less `remove`, with items of the same
  // id replaced in place and new items appended.
  const removed = new Set(raw.remove ?? []);
  if (raw.remove) {
    const known = new Set(parent ? [...parent.changes, ...parent.costs, ...parent.mixShifts, ...parent.programmes, ...parent.capacity].map((x) => x.id).filter(Boolean) : []);
    raw.remove.forEach((id, i) => {
      if (!known.has(id)) problem(origin('remove', i), `no inherited item has id '${id}'`, `the id of an item in ${raw.extends ?? 'the scenario this one extends (extends: is missing)'}`);
    });
  }
  const merge = <T extends { id?: string; origin: Origin }>(inherited: T[], own: T[], section: string): T[] => {
    const out = inherited.filter((x) => !(x.id && removed.has(x.id)));
    const ids = new Set<string>();
    for (const item of own) {
      if (item.id) {
        if (ids.has(item.id)) problem({ ...item.origin, path: [...item.origin.path, 'id'] }, `id '${item.id}' is used twice in ${section}`, 'one item per id');
        ids.add(item.id);
        const at = out.findIndex((x) => x.id === item.id);
        if (at >= 0) {
          out[at] = item;
          continue;
        }
      }
      out.push(item);
    }
    return out;
  };
  const ownTiming = raw.timing ? timing(raw.timing, origin('timing')) : {};

  return {
    name: raw.scenario,
    // Not inherited: a scenario extending another has its own name.
    ...(raw.short_label !== undefined && { shortLabel: raw.short_label }),
    description: raw.description ?? parent?.description ?? '',
    file,
    files: [file, ...(parent?.files ?? [])],
    sources: [...(parent?.sources ?? []), ...(raw.sources ?? [])],
    timing: { ...parent?.timing, ...ownTiming },
    timingOrigin: raw.timing ? origin('timing') : parent?.timingOrigin ?? null,
    changes: merge(parent?.changes ?? [], changes, 'changes'),
    costs: merge(parent?.costs ?? [], costs, 'costs'),
    mixShifts: merge(parent?.mixShifts ?? [], mixShifts, 'placement_mix'),
    programmes: merge(parent?.programmes ?? [], programmes, 'programmes'),
    capacity: merge(parent?.capacity ?? [], capacity, 'capacity'),
    inflation: raw.inflation !== undefined ? { value: raw.inflation, origin: origin('inflation') } : parent?.inflation ?? null,
    population: population ?? parent?.population ?? null,
    directEntries: raw.direct_entries ? { factor: raw.direct_entries.multiply, origin: origin('direct_entries') } : parent?.directEntries ?? null,
    // This file's change to a workforce replaces the inherited change to the same workforce.
    workforce: [...(parent?.workforce ?? []).filter((x) => !workforce.some((w) => w.measure === x.measure)), ...workforce],
  };
}

type Problem = (o: Origin, message: string, expected?: string) => void;

/** The stated value of a rate change (the point its distribution centres on). */
function pointOfChange(c: RawRateChange): number {
  return c.multiply ?? c.relative_risk ?? c.set ?? c.add ?? 1;
}

function agesOf(a: string | string[] | undefined): string[] {
  if (a === undefined || a === 'all') return [];
  return [a].flat();
}

function rateChangeOf(c: RawRateChange, at: Origin, problem: Problem): RateChange {
  const given = (['multiply', 'relative_risk', 'add', 'set'] as const).filter((k) => c[k] !== undefined);
  if (given.length !== 1) {
    problem(at, given.length ? `give one kind of change, not ${given.join(' and ')}` : 'the change is missing', 'one of multiply, relative_risk, add or set');
    return { kind: 'multiply', factor: 1 };
  }
  switch (given[0]) {
    case 'multiply': return { kind: 'multiply', factor: c.multiply! };
    case 'relative_risk': return { kind: 'relative_risk', rr: c.relative_risk! };
    case 'add': return { kind: 'add', amount: c.add! };
    case 'set': return { kind: 'set', value: c.set! };
  }
}

function costChangeOf(c: RawCostChange, at: Origin, problem: Problem): Scenario['costs'][number]['change'] {
  const given = (['multiply', 'per_week', 'per_year'] as const).filter((k) => c[k] !== undefined);
  if (given.length !== 1) {
    problem(at, given.length ? `give one new cost, not ${given.join(' and ')}` : 'the new cost is missing', 'one of multiply, per_week or per_year');
    return { kind: 'multiply', factor: 1 };
  }
  if (c.multiply !== undefined) return { kind: 'multiply', factor: c.multiply };
  return c.per_year !== undefined ? { kind: 'set', perYear: c.per_year } : { kind: 'set', perYear: c.per_week! * WEEKS_PER_YEAR, perWeek: true };
}

function programmeOf(p: RawProgramme, at: Origin, timing: (t: RawProgramme, at: Origin) => TimingSpec, problem: Problem) {
  if (p.per_child !== undefined && !p.serves) problem({ ...at, path: [...at.path, 'per_child'] }, 'a cost per child needs serves: the children the programme serves', 'serves: { state: …, basis: starts or caseload }');
  if (p.serves && p.per_child === undefined) problem({ ...at, path: [...at.path, 'serves'] }, 'serves is given without per_child', 'per_child: £ per child served');
  if (p.fixed_per_year === undefined && p.per_child === undefined) problem(at, 'the programme has no cost', 'fixed_per_year, per_child with serves, or both');
  return {
    id: p.id,
    label: p.label ?? p.id,
    fixedPerYear: p.fixed_per_year ?? 0,
    perChild: p.per_child ?? 0,
    serves: p.serves ? { states: [p.serves.state].flat(), ages: agesOf(p.serves.ages), basis: p.serves.basis, share: p.serves.share ?? 1 } : null,
    timing: timing(p, at),
    origin: at,
  };
}
