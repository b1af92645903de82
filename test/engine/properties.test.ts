/**
 * Properties of the engine on random valid models (fast-check). Each model is written as YAML and
 * read with parseModel, like a user's file: 2-6 states (one or two absorbing), random rows that
 * sum to 1, random stocks, optional age bands, monthly, quarterly or yearly steps, probabilities
 * per step or per year (converted, negative_root: clip), and births, direct entries or a
 * population projection. Specified:
 *
 *  (i)   conservation in every step's ledger: activeStart + inflow = activeEnd + toAbsorbing +
 *        outflow (to 1e-9 of the totals), one step's end is the next one's start, and all
 *        children (absorbing states included) are the initial ones plus inflow minus outflow;
 *  (ii)  every row of every compiled per-step matrix sums to 1 (within 1e-9) with no negative entry;
 *  (iii) with a population projection, each band's active total at each period end equals the
 *        projection interpolated at that date, whenever the entry state never runs short;
 *  (iv)  with random capacities (places at the start, recruitment and attrition, or places by
 *        year; chains of overflow), (i) still holds, each state's stock changes by its entries
 *        less its exits in every period (to 1e-9), and no limited state ever holds more than its
 *        places (yearly steps, so every step ends a period).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compileModel } from '../../src/engine/compile.js';
import { project } from '../../src/engine/project.js';
import { parseModel } from '../../src/model/load.js';
import { populationAt } from '../../src/model/population.js';
import { parseIsoDate } from '../../src/model/time.js';
import type { Model } from '../../src/model/types.js';

const RUNS = 100;
/**
 * No shrinking: the models are drawn step by step (fc.gen), and shrinking such draws runs on for
 * tens of thousands of steps until memory runs out. A failure instead reports the model's YAML
 * in its message, which reproduces it as it stands.
 */
const OPTIONS = { numRuns: RUNS, endOnFailure: true } as const;
const dir = mkdtempSync(join(tmpdir(), 'carecast-props-'));
let fileNo = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Inflow = 'none' | 'births' | 'direct' | 'both' | 'projection';

interface Drawn {
  text: string;
  model: Model;
}

const range = (n: number) => [...Array(n).keys()];
/** Start months (1-12) allowed for each step, so steps never straddle financial years. */
const START_MONTHS = { year: [4], quarter: [1, 4, 7, 10], month: range(12).map((m) => m + 1) } as const;

/**
 * Draws a random valid model. With `inflows` limited to 'projection', the entry state (s0) holds
 * nearly everyone and moves out slowly, so it can always give up the children the projection
 * asks to remove.
 */
function drawModel(g: fc.GeneratorValue, inflows: readonly Inflow[], withCapacity = false): Drawn {
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

  // Age bands: 0-17 cut at random ages, or none.
  let bands: string[] | null = null;
  if (g(() => fc.boolean())) {
    const cuts = g(() => fc.uniqueArray(fc.integer({ min: 1, max: 17 }), { maxLength: 6 })).sort((a, b) => a - b);
    const starts = [0, ...cuts];
    bands = starts.map((from, i) => {
      const to = (starts[i + 1] ?? 18) - 1;
      return from === to ? `${from}` : `${from}-${to}`;
    });
  }

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
    const byBand = bands ? Object.fromEntries(bands.map((b) => [b, stock(s)]).filter(([, v]) => v !== null)) : stock(s);
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
    raw.direct_entries = range(int(1, 2)).map(() => ({
      state: pick(active),
      ...(bands ? { ages: pick(bands) } : {}),
      per_year: real(0, 200),
    }));
  }
  if (projected) {
    // Single years of age, about 1,000 each, growing or shrinking by up to 3% a year.
    const base = range(18).map(() => real(900, 1100));
    const growth = real(-0.03, 0.03);
    const csv = ['age,mid_year,population'];
    for (let y = year - 1; y <= year + horizon + 1; y++) {
      for (let a = 0; a < 18; a++) csv.push(`${a},${y},${base[a] * (1 + growth) ** (y - year)}`);
    }
    const name = `population-${++fileNo}.csv`;
    writeFileSync(join(dir, name), csv.join('\n') + '\n');
    raw.population = { entry_state: 's0', projection: { file: name } };
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
const near = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

const ALL: Inflow[] = ['none', 'births', 'direct', 'both', 'projection'];

describe('engine properties on random models', () => {
  it('(i) conserves children in every step: start + in = end + absorbed + out', async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const { text, model } = drawModel(g, ALL);
        const p = await project(model);
        const { ledger, stock } = p.result;
        const nSteps = ledger.length / 5;
        expect(nSteps).toBe(p.periods.reduce((s, x) => s + x.steps, 0));
        const n = p.states.length;
        const cells = p.bands.length * n;
        let activeInitial = 0;
        let allInitial = 0;
        p.initial.forEach((v, c) => {
          allInitial += v;
          if (!p.states[c % n].absorbing) activeInitial += v;
        });
        // The last step of each period, and which period it ends.
        const periodEnding = new Map<number, number>();
        p.periods.reduce((steps, period, t) => (periodEnding.set(steps + period.steps - 1, t), steps + period.steps), 0);

        let netIn = 0;
        for (let k = 0; k < nSteps; k++) {
          const [start, inflow, outflow, toAbsorbing, end] = ledger.subarray(k * 5, k * 5 + 5);
          const previousEnd = k === 0 ? activeInitial : ledger[(k - 1) * 5 + 4];
          if (!near(start, previousEnd, 1e-12)) throw new Error(`step ${k}: starts with ${start}, previous end ${previousEnd}\n${text}`);
          if (!near(start + inflow, end + toAbsorbing + outflow)) {
            throw new Error(`step ${k}: ${start} + ${inflow} ≠ ${end} + ${toAbsorbing} + ${outflow}\n${text}`);
          }
          if (Math.min(inflow, outflow, toAbsorbing) < 0) throw new Error(`step ${k}: negative ledger entry\n${text}`);
          netIn += inflow - outflow;
          // At a period end every child ever counted is somewhere, absorbing states included.
          const t = periodEnding.get(k);
          if (t !== undefined) {
            const held = stock.subarray(t * cells, (t + 1) * cells).reduce((s, v) => s + v, 0);
            if (!near(held, allInitial + netIn)) throw new Error(`${p.periods[t].label}: holds ${held}, expected ${allInitial + netIn}\n${text}`);
          }
        }
      }),
      OPTIONS,
    );
  });

  it('(ii) compiles per-step matrices whose rows sum to 1 with no negative entry', async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const { text, model } = drawModel(g, ['none']);
        const { plan } = await compileModel(model);
        const n = plan.nStates;
        for (let b = 0; b < plan.nBands; b++) {
          for (let i = 0; i < n; i++) {
            const row = plan.P.subarray(b * n * n + i * n, b * n * n + i * n + n);
            const sum = row.reduce((s, v) => s + v, 0);
            if (Math.abs(sum - 1) > 1e-9) throw new Error(`band ${b}, row ${model.states[i].id} sums to ${sum}\n${text}`);
            const neg = row.findIndex((v) => !(v >= 0));
            if (neg >= 0) throw new Error(`band ${b}, ${model.states[i].id} → ${model.states[neg].id} is ${row[neg]}\n${text}`);
          }
        }
      }),
      OPTIONS,
    );
  });

  it('(iii) keeps each band on the population projection at every period end', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const { text, model } = drawModel(g, ['projection']);
        const p = await project(model);
        fc.pre(p.result.shortfall === 0);
        checked++;
        const projection = model.population?.kind === 'projection' ? model.population.projection : null;
        if (!projection) throw new Error('not a projection model');
        const nb = p.bands.length;
        p.periods.forEach((period, t) => {
          const target = populationAt(projection, parseIsoDate(period.end)!);
          for (let b = 0; b < nb; b++) {
            const got = p.result.population[t * nb + b];
            if (!near(got, target[b])) throw new Error(`${period.label} (to ${period.end}), ages ${p.bands[b].label}: ${got}, projection ${target[b]}\n${text}`);
          }
        });
      }),
      OPTIONS,
    );
    // The generator is built so the entry state rarely runs short; most runs must count.
    expect(checked).toBeGreaterThan(RUNS * 0.9);
  });

  it('(iv) with capacity: conserves children, balances each state, and never fills a state past its places', async () => {
    let limited = 0; // runs in which some limit was reached
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const { text, model } = drawModel(g, ALL, true);
        const p = await project(model);
        const r = p.result;
        const n = p.states.length;
        const nb = p.bands.length;
        const nc = model.capacities.length;
        const total = (arr: Float64Array, t: number, s: number) => range(nb).reduce((a, b) => a + arr[t * nb * n + b * n + s], 0);
        const initial = (s: number) => range(nb).reduce((a, b) => a + p.initial[b * n + s], 0);
        // A limit was reached: children sent to the overflow, or a state held exactly its places.
        const full = model.capacities.some((cap, c) => p.periods.some((_, t) => total(r.stock, t, p.states.findIndex((x) => x.id === cap.state)) >= r.capacityPlaces[t * nc + c] - 1e-9));
        if (full || r.overflowEntries.some((v) => v > 1e-6)) limited++;
        for (let k = 0; k < r.ledger.length / 5; k++) {
          const [start, inflow, outflow, toAbsorbing, end] = r.ledger.subarray(k * 5, k * 5 + 5);
          if (!near(start + inflow, end + toAbsorbing + outflow)) throw new Error(`step ${k}: ${start} + ${inflow} ≠ ${end} + ${toAbsorbing} + ${outflow}\n${text}`);
        }
        p.periods.forEach((period, t) => {
          for (let s = 0; s < n; s++) {
            const before = t === 0 ? initial(s) : total(r.stock, t - 1, s);
            const after = total(r.stock, t, s);
            const expected = before + total(r.entries, t, s) - total(r.exits, t, s);
            if (!near(after, expected)) throw new Error(`${period.label}, ${p.states[s].id}: ${after}, expected ${before} + entries − exits = ${expected}\n${text}`);
          }
          model.capacities.forEach((cap, c) => {
            const s = p.states.findIndex((x) => x.id === cap.state);
            const held = total(r.stock, t, s);
            const places = r.capacityPlaces[t * nc + c];
            if (held > places + 1e-9 * Math.max(1, places)) throw new Error(`${period.label}, ${cap.state}: holds ${held}, places ${places}\n${text}`);
            if (r.overflowStock[t * nc + c] < -1e-9) throw new Error(`negative overflow stock\n${text}`);
          });
        });
      }),
      OPTIONS,
    );
    expect(limited).toBeGreaterThan(RUNS * 0.1);
  });
});
