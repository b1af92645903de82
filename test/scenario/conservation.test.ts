/**
 * Conservation under scenarios and draws (property tests): whatever rate changes a scenario makes
 * (clipped where needed) and whatever a Monte Carlo draw picks, every per-step matrix row still sums
 * to 1 and each step's ledger balances: children at the start + entries from outside = children at
 * the end + exits, to 1e-9.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/engine/compile.js';
import { runPlan } from '../../src/engine/kernel.js';
import type { Plan } from '../../src/engine/plan.js';
import { loadModel } from '../../src/model/load.js';
import { scenarioPlan } from '../../src/scenario/plan.js';
import { parseScenario } from '../../src/scenario/load.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { drawModelValues, planWithValues } from '../../src/uncertainty/parameters.js';
import { drawGenerator } from '../../src/uncertainty/random.js';

const model = loadModel('models/example.yaml');
const STATES = ['universal', 'early_help', 'cin', 'cpp', 'cic'];

function expectConserved(plan: Plan): void {
  const n = plan.nStates;
  for (let set = 0; set < plan.nSets; set++) {
    for (let r = 0; r < plan.nBands * n; r++) {
      const base = set * plan.nBands * n * n + r * n;
      let sum = 0;
      for (let j = 0; j < n; j++) {
        expect(plan.P[base + j]).toBeGreaterThanOrEqual(0);
        sum += plan.P[base + j];
      }
      expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
    }
  }
  const r = runPlan(plan);
  for (let k = 0; k < plan.nSteps; k++) {
    const [start, inflow, outflow, toAbsorbing, end] = r.ledger.subarray(k * 5, k * 5 + 5);
    expect(Math.abs(start + inflow - outflow - toAbsorbing - end)).toBeLessThan(1e-9 * Math.max(1, start));
  }
}

describe('conservation', () => {
  it('holds for random scenario rate changes, phased and clipped (property)', async () => {
    const { plan } = await compileModel(model, { years: 3 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            from: fc.constantFrom(...STATES),
            to: fc.constantFrom(...STATES),
            kind: fc.constantFrom('multiply', 'relative_risk', 'add', 'set'),
            value: fc.double({ min: 0, max: 5, noNaN: true }),
            start: fc.integer({ min: 0, max: 30 }),
            phase: fc.integer({ min: 0, max: 18 }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        async (changes) => {
          const lines = changes
            .filter((c) => c.from !== c.to)
            .map((c) => {
              const v = c.kind === 'add' ? c.value / 50 - 0.05 : c.kind === 'set' ? c.value / 5 : c.value;
              const month = new Date(Date.UTC(2025, 3 + c.start, 1)).toISOString().slice(0, 10);
              // set and add name a state: on the group cic they would land once per placement type (refused).
              const to = c.to === 'cic' && (c.kind === 'add' || c.kind === 'set') ? 'ifa' : c.to;
              return `  - { from: ${c.from}, to: ${to}, ${c.kind}: ${v}, clip: true, start: ${month}, phase_in_months: ${c.phase} }`;
            });
          if (!lines.length) return;
          const s = parseScenario(`carecast: 1\nscenario: random\nchanges:\n${lines.join('\n')}\n`, '/tmp/random.yaml');
          expectConserved(scenarioPlan(model, plan, resolveScenario(s, model)));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('holds for Monte Carlo draws of the example model (property)', async () => {
    const { plan } = await compileModel(model, { years: 3 });
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), (d) => {
        expectConserved(planWithValues(model, plan, drawModelValues(model, drawGenerator('conservation', d))));
      }),
      { numRuns: 30 },
    );
  });
});
