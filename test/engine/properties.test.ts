/**
 * Properties of the engine on random valid models (fast-check). Each model is written as YAML and
 * read with parseModel, like a user's file: 2-6 states (one or two absorbing), random rows that
 * sum to 1, random stocks, optional age bands, monthly, quarterly or yearly steps, probabilities
 * per step or per year (converted, negative_root: clip), and births, direct entries or a
 * population projection; ages to 25 with a state left at a band's first age (for an exit or
 * another active state), and populations counting only the youngest bands. Specified:
 *
 *  (i)   conservation in every step's ledger: activeStart + inflow = activeEnd + toAbsorbing +
 *        outflow (to 1e-9 of the totals), one step's end is the next one's start, and all
 *        children (absorbing states included) are the initial ones plus inflow minus outflow;
 *  (ii)  every row of every compiled per-step matrix sums to 1 (within 1e-9) with no negative entry;
 *  (iii) with a population projection, each band the population counts has an active total at
 *        each period end equal to the projection interpolated at that date, whenever the entry
 *        state never runs short;
 *  (iv)  with random capacities (places at the start, recruitment and attrition, or places by
 *        year; chains of overflow), (i) still holds, each state's stock changes by its entries
 *        less its exits in every period (to 1e-9), and no limited state ever holds more than its
 *        places (yearly steps, so every step ends a period).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compileModel } from '../../src/engine/compile.js';
import { project } from '../../src/engine/project.js';
import { populationAt } from '../../src/model/population.js';
import { parseIsoDate } from '../../src/model/time.js';
import { ALL, drawModel, near, range, removeRandomModels } from './random-models.js';

const RUNS = 100;
/**
 * No shrinking: the models are drawn step by step (fc.gen), and shrinking such draws runs on for
 * tens of thousands of steps until memory runs out. A failure instead reports the model's YAML
 * in its message, which reproduces it as it stands.
 */
const OPTIONS = { numRuns: RUNS, endOnFailure: true } as const;
afterAll(removeRandomModels);

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
          // The bands the population counts (population.ages; every band by default).
          expect(target.length).toBe(model.populationBands ?? nb);
          for (let b = 0; b < target.length; b++) {
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
