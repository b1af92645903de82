/**
 * Ages past 17 (models/README.md, "Age range and leaving ages"), worked by hand: a model counting
 * ages 16-25 where young people leave `young` at 18 to become care leavers, care leavers leave at
 * 25 to an exit, and a plan runs to the top of the range (past 25, `age_out_to`). And a
 * population that counts only ages 0-17 in a model running to 20: bands past it get no births or
 * migration and are not in the count of all children.
 *
 * Every expected number comes from the hand calculation beside it. Within a step: transitions,
 * then ageing from the oldest band down (a band w years wide passes step / w of its children up),
 * then entries from outside and the population.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectClose, reader, runYaml } from '../helpers.js';

const LEAVERS = `
  carecast: 1
  name: leaving ages
  time: { start: 2025-04-01, step: year, horizon_years: 2 }
  states:
    - { id: young }
    - { id: leaver }
    - { id: plan }
    - { id: gone, absorbing: true }
    - { id: aged_out, absorbing: true }
  ages:
    range: 16-25
    bands: [16-17, 18-20, 21-24, "25"]
    age_out_to: aged_out          # past 25: the top of the range
    leave:
      young: { at: 18, to: leaver }   # an active state: they go on ageing as care leavers
      leaver: { at: 25, to: gone }    # an exit at 25
  transitions:
    per: step
    matrices:
      - rows:
          young: { gone: 0.1 }
          leaver: {}
          plan: {}
  initial:
    young: { 16-17: 100 }
    leaver: { 18-20: 60, 21-24: 40 }
    plan: { 21-24: 20, "25": 10 }
  values:
    count: end
    costs:
      leaver: { per_year: 5200 }
    transition_costs:
      - { from: young, to: leaver, cost: 1000, label: Pathway plan at 18 }
`;

describe('ageing past 18, a leaving age to an active state, an exit at 25', () => {
  // Year 1 by hand. Transitions: young 100 → 90 stay, 10 to gone (band 16-17).
  // Ageing, oldest band first (fractions 1/2, 1/3, 1/4, 1 of bands 16-17, 18-20, 21-24, 25):
  //   25:    plan 10 × 1 = 10 past 25 → aged_out (band 25).
  //   21-24: leaver 40 × 1/4 = 10 reach 25 → gone (in band 21-24), 30 stay;
  //          plan 20 × 1/4 = 5 → plan 25 (5), 15 stay.
  //   18-20: leaver 60 × 1/3 = 20 → leaver 21-24 (30 + 20 = 50), 40 stay.
  //   16-17: young 90 × 1/2 = 45 reach 18 → leaver 18-20 (40 + 45 = 85), 45 stay.
  // Year 2. Transitions: young 45 → 40.5 stay, 4.5 to gone.
  //   25:    plan 5 → aged_out (10 + 5 = 15).
  //   21-24: leaver 50 × 1/4 = 12.5 → gone (10 + 12.5 = 22.5), 37.5 stay;
  //          plan 15 × 1/4 = 3.75 → plan 25 (3.75), 11.25 stay.
  //   18-20: leaver 85 × 1/3 = 28.333… → leaver 21-24 (37.5 + 28.333… = 65.833…), 56.666… stay.
  //   16-17: young 40.5 × 1/2 = 20.25 → leaver 18-20 (56.666… + 20.25 = 76.916…), 20.25 stay.
  const expected = [
    { young: 45, leaver1820: 85, leaver2124: 50, plan2124: 15, plan25: 5, gone: 20, agedOut: 10 },
    { young: 20.25, leaver1820: 170 / 3 + 20.25, leaver2124: 37.5 + 85 / 3, plan2124: 11.25, plan25: 3.75, gone: 20 + 4.5 + 12.5, agedOut: 15 },
  ];

  it('moves children across 18 into the care-leaver state and out at 25', async () => {
    const r = reader(await runYaml(LEAVERS));
    expected.forEach((e, t) => {
      const y = `year ${t + 1}`;
      expectClose(r.stock(t, 'young', '16-17'), e.young, 1e-12, `young, ${y}`);
      expectClose(r.stock(t, 'young', '18-20'), 0, 1e-12, `no young person stays past 18, ${y}`);
      expectClose(r.stock(t, 'leaver', '18-20'), e.leaver1820, 1e-12, `leaver 18-20, ${y}`);
      expectClose(r.stock(t, 'leaver', '21-24'), e.leaver2124, 1e-12, `leaver 21-24, ${y}`);
      expectClose(r.stock(t, 'leaver', '25'), 0, 1e-12, `no care leaver reaches the 25 band, ${y}`);
      expectClose(r.stock(t, 'plan', '21-24'), e.plan2124, 1e-12, `plan 21-24, ${y}`);
      expectClose(r.stock(t, 'plan', '25'), e.plan25, 1e-12, `plan 25, ${y}`);
      expectClose(r.stock(t, 'gone'), e.gone, 1e-12, `gone, ${y}`);
      expectClose(r.stock(t, 'aged_out'), e.agedOut, 1e-12, `aged out past 25, ${y}`);
      // Nobody made or lost: 100 + 60 + 40 + 20 + 10 = 230.
      expectClose(r.stock(t), 230, 1e-12, `all children, ${y}`);
    });
  });

  it('counts leaving as an entry and an exit, ageing within a state as neither, and the exit at 25 in the band left', async () => {
    const r = reader(await runYaml(LEAVERS));
    // Year 1: 45 young people became care leavers; the 20 who grew from 18-20 into 21-24 did not enter.
    expectClose(r.entries(0, 'leaver'), 45, 1e-12);
    expectClose(r.entries(0, 'leaver', '18-20'), 45, 1e-12);
    expectClose(r.exits(0, 'young'), 10 + 45, 1e-12);
    // Leavers at 25: 10, counted in the band they left (21-24), as exits past the top are.
    expectClose(r.entries(0, 'gone', '21-24'), 10, 1e-12);
    expectClose(r.exits(0, 'leaver'), 10, 1e-12);
    expectClose(r.entries(0, 'aged_out', '25'), 10, 1e-12);
    expectClose(r.entries(1, 'leaver'), 20.25, 1e-12);
    expectClose(r.entries(1, 'gone'), 4.5 + 12.5, 1e-12);
  });

  it('costs the care leavers and the move at 18', async () => {
    const p = await runYaml(LEAVERS);
    const leaver = p.states.findIndex((s) => s.id === 'leaver');
    const n = p.states.length;
    const nb = p.bands.length;
    const cost = (t: number) => Array.from({ length: nb }, (_, b) => p.result.cost[t * nb * n + b * n + leaver]).reduce((a, v) => a + v, 0);
    // count: end, no inflation: year 1: (85 + 50) × £5,200 = £702,000; year 2: (76.916… + 65.833…) × 5,200.
    expectClose(cost(0), 135 * 5200, 1e-12);
    expectClose(cost(1), (170 / 3 + 20.25 + 37.5 + 85 / 3) * 5200, 1e-12);
    // The move at 18: 45 × £1,000 in year 1, 20.25 × £1,000 in year 2.
    expectClose(p.result.flowCost[0], 45_000, 1e-12);
    expectClose(p.result.flowCost[1], 20_250, 1e-12);
  });
});

describe('a population counting ages 0-17 in a model running to 20', () => {
  const yaml = `
    carecast: 1
    name: population 0-17, care leavers to 20
    time: { start: 2025-04-01, step: year, horizon_years: 1 }
    states:
      - { id: universal }
      - { id: cic }
      - { id: care_leaver }
      - { id: aged_18, absorbing: true }
      - { id: left, absorbing: true }
    ages:
      range: 0-20
      bands: [0-17, 18-20]
      age_out_to: left
      leave:
        universal: { at: 18, to: aged_18 }
        cic: { at: 18, to: care_leaver }
    transitions:
      per: step
      matrices:
        - rows:
            universal: { cic: 0.01 }
            cic: {}
            care_leaver: {}
    population:
      entry_state: universal
      ages: 0-17
      projection: { file: POPFILE }
    initial:
      cic: { 0-17: 180 }
      care_leaver: { 18-20: 30 }
  `;

  it('follows the projection in 0-17 only, and counts only 0-17 as all children', async () => {
    const r = reader(await runYaml(yaml.replace("POPFILE", popFile())));
    // At the start: 18,000 aged 0-17 (1,000 a year of age): universal 18,000 − 180 = 17,820.
    // Transitions: universal 17,820 × 0.01 = 178.2 to care; cic 180 + 178.2 = 358.2.
    // Ageing (1/18 of 0-17): universal 17,641.8 / 18 = 980.1 reach 18 → aged_18, cic 358.2 / 18
    // = 19.9 → care_leaver 18-20; 18-20 (1/3): care leavers 30 / 3 = 10 past 20 → left.
    // Population: 0-17 brought back to the projection at 1 April 2026 (still 18,000): universal
    // gets 18,000 − (16,661.7 + 338.3) = 1,000 more. Care leavers: 30 − 10 + 19.9 = 39.9, no migration.
    expectClose(r.stock(0, 'care_leaver', '18-20'), 39.9, 1e-12);
    expectClose(r.stock(0, 'cic', '0-17'), 358.2 - 19.9, 1e-12);
    expectClose(r.stock(0, 'universal', '0-17'), 18_000 - (358.2 - 19.9), 1e-9);
    expectClose(r.population(0), 18_000, 1e-12);
    expect(r.population(0, '18-20')).toBe(0);
    expectClose(r.stock(0, 'aged_18'), 17_641.8 / 18, 1e-12);
    expectClose(r.stock(0, 'left'), 10, 1e-12);
  });
});

/** A flat projection of 1,000 children at each age 0-20 (ages past 17 are there but not used). */
function popFile(): string {
  const lines = ['age,mid_year,population'];
  for (let y = 2024; y <= 2027; y++) for (let a = 0; a <= 20; a++) lines.push(`${a},${y},1000`);
  const file = `/tmp/carecast-age-range-pop-${process.pid}.csv`;
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
