/**
 * Random valid models for property tests (fast-check), written as YAML and read with parseModel
 * like a user's file: 2-6 states (one or two absorbing), random rows that sum to 1, random stocks,
 * optional age bands, monthly, quarterly or yearly steps, probabilities per step or per year
 * (converted, negative_root: clip), births, direct entries or a population projection, and
 * optionally capacities (chains of overflow included). Models with bands may count ages past 17
 * (`ages.range` up to 0-25), with a state left at a band's first age (`ages.leave`) for an exit
 * or another active state, and a population counting only the youngest bands (`population.ages`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseModel } from '../../src/model/load.js';
import type { Model } from '../../src/model/types.js';

export const dir = mkdtempSync(join(tmpdir(), 'carecast-props-'));
let fileNo = 0;
/** Removes the projection files the models were given (call in `afterAll`). */
export const removeRandomModels = () => rmSync(dir, { recursive: true, force: true });

export type Inflow = 'none' | 'births' | 'direct' | 'both' | 'projection';

export interface Drawn {
  text: string;
  model: Model;
}

export const range = (n: number) => [...Array(n).keys()];
/** Start months (1-12) allowed for each step, so steps never straddle financial years. */
const START_MONTHS = { year: [4], quarter: [1, 4, 7, 10], month: range(12).map((m) => m + 1) } as const;

/**
 * Draws a random valid model. With `inflows` limited to 'projection', the entry state (s0) holds
 * nearly everyone and moves out slowly, so it can always give up the children the projection
 * asks to remove.
 */
export function drawModel(g: fc.GeneratorValue, inflows: readonly Inflow[], withCapacity = false): Drawn {
  const int = (min: number, max: number) => g(() => fc.integer({ min, max }));
  const real = (min: number, max: number) => g(() => fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];

  const inflow = pick(inflows);
  const nActive = int(withCapacity ? 2 : 1, 4);
  const nAbsorbing = int(1, 2);
  const active = range(nActive).map((i) => `s${i}`);
  const absorbing = range(nAbsorbing).map((i) => `x${i}`);
  const ids = [...active, ...absorbing];
  const step = withCapacity ? 'year' : pick(['month', 'quarter', 'year'] as const);
  const per = pick(['step', 'year'] as const);
  const converted = per === 'year' && step !== 'year';
  const year = int(2020, 2030);
  const month = pick(START_MONTHS[step]);
  const horizon = int(1, 4);

  // Age bands: 0-17 (or 0 to up to 25) cut at random ages, or none.
  let bands: string[] | null = null;
  let top = 17;
  let cuts: number[] = [];
  if (g(() => fc.boolean())) {
    top = g(() => fc.boolean()) ? 17 : int(18, 25);
    cuts = g(() => fc.uniqueArray(fc.integer({ min: 1, max: top }), { maxLength: 6 })).sort((a, b) => a - b);
    const starts = [0, ...cuts];
    bands = starts.map((from, i) => {
      const to = (starts[i + 1] ?? top + 1) - 1;
      return from === to ? `${from}` : `${from}-${to}`;
    });
  }
  // A state left at the first age of a band, for another state (active or an exit).
  // (Not the entry state of a projection: the population would refill it past its leaving age.)
  const leavers = active.filter((s) => !(inflow === 'projection' && s === 's0'));
  const leaver = bands && cuts.length && leavers.length && g(() => fc.boolean()) ? { state: pick(leavers), at: pick(cuts), to: pick(ids) } : null;
  if (leaver && leaver.to === leaver.state) leaver.to = absorbing[0];
  const bandFrom = (label: string) => Number(label.split('-')[0]);
  const leftBy = (s: string, band: string) => leaver !== null && leaver.state === s && bandFrom(band) >= leaver.at;

  // A row: a random stay probability, the rest spread over the other states; the stay is left
  // out so the model takes the complement. Converted matrices keep stays >= 0.6 so that a real
  // root exists (every eigenvalue then has a positive real part).
  const row = (from: string, minStay: number): Record<string, number> => {
    const stay = real(minStay, 1);
    const others = ids.filter((s) => s !== from);
    const w = others.map(() => (g(() => fc.boolean()) ? 0 : real(0, 1)));
    const total = w.reduce((s, v) => s + v, 0);
    const cells: Record<string, number> = {};
    if (total > 0) others.forEach((to, i) => w[i] > 0 && (cells[to] = ((1 - stay) * w[i]) / total));
    return cells;
  };
  const projected = inflow === 'projection';
  const minStay = (s: string) => (projected && s === 's0' ? 0.95 : converted ? 0.6 : 0);
  const rows = () => Object.fromEntries(active.map((s) => [s, row(s, minStay(s))]));
  const matrices: object[] = [{ rows: rows() }];
  if (bands && g(() => fc.boolean())) matrices.push({ ages: [pick(bands)], rows: rows() });

  const stock = (s: string) => (projected ? (s === 's0' ? null : real(0, 20)) : real(0, 1000));
  const initial: Record<string, unknown> = {};
  for (const s of ids) {
    if (absorbing.includes(s) && g(() => fc.boolean())) continue;
    const byBand = bands ? Object.fromEntries(bands.map((b) => [b, stock(s)]).filter(([b, v]) => v !== null && !leftBy(s, b as string))) : stock(s);
    if (byBand !== null && !(typeof byBand === 'object' && Object.keys(byBand).length === 0)) initial[s] = byBand;
  }

  const raw: Record<string, unknown> = {
    carecast: 1,
    name: 'random',
    time: { start: `${year}-${String(month).padStart(2, '0')}-01`, step, horizon_years: horizon },
    states: [...active.map((id) => ({ id })), ...absorbing.map((id) => ({ id, absorbing: true }))],
    transitions: { per, ...(converted ? { negative_root: 'clip' } : {}), matrices },
    initial,
  };
  if (bands) {
    raw.ages = {
      ...(top !== 17 && { range: `0-${top}` }),
      ...(leaver && { leave: { [leaver.state]: { at: leaver.at, to: leaver.to } } }),
      bands,
      age_out_to: g(() => fc.boolean())
        ? pick(absorbing)
        : { default: absorbing[0], [pick(active)]: pick(absorbing) },
    };
  }
  // Financial years the steps can fall in: from the one before the start to one past the end.
  const fy0 = month >= 4 ? year : year - 1;
  if (inflow === 'births' || inflow === 'both') {
    raw.population = {
      entry_state: pick(active),
      births: Object.fromEntries(range(horizon + 3).map((k) => [String(fy0 - 1 + k), real(0, 5000)])),
    };
  }
  if (inflow === 'direct' || inflow === 'both') {
    raw.direct_entries = range(int(1, 2)).map(() => {
      const state = pick(active);
      const band = bands ? pick(bands.filter((b) => !leftBy(state, b))) : undefined;
      return { state, ...(band !== undefined ? { ages: band } : {}), per_year: real(0, 200) };
    }).filter((d) => !bands || d.ages !== undefined);
    if ((raw.direct_entries as unknown[]).length === 0) delete raw.direct_entries;
  }
  if (projected) {
    // Single years of age, about 1,000 each, growing or shrinking by up to 3% a year.
    const base = range(top + 1).map(() => real(900, 1100));
    const growth = real(-0.03, 0.03);
    const csv = ['age,mid_year,population'];
    for (let y = year - 1; y <= year + horizon + 1; y++) {
      for (let a = 0; a <= top; a++) csv.push(`${a},${y},${base[a] * (1 + growth) ** (y - year)}`);
    }
    const name = `population-${++fileNo}.csv`;
    writeFileSync(join(dir, name), csv.join('\n') + '\n');
    // Past 17, the population may count only the bands up to one ending at 17 or later.
    const ends = (bands ?? []).map((b) => Number(b.split('-').pop()));
    const popTo = top > 17 && g(() => fc.boolean()) ? pick(ends) : top;
    raw.population = { entry_state: 's0', ...(popTo !== top && { ages: `0-${popTo}` }), projection: { file: name } };
  }

  if (withCapacity && nActive >= 2) {
    // Limits on active states other than the entry state, each overflowing to a later state so
    // chains cannot loop; places at least the initial stock, often tight.
    const entry = (raw.population as { entry_state?: string } | undefined)?.entry_state;
    const capacity: Record<string, object> = {};
    active.slice(0, -1).forEach((id, i) => {
      if (id === entry || (Object.keys(capacity).length > 0 && !g(() => fc.boolean()))) return;
      const held = Object.values(typeof initial[id] === 'object' ? (initial[id] as Record<string, number>) : { all: (initial[id] as number | undefined) ?? 0 }).reduce((a, v) => a + v, 0);
      const places = held + real(0, 5);
      const overflow = active[int(i + 1, nActive - 1)];
      capacity[id] = g(() => fc.boolean())
        ? { places, overflow, recruitment_per_year: real(0, 30), attrition_per_year: real(0, 0.5) }
        : { places, overflow, places_by_year: Object.fromEntries(range(horizon).map((k) => [`${fy0 + k}-${String((fy0 + k + 1) % 100).padStart(2, '0')}`, k === 0 ? held + real(0, 5) : real(0, held + 5)])) };
    });
    if (Object.keys(capacity).length) raw.capacity = capacity;
  }

  const text = stringify(raw);
  let model: Model;
  try {
    model = parseModel(text, join(dir, `model-${fileNo}.yaml`));
  } catch (err) {
    throw new Error(`the generated model was refused: ${(err as Error).message}\n${JSON.stringify((err as { issues?: unknown }).issues)}\n${text}`);
  }
  return { text, model };
}

/** `|a - b| <= tol * max(1, |a|, |b|)`. */
export const near = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

/** Every kind of inflow. */
export const ALL: Inflow[] = ['none', 'births', 'direct', 'both', 'projection'];
