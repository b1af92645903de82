/**
 * Capacity and overflow: a state holds at most its places; whoever it cannot take goes to its
 * overflow state, arrivals first, and children already placed stay unless places fall below them.
 * Displaced children are not moved back when places free (models/README.md, "capacity").
 *
 * Every expected number comes from the hand calculation next to it.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { unitsByStep } from '../../src/engine/capacity.js';
import type { CarecastError } from '../../src/errors.js';
import { dedent, expectClose, reader, runYaml, yamlModel } from '../helpers.js';

/** Children waiting (`wait`) all move into `home` in a year; `home` overflows into `agency`. */
const base = (capacity: string, extra = '') => `
  carecast: 1
  name: capacity
  time: { start: 2025-04-01, step: year, horizon_years: 3 }
  states: [{ id: wait }, { id: home }, { id: agency }, { id: out, absorbing: true }]
  transitions:
    per: step
    matrices:
      - rows:
          wait: { home: 1 }
          home: { out: 0.5 }
          agency: { out: 0.5 }
  initial: { wait: 15 }
  values:
    count: end
    costs:
      home: { per_year: 100 }
      agency: { per_year: 300 }
  capacity:
${capacity}
${extra}
`;

describe('a state with 10 places and 15 children wanting them', () => {
  const yaml = base('    home: { places: 10, overflow: agency }');

  it('places 10 and sends 5 to the overflow, at the overflow cost', async () => {
    // year 1: all 15 leave wait for home; home takes 10, the 5 arrivals over 10 go to agency.
    // cost (count: end): home 10 × £100 = £1,000; agency 5 × £300 = £1,500; the 5 displaced
    // cost £300 − £100 = £200 more each: £1,000 extra.
    const p = await runYaml(yaml);
    const r = reader(p);
    expectClose(r.stock(0, 'home'), 10, 1e-12);
    expectClose(r.stock(0, 'agency'), 5, 1e-12);
    expectClose(r.cost(0, 'home'), 1000, 1e-12);
    expectClose(r.cost(0, 'agency'), 1500, 1e-12);
    expectClose(p.result.capacityPlaces[0], 10, 1e-12);
    expectClose(p.result.overflowEntries[0], 5, 1e-12);
    expectClose(p.result.overflowStock[0], 5, 1e-12);
    expectClose(p.result.overflowCost[0], 1000, 1e-12);
  });

  it('counts the overflow as entries to the overflow state, not to the full one', async () => {
    // year 1 entries: home 15 − 5 = 10, agency 5.
    const r = reader(await runYaml(yaml));
    expectClose(r.entries(0, 'home'), 10, 1e-12);
    expectClose(r.entries(0, 'agency'), 5, 1e-12);
  });

  it('does not move displaced children back when places free', async () => {
    // year 2: home 10 → 5 (half leave), agency 5 → 2.5; no arrivals (wait is empty), so the 5
    // free places stay free and the 2.5 displaced children stay in agency.
    // year 3: home 2.5, agency 1.25 (displaced 1.25).
    const p = await runYaml(yaml);
    const r = reader(p);
    expectClose(r.stock(1, 'home'), 5, 1e-12);
    expectClose(r.stock(1, 'agency'), 2.5, 1e-12);
    expectClose(p.result.overflowStock[1], 2.5, 1e-12);
    expectClose(p.result.overflowEntries[1], 0, 1e-12);
    expectClose(r.stock(2, 'agency'), 1.25, 1e-12);
    expectClose(p.result.overflowStock[2], 1.25, 1e-12);
  });
});

describe('freed places go to new arrivals', () => {
  it('fills the places that children leaving free, and sends only the rest to the overflow', async () => {
    // 10 places, home holds 10 at the start, 8 arrive a year from wait (8 a year flow in
    // directly), half of home leaves each year.
    // year 1: home 10 × 0.5 = 5 stay, 8 arrive → 13; 3 over → agency 3 (displaced 3).
    // year 2: home 10 × 0.5 = 5 + 8 = 13 → 10, agency 3 × 0.5 + 3 = 4.5 (displaced 1.5 + 3).
    const yaml = dedent(`
      carecast: 1
      name: freed places
      time: { start: 2025-04-01, step: year, horizon_years: 2 }
      states: [{ id: home }, { id: agency }, { id: out, absorbing: true }]
      transitions:
        per: step
        matrices:
          - rows:
              home: { out: 0.5 }
              agency: { out: 0.5 }
      direct_entries:
        - { state: home, per_year: 8 }
      initial: { home: 10 }
      capacity:
        home: { places: 10, overflow: agency }
    `);
    const p = await runYaml(yaml);
    const r = reader(p);
    expectClose(r.stock(0, 'home'), 10, 1e-12);
    expectClose(r.stock(0, 'agency'), 3, 1e-12);
    expectClose(p.result.overflowEntries[0], 3, 1e-12);
    expectClose(r.stock(1, 'agency'), 4.5, 1e-12);
    expectClose(p.result.overflowStock[1], 4.5, 1e-12);
  });
});

describe('places that change over time', () => {
  it('grow by recruitment net of attrition, in households of 1.5 places', async () => {
    // 100 households, 12% leave a year, 20 recruited a year (yearly steps):
    // end of year 1: 100 × 0.88 + 20 = 108 households = 162 places;
    // end of year 2: 108 × 0.88 + 20 = 115.04 households = 172.56 places;
    // end of year 3: 115.04 × 0.88 + 20 = 121.2352 households = 181.8528 places.
    const p = await runYaml(base('    home: { households: 100, places_per_household: 1.5, recruitment_per_year: 20, attrition_per_year: 0.12, overflow: agency }'));
    [162, 172.56, 181.8528].forEach((v, t) => expectClose(p.result.capacityPlaces[t], v, 1e-12, `places, year ${t + 1}`));
    expect(Array.from(unitsByStep(100, 0.12, 1, [20, 20]))).toEqual([108, 115.04]);
  });

  it('monthly steps take the year’s attrition as a monthly compounding share', () => {
    // 12 monthly steps of (1 − 0.12)^(1/12) with 20/12 recruited each month: after a year
    // 100 × 0.88 + (20/12) × Σ_{j=0..11} 0.88^(j/12). Σ = (1 − 0.88) / (1 − 0.88^(1/12)).
    const keep = 0.88 ** (1 / 12);
    const expected = 100 * 0.88 + (20 / 12) * ((1 - 0.88) / (1 - keep));
    const u = unitsByStep(100, 0.12, 1 / 12, new Array(12).fill(20 / 12));
    expectClose(u[11], expected, 1e-12);
  });

  it('moves children already placed when places fall below them (a home closes)', async () => {
    // 2025-26: 10 places, 2026-27: 6 places. Year 1: home 10, agency 5 (as above).
    // Year 2: home 10 × 0.5 = 5 ≤ 6 places: nobody moves. Year 3 (2027-28 keeps 6): home 2.5.
    // With a sharper fall, 2026-27: 3 places: home 5 > 3, so 2 placed children move to agency.
    const yaml = base("    home: { places: 10, overflow: agency, places_by_year: { '2025-26': 10, '2026-27': 3 } }");
    const p = await runYaml(yaml);
    const r = reader(p);
    expectClose(r.stock(1, 'home'), 3, 1e-12);
    // agency: 5 × 0.5 = 2.5 stay, + 2 moved = 4.5; exits from home in year 2: 5 leave + 2 moved.
    expectClose(r.stock(1, 'agency'), 4.5, 1e-12);
    expectClose(p.result.overflowEntries[1], 2, 1e-12);
    expectClose(r.exits(1, 'home'), 7, 1e-12);
    expectClose(p.result.capacityPlaces[1], 3, 1e-12);
  });
});

describe('an overflow chain', () => {
  it('passes children on when the overflow is full too', async () => {
    // home 10 places → agency 3 places → private (no limit). 15 arrive in home:
    // home 10, 5 to agency; agency takes 3, 2 go on to private.
    const yaml = dedent(`
      carecast: 1
      name: chain
      time: { start: 2025-04-01, step: year, horizon_years: 1 }
      states: [{ id: wait }, { id: home }, { id: agency }, { id: private }]
      transitions:
        per: step
        matrices:
          - rows:
              wait: { home: 1 }
              home: {}
              agency: {}
              private: {}
      initial: { wait: 15 }
      capacity:
        agency: { places: 3, overflow: private }
        home: { places: 10, overflow: agency }
    `);
    const p = await runYaml(yaml);
    const r = reader(p);
    expectClose(r.stock(0, 'home'), 10, 1e-12);
    expectClose(r.stock(0, 'agency'), 3, 1e-12);
    expectClose(r.stock(0, 'private'), 2, 1e-12);
    // Capacities are applied home first (its overflow, agency, is limited too).
    expect(yamlModel(yaml).capacities.map((c) => c.state)).toEqual(['home', 'agency']);
  });
});

describe('ages: overflow within each age band', () => {
  it('takes the excess from each band in proportion to its arrivals', async () => {
    // Bands 0-9 and 10-17, yearly steps: ageing moves 1/10 and 1/8 of a band each year, after
    // transitions. 12 children in wait aged 0-9 and 8 aged 10-17 all move to home (10 places).
    // After transitions home holds 12 + 8 = 20 (all arrivals). Ageing: 1.2 of the 12 move to
    // 10-17 (arrivals with them), 1 of the 8 leave at 18 to out: home 10.8 + 8.2 = 19 → 9 over.
    // Arrivals by band: 10.8 and 8.2, so 9 × 10.8/19 and 9 × 8.2/19 move to agency.
    const yaml = dedent(`
      carecast: 1
      name: bands
      time: { start: 2025-04-01, step: year, horizon_years: 1 }
      states: [{ id: wait }, { id: home }, { id: agency }, { id: out, absorbing: true }]
      ages: { bands: [0-9, 10-17], age_out_to: out }
      transitions:
        per: step
        matrices:
          - rows:
              wait: { home: 1 }
              home: {}
              agency: {}
      initial: { wait: { 0-9: 12, 10-17: 8 } }
      capacity:
        home: { places: 10, overflow: agency }
    `);
    const r = reader(await runYaml(yaml));
    expectClose(r.stock(0, 'home'), 10, 1e-12);
    expectClose(r.stock(0, 'agency', '0-9'), (9 * 10.8) / 19, 1e-12);
    expectClose(r.stock(0, 'agency', '10-17'), (9 * 8.2) / 19, 1e-12);
  });
});

describe('invalid capacities are located errors', () => {
  const problemsOf = (yaml: string): string[] => {
    try {
      yamlModel(yaml);
    } catch (e) {
      const err = e as CarecastError & { issues?: { path: string; message: string }[] };
      return (err.issues ?? []).map((i) => `${i.path}: ${i.message}`);
    }
    return [];
  };
  const problems = (capacity: string): string[] => problemsOf(base(capacity));

  it('refuses a capacity on an absorbing state, and an unknown or absorbing overflow', () => {
    expect(problems('    out: { places: 3, overflow: agency }')).toEqual(["capacity.out: state 'out' is absorbing here"]);
    expect(problems('    home: { places: 10, overflow: ifa }')[0]).toMatch(/^capacity\.home\.overflow: unknown state 'ifa'/);
    expect(problems('    home: { places: 10, overflow: out }')).toEqual(["capacity.home.overflow: state 'out' is absorbing here"]);
    expect(problems('    home: { places: 10, overflow: home }')).toEqual(['capacity.home.overflow: a state cannot overflow into itself']);
  });

  it('refuses an overflow chain that loops', () => {
    expect(problems('    home: { places: 10, overflow: agency }\n    agency: { places: 10, overflow: home }')[0]).toMatch(/the overflow chain loops: (home → agency → home|agency → home → agency)/);
  });

  it('refuses negative places, and places given twice or not at all', () => {
    expect(problems('    home: { places: -1, overflow: agency }')[0]).toMatch(/^capacity\.home\.places: must not be negative/);
    expect(problems('    home: { places: 10, households: 5, places_per_household: 2, overflow: agency }')[0]).toMatch(/give the places held at the start as places, or as households/);
    expect(problems('    home: { overflow: agency }')[0]).toMatch(/give the places held at the start/);
    expect(problems('    home: { households: 5, overflow: agency }')[0]).toMatch(/households need places_per_household/);
  });

  it('refuses places below the children placed at the start', () => {
    const yaml = base('    home: { places: 10, overflow: agency }').replace('initial: { wait: 15 }', 'initial: { wait: 15, home: 12 }');
    expect(problemsOf(yaml)).toEqual(["capacity.home.places: 'home' holds 12 children at the start, more than its 10 places"]);
  });

  it('refuses recruitment and attrition beside places by year', () => {
    expect(problems("    home: { places: 10, overflow: agency, recruitment_per_year: 2, places_by_year: { '2026-27': 12 } }")[0]).toMatch(/places by year replace recruitment and attrition/);
    expect(problems("    home: { places: 10, overflow: agency, places_by_year: { '2026': 12 } }")[0]).toMatch(/'2026' is not a financial year/);
  });
});

describe('uncertain places', () => {
  it('scales how places move from the start by the drawn factor, and draws factors with mean 1', async () => {
    const { compileModel } = await import('../../src/engine/compile.js');
    const { drawModelValues, planWithValues, pointModelValues } = await import('../../src/uncertainty/parameters.js');
    const m = yamlModel(base('    home: { places: 10, recruitment_per_year: 4, overflow: agency }', '  uncertainty:\n    capacity:\n      home: { distribution: lognormal, cv: 0.2 }'));
    expect(m.uncertainty.capacities).toEqual([{ capacity: 0, distribution: expect.objectContaining({ kind: 'lognormal' }), label: 'places: home' }]);
    const { plan } = await compileModel(m);
    // Places 10 at the start, + 4 a year: 14, 18, 22. At factor 0.5 the growth halves: 12, 14, 16
    // (the 10 places held at the start are as stated).
    const values = { ...pointModelValues(m), capacity: [0.5] };
    expect(Array.from(planWithValues(m, plan, values).capPlaces)).toEqual([12, 14, 16]);
    // At the stated value (factor 1) the plan is unchanged.
    expect(Array.from(planWithValues(m, plan, pointModelValues(m)).capPlaces)).toEqual([14, 18, 22]);
    // Mean of 20,000 lognormal factors with cv 0.2: 1 within 4 standard errors (0.2 / √20000 × 4 ≈ 0.0057).
    const uniform = seedrandom.alea('capacity');
    let sum = 0;
    for (let i = 0; i < 20000; i++) sum += drawModelValues(m, uniform).capacity[0];
    expect(Math.abs(sum / 20000 - 1)).toBeLessThan(0.0057);
  });

  it('refuses uncertain places on a state without a capacity', () => {
    expect(() => yamlModel(base('    home: { places: 10, overflow: agency }', '  uncertainty:\n    capacity:\n      agency: { distribution: lognormal, cv: 0.2 }'))).toThrow(/model/);
  });
});

describe('places by year and the children placed at the start', () => {
  it('refuses a first year with fewer places than the children placed at the start', () => {
    const yaml = base("    home: { places: 12, overflow: agency, places_by_year: { '2025-26': 4 } }").replace('initial: { wait: 15 }', 'initial: { wait: 15, home: 12 }');
    expect(() => yamlModel(yaml)).toThrow(/model/);
  });
});

/** `home` (10 places) holding `home` children, nobody leaving; half of `agency`'s 10 would move to home each year (£1,000 a move). */
const bounceModel = (home: number, years: number) => dedent(`
  carecast: 1
  name: bounce
  time: { start: 2025-04-01, step: year, horizon_years: ${years} }
  states: [{ id: home }, { id: agency }]
  transitions:
    per: step
    matrices:
      - rows:
          home: {}
          agency: { home: 0.5 }
  initial: { home: ${home}, agency: 10 }
  values:
    transition_costs:
      - { from: agency, to: home, cost: 1000 }
  capacity:
    home: { places: 10, overflow: agency }
`);

describe('a move from the overflow into a full state', () => {
  it('does not happen: the child stays, with no move counted or costed', async () => {
    // home is full (10 places, 10 children, nobody leaves); agency holds 10, half of whom would
    // move to home each year (a placement change costing £1,000). No place is ever free, so
    // nobody moves: home 10, agency 10, no entries or exits, no move costed, nobody sent.
    const yaml = bounceModel(10, 2);
    const p = await runYaml(yaml);
    const r = reader(p);
    for (const t of [0, 1]) {
      expectClose(r.stock(t, 'home'), 10, 1e-12);
      expectClose(r.stock(t, 'agency'), 10, 1e-12);
      expectClose(r.entries(t, 'home'), 0, 1e-12);
      expectClose(r.exits(t, 'agency'), 0, 1e-12);
      expectClose(r.entries(t, 'agency'), 0, 1e-12);
      expectClose(r.flow(t), 0, 1e-12);
      expectClose(r.flowCost(t), 0, 1e-12);
      expectClose(p.result.overflowEntries[t], 0, 1e-12);
      expectClose(p.result.overflowStock[t], 0, 1e-12);
    }
  });

  it('with one place free, one child moves and the other four stay', async () => {
    // home holds 9 of 10 places; 5 of agency's 10 want to move: 1 moves (£1,000), 4 stay.
    const yaml = bounceModel(9, 1);
    const p = await runYaml(yaml);
    const r = reader(p);
    expectClose(r.stock(0, 'home'), 10, 1e-12);
    expectClose(r.stock(0, 'agency'), 9, 1e-12);
    expectClose(r.entries(0, 'home'), 1, 1e-12);
    expectClose(r.exits(0, 'agency'), 1, 1e-12);
    expectClose(r.flowCost(0), 1000, 1e-9);
    expectClose(p.result.overflowEntries[0], 0, 1e-12);
  });
});
