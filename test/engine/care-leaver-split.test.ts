/**
 * Care leavers split by where they live (models/example.yaml, "Care leavers"), worked by hand: a
 * cohort of 100 aged 17 in care (50 fostered, 30 in residential or supported placements, 20
 * placed with parents) leaves care at 18 by the placement it leaves, foster children to Staying
 * Put, residential to supported accommodation, the rest to other leaving-care support, and is
 * costed at the example's £18,000, £49,000 and £5,000 a year.
 *
 * Yearly steps, so every 17-year-old reaches 18 in the first year (a band one year wide passes all
 * its children up each year); within a step: transitions, then ageing from the oldest band down,
 * so the new 18-year-olds do not age past 20 in the year they arrive.
 */
import { describe, it } from 'vitest';
import { expectClose, reader, runYaml } from '../helpers.js';

const YAML = `
  carecast: 1
  name: care leavers by where they live
  time: { start: 2025-04-01, step: year, horizon_years: 2 }
  states:
    - { id: foster }
    - { id: residential }
    - { id: with_parents }
    - { id: staying_put }
    - { id: supported_accommodation }
    - { id: leaving_care_support }
    - { id: left_support, absorbing: true }
    - { id: aged_21, absorbing: true }
  ages:
    range: 17-20
    bands: ["17", 18-20]
    age_out_to: aged_21
    leave:
      foster: { at: 18, to: staying_put }
      residential: { at: 18, to: supported_accommodation }
      with_parents: { at: 18, to: leaving_care_support }
  transitions:
    per: step
    matrices:
      - rows:
          foster: {}
          residential: {}
          with_parents: {}
          staying_put: { leaving_care_support: 0.5, left_support: 0.02 }
          supported_accommodation: { leaving_care_support: 0.4, left_support: 0.02 }
          leaving_care_support: { left_support: 0.02 }
  initial:
    foster: { "17": 50 }
    residential: { "17": 30 }
    with_parents: { "17": 20 }
  values:
    count: start
    costs:
      staying_put: { per_year: 18000 }
      supported_accommodation: { per_year: 49000 }
      leaving_care_support: { per_year: 5000 }
`;

describe('care leavers split at 18 by the placement they leave', () => {
  it('lands a cohort of 100 in Staying Put, supported accommodation and other support as 50/30/20', async () => {
    const r = reader(await runYaml(YAML));
    // Year 1: no moves in care; ageing takes all 100 to 18: 50 foster → Staying Put, 30
    // residential → supported accommodation, 20 placed with parents → other support.
    expectClose(r.stock(0, 'staying_put', '18-20'), 50, 1e-12);
    expectClose(r.stock(0, 'supported_accommodation', '18-20'), 30, 1e-12);
    expectClose(r.stock(0, 'leaving_care_support', '18-20'), 20, 1e-12);
    expectClose(r.stock(0, 'foster') + r.stock(0, 'residential') + r.stock(0, 'with_parents'), 0, 1e-12);
    // Counted at the start of the year, nobody is a care leaver yet in year 1.
    expectClose(r.cost(0), 0, 1e-12);
  });

  it("costs their first year as care leavers at the sum of each state's stock times its cost", async () => {
    const r = reader(await runYaml(YAML));
    // Year 2 counted on the stock at its start: 50 × £18,000 + 30 × £49,000 + 20 × £5,000
    // = £900,000 + £1,470,000 + £100,000 = £2,470,000 (no inflation or discounting stated).
    expectClose(r.cost(1, 'staying_put'), 900_000, 1e-12);
    expectClose(r.cost(1, 'supported_accommodation'), 1_470_000, 1e-12);
    expectClose(r.cost(1, 'leaving_care_support'), 100_000, 1e-12);
    expectClose(r.cost(1), 2_470_000, 1e-12);
  });

  it('moves Staying Put and supported accommodation on to other support, then ages a third past 20', async () => {
    const r = reader(await runYaml(YAML));
    // Year 2 moves: Staying Put 50: 25 to other support, 1 lose support, 24 stay. Supported 30: 12
    // to other support, 0.6 lose support, 17.4 stay. Other support 20: 0.4 lose support, 19.6 stay,
    // + 25 + 12 = 56.6. Ageing passes a third of 18-20 past 20: 8 + 5.8 + 18.8667 = 32.6667.
    expectClose(r.stock(1, 'staying_put'), 24 * (2 / 3), 1e-12);
    expectClose(r.stock(1, 'supported_accommodation'), 17.4 * (2 / 3), 1e-12);
    expectClose(r.stock(1, 'leaving_care_support'), 56.6 * (2 / 3), 1e-12);
    expectClose(r.stock(1, 'left_support'), 2, 1e-12);
    expectClose(r.stock(1, 'aged_21'), 98 / 3, 1e-12);
    // 100 at every step: 16 + 11.6 + 37.7333 + 2 + 32.6667.
    expectClose(r.stock(1), 100, 1e-12);
  });
});
