/**
 * Goal-seek on small models whose answers are worked out by hand (yearly steps, costs counted on
 * the stock at the start of each step, so a year's cost is its opening stock × the unit cost).
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseScenario } from '../../src/scenario/load.js';
import { seekTarget, solveFor } from '../../src/target/seek.js';
import { parseTarget, resolveTarget } from '../../src/target/targets.js';
import { dedent, expectClose, yamlModel } from '../helpers.js';
import { goHome as goHomeWith, twoStates } from './two-states.js';

/**
 * 1,000 children in care, 10% going home a year, £1,000 per child-year, no inflation or
 * discounting. The scenario raises going home by a factor f and costs £50,000 a year.
 *
 * Year 1 costs 1,000 × £1,000 under both (the opening stock); year 2 costs 900 × £1,000 in the
 * baseline and 1,000 × (1 − 0.1 f) × £1,000 under the scenario. So the 2-year net saving is
 * 10^6 × (0.9 − 1 + 0.1 f) − 2 × 50,000 = 10^5 × f − 200,000: linear in f, and £30,000 needs
 * f = 2.3 exactly. Children in care at the end of year 2: 1,000 × (1 − 0.1 f)², so 700 needs
 * f = 10 × (1 − √0.7).
 */
const goHome = goHomeWith();

describe('goal-seek on a model with a closed-form answer', () => {
  it('net saving linear in the effect: £30,000 over 2 years needs f = 2.3 (to 1e-9)', async () => {
    const r = await seekTarget(twoStates(), goHome, 'more_going_home', 'net_saving@2y=30000', { range: [1, 5] });
    expect(r.status).toBe('met');
    expectClose(r.value!.value, 2.3, 1e-9, 'factor');
    expectClose(r.value!.result, 30_000, 1e-9, 'net saving');
    // The stated 1.5 gives 10^5 × 1.5 − 200,000 = −£50,000.
    expectClose(r.stated.result, -50_000, 1e-9, 'stated');
    expect(r.roots).toHaveLength(1);
    // The scan (17 points) and at most a few steps of Brent on a straight line, then the stated value.
    expect(r.projections).toBeLessThanOrEqual(17 + 4 + 1);
  });

  it('break-even over 2 years needs f = 2; the programme cost lever, £50,000 − 10^5 × 0.5 / 2 = £25,000', async () => {
    const f = await seekTarget(twoStates(), goHome, 'more_going_home', 'break_even@2y', { range: [1, 5] });
    expectClose(f.value!.value, 2, 1e-9);
    expect(f.value!.result).toBeGreaterThanOrEqual(0); // the side that meets "at least 0"
    // At f = 1.5 the gross saving over 2 years is £50,000, so break-even allows £25,000 a year.
    const cost = await seekTarget(twoStates(), goHome, 'team.fixed_per_year', 'break_even@2y');
    expectClose(cost.value!.value, 25_000, 1e-9);
  });

  it('children in care at the end of year 2: 700 needs f = 10 × (1 − √0.7), as a count and a group of one state', async () => {
    const r = await seekTarget(twoStates(), goHome, 'more_going_home', 'care@2y=700', { range: [1, 5] });
    expectClose(r.value!.value, 10 * (1 - Math.sqrt(0.7)), 1e-9);
    const fy = await seekTarget(twoStates(), goHome, 'more_going_home', 'care@2027=700', { range: [1, 5] });
    expect(fy.value!.value).toBe(r.value!.value); // 2027 is the year ending 31 March 2027: year 2
  });

  it('cost in a year: the scenario\'s £ in year 3 is 1,000 × (1 − 0.1 f)² × £1,000 + £50,000', async () => {
    // £750,000 needs (1 − 0.1 f)² = 0.7
    const r = await seekTarget(twoStates(), goHome, 'more_going_home', 'cost@3y=750000', { range: [1, 5] });
    expectClose(r.value!.value, 10 * (1 - Math.sqrt(0.7)), 1e-9);
  });

  it("'start': holding care at its start (1,000) to the end of year 2 needs nobody going home, f = 0", async () => {
    const r = await seekTarget(twoStates(), goHome, 'more_going_home', 'care@2y>=start', { range: [0, 1] });
    expect(r.target.value).toBe(1000);
    expect(r.value).toEqual({ value: 0, result: 1000 });
  });

  it('an at-least target met at every value searched: met throughout, at the value nearest no effect', async () => {
    // Over [1, 5] the 2-year net saving 10^5 × f − 200,000 runs from −£100,000 up: at least
    // −£300,000 everywhere, so nothing crosses the target. The least needed is f = 1 (no effect).
    const r = await seekTarget(twoStates(), goHome, 'more_going_home', 'net_saving@2y>=-300000', { range: [1, 5] });
    expect(r.status).toBe('met');
    expect(r.throughout).toBe(true);
    expect(r.value!.value).toBe(1);
    expectClose(r.value!.result, -100_000, 1e-9);
    // An exact target is not met "throughout": there is nothing to solve for.
    const exact = await seekTarget(twoStates(), goHome, 'more_going_home', 'net_saving@2y=-300000', { range: [1, 5] });
    expect(exact.status).toBe('not_reachable');
  });

  it('not reachable in the range: the best value tried and its result', async () => {
    // Over [1, 2] the 2-year net saving runs from −£100,000 to £0: £30,000 is out of reach.
    const r = await seekTarget(twoStates(), goHome, 'more_going_home', 'net_saving@2y=30000', { range: [1, 2] });
    expect(r.status).toBe('not_reachable');
    expect(r.value).toBeNull();
    expect(r.best.value).toBe(2);
    expectClose(r.best.result, 0, 1e-9);
  });
});

/**
 * A chain a → b → c: a fraction p of a moves to b each year, half of b moves on to c. Children
 * in b at the end of year 4 (from 1,000 in a) are 1,000 × p × Σ_{j=0..3} (1 − p)^j × 0.5^(3 − j):
 * none at p = 0, 125 at p = 1, 250 at p = 0.5. So 200 children in b is met twice, once below
 * p = 0.5 and once above: the measure is not monotone in the lever.
 */
describe('a target met at several values', () => {
  const chain = () =>
    yamlModel(`
      carecast: 1
      name: chain
      time: { start: 2025-04-01, step: year, horizon_years: 4 }
      states: [{ id: a }, { id: b }, { id: c, absorbing: true }]
      transitions: { per: step, matrices: [{ rows: { a: { b: 0.25 }, b: { c: 0.5 } } }] }
      initial: { a: 1000 }
    `);
  const faster = parseScenario(dedent(`
    carecast: 1
    scenario: Faster
    changes: [{ id: faster, from: a, to: b, multiply: 1 }]
  `), '/tmp/faster.yaml');
  const inB = (p: number) => 1000 * p * [0, 1, 2, 3].reduce((t, j) => t + (1 - p) ** j * 0.5 ** (3 - j), 0);
  /** Bisection written here, so the roots are not the solver's own. */
  const bisect = (lo: number, hi: number) => {
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (Math.sign(inB(mid) - 200) === Math.sign(inB(lo) - 200)) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };

  it('reports both values of the factor, and the one nearest the stated value', async () => {
    expect(inB(0.5)).toBe(250);
    const r = await seekTarget(chain(), faster, 'faster', 'b@4y=200', { range: [0, 4] });
    expect(r.roots).toHaveLength(2);
    const [low, high] = [bisect(0, 0.5) / 0.25, bisect(0.5, 1) / 0.25];
    expectClose(r.roots[0].value, low, 1e-9);
    expectClose(r.roots[1].value, high, 1e-9);
    // Stated factor 1 (p = 0.25): nearer the lower root.
    expect(r.value!.value).toBe(r.roots[0].value);
    expect(Math.abs(low - 1)).toBeLessThan(Math.abs(high - 1));
  });
});

describe('located errors before any search', () => {
  const model = twoStates();
  const fails = (lever: string, target: string, range?: [number, number]) => seekTarget(model, goHome, lever, target, range ? { range } : {});

  it('an unknown lever lists the levers there are, with a "did you mean"', async () => {
    await expect(fails('more_goin_home', 'net_saving@2y=1')).rejects.toThrow(/\/tmp\/go-home\.yaml has no lever 'more_goin_home': did you mean 'more_going_home'\?; its levers: more_going_home, team\.fixed_per_year/);
  });

  it('an unknown measure or state, and a year past the horizon', async () => {
    await expect(fails('more_going_home', 'cic@2y=1')).rejects.toThrow(/unknown measure 'cic' \(expected net_saving, .*a state or group of \/tmp\/x\.yaml: care/);
    await expect(fails('more_going_home', 'net_savings@2y=1')).rejects.toThrow(/did you mean 'net_saving'/);
    await expect(fails('more_going_home', 'net_saving@5y=1')).rejects.toThrow(/year 5 is past the horizon \(the projection's 4 whole financial years run to 2028\/29\)/);
    await expect(fails('more_going_home', 'care@2031=1')).rejects.toThrow(/2030\/31 is past the horizon/);
    await expect(fails('more_going_home', 'rate:care@2y=1')).rejects.toThrow(/has no population, so there is no rate per 10,000/);
    await expect(fails('more_going_home', 'home@2y=1')).rejects.toThrow(/home is an exit state/);
  });

  it('a range the lever cannot take, or written the wrong way round', async () => {
    await expect(fails('more_going_home', 'net_saving@2y=1', [-1, 2])).rejects.toThrow(/takes values from 0 to Infinity/);
    await expect(fails('more_going_home', 'net_saving@2y=1', [2, 1])).rejects.toThrow(/the low end must be below the high end/);
    await expect(fails('more_going_home', 'net_saving@2y=1', [2, 1])).rejects.toBeInstanceOf(UsageError);
  });

  it('a lever stated at no effect has no range of its own: --range is asked for', async () => {
    const none = parseScenario('carecast: 1\nscenario: None\nchanges: [{ id: same, from: care, to: home, multiply: 1 }]\n', '/tmp/none.yaml');
    await expect(seekTarget(model, none, 'same', 'net_saving@2y=1')).rejects.toThrow(/same states 1, which leaves it no range of its own to search/);
  });

  it('a value of the lever the scenario cannot take is named', async () => {
    // multiply 20 makes going home 2 a year: more than the children there
    await expect(fails('more_going_home', 'net_saving@2y=1', [1, 20])).rejects.toThrow(/with more_going_home at \d+(\.\d+)?, the scenario cannot be applied/);
  });
});

describe('a measure that jumps across the target', () => {
  it('is reported as a jump between two values, not as a value meeting the target', async () => {
    // A step: £0 below 2.5, £100 from 2.5 (places opening all at once); the target £50 is never met.
    const periods = [{ fy: 2025, label: '2025/26', start: '2025-04-01', end: '2026-04-01', steps: 1, partial: false }];
    const target = resolveTarget(parseTarget('net_saving@1y=50'), twoStates(), periods);
    const r = await solveFor(async (x) => (x < 2.5 ? 0 : 100), target, [0, 4], 1);
    expect(r.status).toBe('not_reachable');
    expect(r.roots).toEqual([]);
    expect(r.jumps).toHaveLength(1);
    expect(r.jumps[0].from.result).toBe(0);
    expect(r.jumps[0].to.result).toBe(100);
    expect(r.jumps[0].to.value - r.jumps[0].from.value).toBeLessThan(1e-9);
    expect(r.jumps[0].from.value).toBeLessThan(2.5);
    expect(r.jumps[0].to.value).toBeGreaterThanOrEqual(2.5);
  });
});
