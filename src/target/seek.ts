/**
 * Goal-seek: the value of one lever of a scenario at which a target is met. The model is compiled
 * once and the baseline run once; each value tried re-plans only the scenario (`projectScenario`
 * with the compiled `base`) and reads the target from compare's own summary. No I/O.
 */
import { compileModel, type Compiled } from '../engine/compile.js';
import type { Projection } from '../engine/project.js';
import { CarecastError, UsageError } from '../errors.js';
import type { Model } from '../model/types.js';
import { withSuggestion } from '../model/suggest.js';
import { summariseComparison } from '../report/comparison.js';
import { per10k, stateTotal } from '../report/summary.js';
import { findLever, leversOf, withLever, type Lever } from '../scenario/levers.js';
import { projectBaseline, projectScenario } from '../scenario/project.js';
import { resolveScenario } from '../scenario/resolve.js';
import type { Scenario } from '../scenario/types.js';
import { targetResult } from './read.js';
import { findRoots, nearestRoot, type BrentResult, type Sample } from './solve.js';
import { parseTarget, resolveTarget, type Target } from './targets.js';

/** Points of the scan that brackets the roots (16 intervals of the range). */
export const SCAN_POINTS = 17;

/** A value of the lever and the target's measure there. */
export interface LeverPoint {
  value: number;
  result: number;
}

/** What goal-seek found. */
export interface SeekResult {
  scenario: Scenario;
  lever: Lever;
  target: Target;
  /** The range searched, [low, high]. */
  range: [number, number];
  /** The measure at the lever's stated value. */
  stated: LeverPoint;
  /** `met`: `value` meets the target; `not_reachable`: no value in the range does (`best` is the closest). */
  status: 'met' | 'not_reachable';
  /** The value meeting the target nearest the stated value (null when not reachable). */
  value: LeverPoint | null;
  /** With `>=`/`<=`: every value searched meets it; `value` is then the one nearest no effect. */
  throughout?: boolean;
  /** Every value found meeting the target, in order (more than one when the measure is not monotone). */
  roots: LeverPoint[];
  /** Where the measure jumps across the target without meeting it (a step, e.g. places opening). */
  jumps: { from: LeverPoint; to: LeverPoint }[];
  /** The value tried whose result came nearest the target. */
  best: LeverPoint;
  /** Projections run (the scan, the searches and the stated value; the baseline not counted). */
  projections: number;
}

/** Options of `seekTarget`. */
export interface SeekOptions {
  years?: number;
  /** The range to search; default the lever's own (`Lever.range`). */
  range?: [number, number];
  /** Points of the scan (default `SCAN_POINTS`). */
  points?: number;
}

/** A prepared goal-seek: the model compiled, the baseline run, the lever and target checked. */
export interface SeekSetup {
  model: Model;
  scenario: Scenario;
  lever: Lever;
  target: Target;
  range: [number, number];
  years?: number;
  base: Compiled;
  baseline: Projection;
  /** The target's measure with the lever at `x` (one projection of the scenario). */
  evaluate(x: number): Promise<number>;
}

/**
 * Checks the lever, the target and the range, compiles the model and runs the baseline; every
 * input problem is a `UsageError` (exit 2) before any search.
 */
export async function prepareSeek(model: Model, scenario: Scenario, leverName: string, targetText: string, options: SeekOptions = {}): Promise<SeekSetup> {
  const lever = checkedLever(scenario, leverName);
  const spec = parseTarget(targetText);
  const own = lever.range!;
  if (!options.range && !(own[0] < own[1])) throw new UsageError(`--vary: ${lever.name} states ${lever.stated}, which leaves it no range of its own to search`, 'Give the values to search with --range LOW..HIGH, e.g. --range 0.5..1.5.');
  const range = checkedRange(lever, options.range ?? own);
  resolveScenario(scenario, model);
  const base = await compileModel(model, { years: options.years });
  const baseline = projectBaseline(model, base);
  const target = resolveTarget(spec, model, baseline.periods, (m) => startValue(baseline, m.states, m.rate));
  const evaluate = async (x: number) => {
    const s = withLever(scenario, lever.name, x);
    let projection: Projection;
    try {
      projection = await projectScenario(model, s, { years: options.years }, base);
    } catch (err) {
      if (!(err instanceof CarecastError) || err.code !== 'SCENARIO_INVALID') throw err;
      const first = err.issues[0];
      throw new UsageError(`with ${lever.name} at ${x}, the scenario cannot be applied: ${first ? `${first.path}: ${first.message}` : err.message}`, 'Search a narrower --range, within what the rates allow (or give the change clip: true).');
    }
    const summary = summariseComparison({ baseline, runs: [{ scenario: s, projection }] }, [target.years]);
    return targetResult(target, summary.scenarios[0], projection);
  };
  return { model, scenario, lever, target, range, years: options.years, base, baseline, evaluate };
}

/**
 * The value of `lever` meeting `target`: every sign change of (measure − target) over a scan of
 * the range is closed by Brent's method, and the root nearest the stated value is reported.
 *
 * @example
 * const r = await seekTarget(loadModel('models/example.yaml'), loadScenario('scenarios/early-help.yaml'), 'fewer_step_ups', 'net_saving@5y=2000000');
 * r.value; // { value: 0.82…, result: 2000000.… }
 */
export async function seekTarget(model: Model, scenario: Scenario, leverName: string, targetText: string, options: SeekOptions = {}): Promise<SeekResult> {
  return seekPrepared(await prepareSeek(model, scenario, leverName, targetText, options), options.points);
}

/** Goal-seek on a prepared setup. */
export async function seekPrepared(setup: SeekSetup, points = SCAN_POINTS): Promise<SeekResult> {
  const { target, lever, range } = setup;
  const stated = lever.stated as number;
  const found = await solveFor((x) => setup.evaluate(x), target, range, stated, points, undefined, noEffect(lever));
  const statedResult = await setup.evaluate(stated);
  return { scenario: setup.scenario, lever, target, range, stated: { value: stated, result: statedResult }, ...found, projections: found.projections + 1 };
}

/** What `solveFor` finds: the roots of (f − target) in the range, and the one nearest `near`. */
export interface Solved {
  status: 'met' | 'not_reachable';
  /**
   * With `>=` or `<=`: every value searched meets the target, so nothing crosses it; `value` is
   * then the searched value nearest `least` (the lever's no-effect end: the least it needs).
   */
  throughout?: boolean;
  value: LeverPoint | null;
  roots: LeverPoint[];
  jumps: { from: LeverPoint; to: LeverPoint }[];
  best: LeverPoint;
  projections: number;
}

/**
 * Solves f(x) = target.value over `range`. A root counts when its result is within the target's
 * tolerance; with `>=` or `<=`, of the two ends of the final bracket the one on the side that
 * meets the target is reported, so the value given does meet it. Shared by the deterministic
 * search and the search over draws.
 */
export async function solveFor(f: (x: number) => Promise<number>, target: Target, range: [number, number], near: number, points = SCAN_POINTS, xTolerance?: number, least = near): Promise<Solved> {
  const cache = new Map<number, number>();
  const g = async (x: number) => {
    let v = cache.get(x);
    if (v === undefined) cache.set(x, (v = await f(x)));
    return v - target.value;
  };
  const width = range[1] - range[0];
  const r = await findRoots(g, range[0], range[1], { points, xTolerance: xTolerance ?? 1e-12 * Math.max(1, width) });
  const point = (s: Sample): LeverPoint => ({ value: s.x, result: s.fx + target.value });
  const roots: LeverPoint[] = [];
  const jumps: Solved['jumps'] = [];
  for (const root of r.roots) {
    const chosen = meetingSide(root, target, cache);
    if (Math.abs(chosen.fx) <= target.tolerance) roots.push(point(chosen));
    else jumps.push({ from: point({ x: root.bracket[0], fx: cache.get(root.bracket[0])! - target.value }), to: point({ x: root.bracket[1], fx: cache.get(root.bracket[1])! - target.value }) });
  }
  const value = nearestRoot(roots.map((p) => ({ ...p, x: p.value })), near);
  const meets = (fx: number) => (target.direction === 'at_least' ? fx >= 0 : fx <= 0);
  if (!value && target.op !== '=' && r.samples.every((x) => meets(x.fx))) {
    // Met everywhere searched: the least the lever needs is its value nearest no effect.
    const leastNeeded = r.samples.reduce((a, x) => (Math.abs(x.x - least) < Math.abs(a.x - least) ? x : a));
    return { status: 'met', throughout: true, value: point(leastNeeded), roots, jumps, best: point(r.best), projections: cache.size };
  }
  return { status: value ? 'met' : 'not_reachable', value: value && { value: value.value, result: value.result }, roots, jumps, best: point(r.best), projections: cache.size };
}

/** The value of a lever at which it has no effect: a factor's 1, otherwise 0. */
export function noEffect(lever: Lever): number {
  return lever.unit === 'factor' ? 1 : 0;
}

/** Of a root's final bracket, the end on the side that meets the target (the root itself for `=`). */
function meetingSide(root: BrentResult, target: Target, cache: Map<number, number>): Sample {
  const meets = (fx: number) => (target.direction === 'at_least' ? fx >= 0 : fx <= 0);
  if (target.op === '=' || meets(root.fx)) return root;
  for (const x of root.bracket) {
    const v = cache.get(x);
    if (v !== undefined && meets(v - target.value)) return { x, fx: v - target.value };
  }
  return root;
}

/** Children in `states` at the start of a projection, or their rate per 10,000 (of all children in active states). */
function startValue(p: Projection, states: number[], rate: boolean): number {
  const at = (s: number) => stateTotal(p, p.initial, 0, s);
  const children = states.reduce((t, s) => t + at(s), 0);
  return rate ? per10k(children, p.states.reduce((t, st, s) => (st.absorbing ? t : t + at(s)), 0)) : children;
}

/** The lever called `name`, or a usage error naming the scenario file and listing its levers. */
export function checkedLever(scenario: Scenario, name: string): Lever {
  const levers = leversOf(scenario);
  const lever = findLever(scenario, name);
  const numeric = levers.filter((l) => l.unit !== 'date').map((l) => l.name);
  if (!lever) {
    const list = numeric.length ? `its levers: ${numeric.join(', ')}` : 'it has no levers (give its changes, costs or capacity items an id)';
    throw new UsageError(withSuggestion(`--vary: ${scenario.file} has no lever '${name}'`, name, numeric) + `; ${list}`, 'Name a lever by the id the scenario gives it (an item id, or id.field such as early_help_team.fixed_per_year).');
  }
  if (lever.unit === 'date') throw new UsageError(`--vary: ${lever.name} in ${scenario.file} is a date; goal-seek varies a number`, `Vary a number instead: ${numeric.join(', ')}.`);
  return lever;
}

/** What values a lever of each unit may take. */
function domainOf(lever: Lever): [number, number] {
  if (lever.unit === 'probability') return lever.field === 'add' ? [-1, 1] : [0, 1];
  if (lever.unit === 'places') return [-Infinity, Infinity];
  if (lever.unit === 'months') return [0, 1200];
  return [0, Infinity];
}

/** The range checked against what the lever can take. */
function checkedRange(lever: Lever, range: [number, number]): [number, number] {
  const [lo, hi] = range;
  const [min, max] = domainOf(lever);
  if (!(lo < hi)) throw new UsageError(`--range ${lo}..${hi}: the low end must be below the high end`, 'Write the range as LOW..HIGH, e.g. --range 0.5..1.');
  if (lo < min || hi > max) throw new UsageError(`--range ${lo}..${hi}: ${lever.name} (${lever.field}) takes values from ${min} to ${max}`, `Search within ${min}..${max}.`);
  return [lo, hi];
}

/** Parses `--range LOW..HIGH` (plain decimal numbers, optionally negative). */
export function parseRange(text: string): [number, number] {
  const m = /^\s*(-?[0-9]+(?:\.[0-9]+)?)\s*\.\.\s*(-?[0-9]+(?:\.[0-9]+)?)\s*$/.exec(text);
  if (!m) throw new UsageError(`--range must be LOW..HIGH in decimal numbers, e.g. 0.5..1, not '${text}'`);
  return [Number(m[1]), Number(m[2])];
}
