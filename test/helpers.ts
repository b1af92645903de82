/**
 * Helpers for the engine specification tests: models from YAML text, results read by state and
 * band name, and small matrix arithmetic written here (not taken from src) so that checks of the
 * engine do not lean on the engine's own arithmetic.
 */
import { expect } from 'vitest';
import { main } from '../src/cli/main.js';
import { project, type Projection } from '../src/engine/project.js';
import { parseModel } from '../src/model/load.js';
import { formatIssue, ModelInvalidError, type Issue } from '../src/errors.js';
import type { Model } from '../src/model/types.js';

/** Removes the common indentation of a template literal, so YAML can be indented with the code. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

/** `text` with `from` (which must occur exactly once) replaced by `to`. */
export function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`test text: '${from}' must occur exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Parses model text as if read from `file` (default `/tmp/x.yaml`). */
export function yamlModel(text: string, file = '/tmp/x.yaml'): Model {
  return parseModel(dedent(text), file);
}

/** Parses and projects model text. */
export async function runYaml(text: string, years?: number): Promise<Projection> {
  return project(yamlModel(text), years === undefined ? {} : { years });
}

/** `|actual - expected| <= tol * max(1, |expected|)`, with a readable failure message. */
export function expectClose(actual: number, expected: number, tol = 1e-9, what = ''): void {
  const ok = Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected));
  if (!ok) expect.fail(`${what ? `${what}: ` : ''}expected ${expected}, got ${actual} (difference ${actual - expected}, tolerance ${tol} relative)`);
}

/**
 * The state ids of group `id` (e.g. `cic` of the example council: every placement type), from a
 * projection's or a model's `groups`; throws when there is no such group.
 */
export function groupStates(p: { groups: readonly { id: string; states: readonly string[] }[] }, id: string): string[] {
  const g = p.groups.find((x) => x.id === id);
  if (!g) throw new Error(`no group ${id}`);
  return [...g.states];
}

/** The sum of `f(state)` over the states of group `id` (e.g. children in care, every placement type). */
export function sumGroup(p: { groups: readonly { id: string; states: readonly string[] }[] }, id: string, f: (state: string) => number): number {
  return groupStates(p, id).reduce((t, s) => t + f(s), 0);
}

/**
 * Reads a projection's per-period arrays by state id and band label. Periods are indices
 * (0 = first financial year). Leaving out the band sums over all bands; leaving out the state
 * sums over all states.
 */
export function reader(p: Projection) {
  const n = p.states.length;
  const nb = p.bands.length;
  const si = (id: string): number => {
    const i = p.states.findIndex((s) => s.id === id);
    if (i < 0) throw new Error(`no state ${id}`);
    return i;
  };
  const bi = (label: string): number => {
    const b = p.bands.findIndex((x) => x.label === label);
    if (b < 0) throw new Error(`no band ${label}`);
    return b;
  };
  const cell = (a: Float64Array) => (period: number, state?: string, band?: string): number => {
    const states = state === undefined ? [...Array(n).keys()] : [si(state)];
    const bands = band === undefined ? [...Array(nb).keys()] : [bi(band)];
    let t = 0;
    for (const b of bands) for (const s of states) t += a[period * nb * n + b * n + s];
    return t;
  };
  const r = p.result;
  const nf = p.flows.length;
  return {
    stock: cell(r.stock),
    entries: cell(r.entries),
    exits: cell(r.exits),
    cost: cell(r.cost),
    costDiscounted: cell(r.costDiscounted),
    /** Children making costed move `f` (index into `values.transition_costs`) in a period. */
    flow: (period: number, f = 0) => r.flows[period * nf + f],
    flowCost: (period: number, f = 0) => r.flowCost[period * nf + f],
    flowCostDiscounted: (period: number, f = 0) => r.flowCostDiscounted[period * nf + f],
    /** Children in active states at the end of a period, in one band or all. */
    population: (period: number, band?: string) => {
      const bands = band === undefined ? [...Array(nb).keys()] : [bi(band)];
      return bands.reduce((t, b) => t + r.population[period * nb + b], 0);
    },
    /** The five ledger columns of one step. */
    ledger: (step: number) => {
      const l = r.ledger.subarray(step * 5, step * 5 + 5);
      return { activeStart: l[0], inflow: l[1], outflow: l[2], toAbsorbing: l[3], activeEnd: l[4] };
    },
  };
}

// Matrix arithmetic on plain arrays, independent of src/engine/root.ts.

export type Rows = number[][];

export function matMul(a: Rows, b: Rows): Rows {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, aik, k) => s + aik * b[k][j], 0)));
}

export function matPower(a: Rows, k: number): Rows {
  let out = a;
  for (let i = 1; i < k; i++) out = matMul(out, a);
  return out;
}

export function maxAbsDiff(a: Rows, b: Rows): number {
  let m = 0;
  a.forEach((row, i) => row.forEach((v, j) => (m = Math.max(m, Math.abs(v - b[i][j])))));
  return m;
}

export function toRows(p: Float64Array, n: number): Rows {
  return Array.from({ length: n }, (_, i) => Array.from(p.subarray(i * n, i * n + n)));
}

export function flat(rows: Rows): Float64Array {
  return Float64Array.from(rows.flat());
}

/** Runs the CLI with `args` (after `carecast`), capturing stdout, stderr and the exit code. */
export async function runCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  const code = await main(['node', 'carecast', ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** The `ModelInvalidError` parsing `text` as `file` throws (fails the test when it parses). */
export function refusedModel(text: string, file: string): ModelInvalidError {
  let thrown: unknown;
  try {
    parseModel(text, file);
  } catch (err) {
    thrown = err;
  }
  expect(thrown, 'the model should be refused').toBeInstanceOf(ModelInvalidError);
  return thrown as ModelInvalidError;
}

/** The one issue of `err` at `path` (fails the test, listing them all, when there is not exactly one). */
export function oneIssueAt(err: ModelInvalidError, path: string): Issue {
  const found = err.issues.filter((i) => i.path === path);
  expect(found, `issues at ${path} among:\n${err.issues.map(formatIssue).join('\n')}`).toHaveLength(1);
  return found[0];
}
