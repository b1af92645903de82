/**
 * Worked examples: small models, written as YAML, whose projections are worked out by hand in
 * the comments. They specify how the engine steps a cohort: transitions, absorbing states,
 * ageing across bands (and out at 18), births and direct entries, the three counting conventions
 * for state costs, inflation and discounting, and costs counted on moves.
 *
 * Every expected number here comes from the hand calculation next to it, not from running the
 * code. Within a step the engine applies transitions, then ageing, then entries from outside.
 */
import { describe, expect, it } from 'vitest';
import { expectClose, reader, runYaml, yamlModel } from '../helpers.js';
import { project } from '../../src/engine/project.js';
import { loadModel } from '../../src/model/load.js';
import type { CarecastError } from '../../src/errors.js';

describe('a. two states, yearly steps, closed cohort', () => {
  const yaml = `
    carecast: 1
    name: two states
    time: { start: 2025-04-01, step: year, horizon_years: 3 }
    states: [{ id: well }, { id: ill }]
    transitions:
      per: step
      matrices:
        - rows:
            well: { ill: 0.1 }   # stay 0.9 (the complement)
            ill: { well: 0.3 }   # stay 0.7
    initial: { well: 1000 }
  `;

  it('has one period per financial year, 2025/26 to 2027/28', async () => {
    const p = await runYaml(yaml);
    expect(p.periods.map((x) => x.label)).toEqual(['2025/26', '2026/27', '2027/28']);
    expect(p.periods.map((x) => [x.start, x.end])).toEqual([
      ['2025-04-01', '2026-04-01'],
      ['2026-04-01', '2027-04-01'],
      ['2027-04-01', '2028-04-01'],
    ]);
    expect(p.periods.every((x) => x.steps === 1 && !x.partial)).toBe(true);
  });

  it('moves the stock by the matrix each year', async () => {
    // hand calculation, x_{t+1} = x_t P:
    //   year 1: well = 1000 × 0.9 = 900;            ill = 1000 × 0.1 = 100
    //   year 2: well = 900 × 0.9 + 100 × 0.3 = 810 + 30 = 840;  ill = 900 × 0.1 + 100 × 0.7 = 90 + 70 = 160
    //   year 3: well = 840 × 0.9 + 160 × 0.3 = 756 + 48 = 804;  ill = 840 × 0.1 + 160 × 0.7 = 84 + 112 = 196
    const r = reader(await runYaml(yaml));
    const expected = [[900, 100], [840, 160], [804, 196]];
    expected.forEach(([well, ill], t) => {
      expectClose(r.stock(t, 'well'), well, 1e-12, `well, year ${t + 1}`);
      expectClose(r.stock(t, 'ill'), ill, 1e-12, `ill, year ${t + 1}`);
      expectClose(r.population(t), 1000, 1e-12, `population, year ${t + 1}`);
    });
  });

  it('counts entries and exits on the moves between states', async () => {
    // hand calculation: year 1 moves are well→ill 1000 × 0.1 = 100 and ill→well 0 × 0.3 = 0;
    // year 2: well→ill 900 × 0.1 = 90, ill→well 100 × 0.3 = 30.
    const r = reader(await runYaml(yaml));
    expectClose(r.entries(0, 'ill'), 100, 1e-12);
    expectClose(r.exits(0, 'well'), 100, 1e-12);
    expectClose(r.entries(0, 'well'), 0, 1e-12);
    expectClose(r.exits(0, 'ill'), 0, 1e-12);
    expectClose(r.entries(1, 'ill'), 90, 1e-12);
    expectClose(r.entries(1, 'well'), 30, 1e-12);
    expectClose(r.exits(1, 'ill'), 30, 1e-12);
  });

  it('keeps a ledger with nothing entering, leaving or absorbed', async () => {
    const r = reader(await runYaml(yaml));
    for (let k = 0; k < 3; k++) {
      const l = r.ledger(k);
      expectClose(l.activeStart, 1000, 1e-12, `step ${k} start`);
      expectClose(l.activeEnd, 1000, 1e-12, `step ${k} end`);
      expect([l.inflow, l.outflow, l.toAbsorbing]).toEqual([0, 0, 0]);
    }
  });
});

describe('b. three states with an absorbing one, and the counting conventions', () => {
  const yaml = (count: string) => `
    carecast: 1
    name: three states
    time: { start: 2025-04-01, step: year, horizon_years: 2 }
    states: [{ id: well }, { id: ill }, { id: dead, absorbing: true }]
    transitions:
      per: step
      matrices:
        - rows:
            well: { ill: 0.2, dead: 0.1 }   # stay 0.7
            ill: { well: 0.1, dead: 0.3 }   # stay 0.6
    initial: { well: 1000 }
    values:
      count: ${count}
      costs:
        well: { per_year: 100 }
        ill: { per_year: 1000 }
  `;
  // hand calculation of the stock:
  //   start:  well 1000, ill 0, dead 0
  //   year 1: well = 1000 × 0.7 = 700; ill = 1000 × 0.2 = 200; dead = 1000 × 0.1 = 100
  //   year 2: well = 700 × 0.7 + 200 × 0.1 = 490 + 20 = 510
  //           ill  = 700 × 0.2 + 200 × 0.6 = 140 + 120 = 260
  //           dead = 100 + 700 × 0.1 + 200 × 0.3 = 100 + 70 + 60 = 230   (510 + 260 + 230 = 1000)

  it('accumulates the absorbing state and conserves the cohort', async () => {
    const r = reader(await runYaml(yaml('end')));
    expectClose(r.stock(0, 'well'), 700, 1e-12);
    expectClose(r.stock(0, 'ill'), 200, 1e-12);
    expectClose(r.stock(0, 'dead'), 100, 1e-12);
    expectClose(r.stock(1, 'well'), 510, 1e-12);
    expectClose(r.stock(1, 'ill'), 260, 1e-12);
    expectClose(r.stock(1, 'dead'), 230, 1e-12);
    expectClose(r.stock(1), 1000, 1e-12);
    // Active population excludes the dead: 900, then 770.
    expectClose(r.population(0), 900, 1e-12);
    expectClose(r.population(1), 770, 1e-12);
    // Ledger: 100 absorbed in year 1, 70 + 60 = 130 in year 2.
    expectClose(r.ledger(0).toAbsorbing, 100, 1e-12);
    expectClose(r.ledger(1).toAbsorbing, 130, 1e-12);
    expectClose(r.entries(1, 'dead'), 130, 1e-12);
  });

  it('count: start costs the stock at the start of each year', async () => {
    // hand calculation: year 1 on (1000, 0): 1000 × £100 = £100,000
    //                   year 2 on (700, 200): 700 × £100 + 200 × £1,000 = £70,000 + £200,000 = £270,000
    const r = reader(await runYaml(yaml('start')));
    expectClose(r.cost(0), 100_000, 1e-12);
    expectClose(r.cost(1), 270_000, 1e-12);
    expectClose(r.cost(0, 'ill'), 0, 1e-12);
    expectClose(r.cost(1, 'ill'), 200_000, 1e-12);
  });

  it('count: end costs the stock at the end of each year', async () => {
    // hand calculation: year 1 on (700, 200): £70,000 + £200,000 = £270,000
    //                   year 2 on (510, 260): £51,000 + £260,000 = £311,000
    const r = reader(await runYaml(yaml('end')));
    expectClose(r.cost(0), 270_000, 1e-12);
    expectClose(r.cost(1), 311_000, 1e-12);
    expectClose(r.cost(1, 'well'), 51_000, 1e-12);
  });

  it('count: average (the default) costs the mean of start and end stock', async () => {
    // hand calculation: year 1 = (100,000 + 270,000) / 2 = £185,000
    //   (well: (1000 + 700) / 2 × 100 = £85,000; ill: (0 + 200) / 2 × 1000 = £100,000)
    //                   year 2 = (270,000 + 311,000) / 2 = £290,500
    const r = reader(await runYaml(yaml('average')));
    expectClose(r.cost(0), 185_000, 1e-12);
    expectClose(r.cost(0, 'well'), 85_000, 1e-12);
    expectClose(r.cost(0, 'ill'), 100_000, 1e-12);
    expectClose(r.cost(1), 290_500, 1e-12);
    // With no discount rate the discounted cost equals the cash cost.
    expectClose(r.costDiscounted(1), 290_500, 1e-12);
    const defaulted = reader(await runYaml(yaml('average').replace(/^ *count: average\n/m, '')));
    expectClose(defaulted.cost(0), 185_000, 1e-12);
  });
});

describe('c. ageing across bands and out at 18', () => {
  // One active state that nobody leaves by transition (row {} means stay = 1); children move up
  // a band at rate (step length) / (band width), and out of 16-17 into `left`.
  const yaml = (step: string, initial: string, extra = '') => `
    carecast: 1
    name: ageing
    time: { start: 2025-04-01, step: ${step}, horizon_years: 2 }
    states: [{ id: in_care }, { id: left, absorbing: true }]
    ages: { bands: [0-4, 5-9, 10-15, 16-17], age_out_to: left }
    transitions:
      per: step
      matrices:
        - rows: { in_care: {} }
    initial:
      in_care: ${initial}
    ${extra}
  `;

  it('yearly: 1/5 of 0-4 and 5-9, 1/6 of 10-15 and 1/2 of 16-17 move up each year', async () => {
    // hand calculation (oldest band first, so nobody moves twice in a year):
    //   start:  0-4 100, 5-9 0, 10-15 0, 16-17 80
    //   year 1: 16-17 loses 80 × 1/2 = 40 to `left` → 40;  0-4 passes 100 × 1/5 = 20 to 5-9 → 80
    //           → 0-4 80, 5-9 20, 10-15 0, 16-17 40, left 40
    //   year 2: 16-17 loses 40 × 1/2 = 20 → 20, left 60;  10-15 passes 0;
    //           5-9 passes 20 × 1/5 = 4 to 10-15 → 16 + (0-4 passes 80 × 1/5 = 16) = 32;  0-4 → 64
    //           → 0-4 64, 5-9 32, 10-15 4, 16-17 20, left 60
    const r = reader(await runYaml(yaml('year', '{ 0-4: 100, 16-17: 80 }')));
    const expected: [string, number, number][] = [
      ['0-4', 80, 64],
      ['5-9', 20, 32],
      ['10-15', 0, 4],
      ['16-17', 40, 20],
    ];
    for (const [band, y1, y2] of expected) {
      expectClose(r.stock(0, 'in_care', band), y1, 1e-12, `${band} year 1`);
      expectClose(r.stock(1, 'in_care', band), y2, 1e-12, `${band} year 2`);
    }
    expectClose(r.stock(0, 'left'), 40, 1e-12);
    expectClose(r.stock(1, 'left'), 60, 1e-12);
    // Leaving at 18 is an exit of in_care and an entry to left; moving up a band is neither.
    expectClose(r.exits(0, 'in_care'), 40, 1e-12);
    expectClose(r.entries(0, 'left'), 40, 1e-12);
    expectClose(r.entries(1, 'left'), 20, 1e-12);
    expectClose(r.ledger(0).toAbsorbing, 40, 1e-12);
    // Active population by band is the in_care stock by band.
    expectClose(r.population(1, '10-15'), 4, 1e-12);
    expectClose(r.population(1), 120, 1e-12); // 64 + 32 + 4 + 20
  });

  it('monthly: 16-17 loses (1/12)/2 = 1/24 of its children a month', async () => {
    // hand calculation: with nothing below 16-17, its stock is multiplied by (1 - 1/24) = 23/24
    // each month: 80 × (23/24)^12 after a year (≈ 48.005), 80 × (23/24)^24 after two (≈ 28.806).
    const r = reader(await runYaml(yaml('month', '{ 16-17: 80 }')));
    expectClose(r.stock(0, 'in_care', '16-17'), 80 * (23 / 24) ** 12, 1e-12);
    expectClose(r.stock(1, 'in_care', '16-17'), 80 * (23 / 24) ** 24, 1e-12);
    expectClose(r.stock(0, 'left'), 80 - 80 * (23 / 24) ** 12, 1e-12);
    expectClose(r.stock(1, 'left'), 80 - 80 * (23 / 24) ** 24, 1e-12);
    expectClose(r.stock(0, 'in_care', '16-17'), 48.005, 1e-4); // sanity check of the closed form
  });

  it('monthly: 0-4 passes (1/12)/5 = 1/60 of its children a month to 5-9', async () => {
    // hand calculation: with a = 59/60, 0-4 holds x0(m) = 100 a^m after m months. 5-9 (also
    // width 5) first passes 1/60 up, then receives 0-4's 1/60: x5(m+1) = a x5(m) + x0(m) / 60,
    // x5(0) = 0, whose solution is x5(m) = 100 m / 60 × a^(m-1) (check: a × 100 m/60 a^(m-1) +
    // 100 a^m / 60 = 100 (m+1)/60 a^m). So after 12 months 0-4 = 100 a^12 (≈ 81.73) and
    // 5-9 = 20 a^11 (≈ 16.62); after 24 months 0-4 = 100 a^24 and 5-9 = 40 a^23.
    const a = 59 / 60;
    const r = reader(await runYaml(yaml('month', '{ 0-4: 100 }')));
    expectClose(r.stock(0, 'in_care', '0-4'), 100 * a ** 12, 1e-12);
    expectClose(r.stock(0, 'in_care', '5-9'), 20 * a ** 11, 1e-12);
    expectClose(r.stock(1, 'in_care', '0-4'), 100 * a ** 24, 1e-12);
    expectClose(r.stock(1, 'in_care', '5-9'), 40 * a ** 23, 1e-12);
    expectClose(r.stock(0, 'in_care', '5-9'), 16.62, 1e-3); // sanity check of the closed form
    // Nobody is lost: the 100 are in care (some band) or have left.
    expectClose(r.stock(1), 100, 1e-12);
  });

  it('counts a transition cost on children leaving at 18', async () => {
    // hand calculation: year 1, 40 children leave 16-17 for `left` (as above) at £100 each = £4,000.
    const r = reader(
      await runYaml(yaml('year', '{ 0-4: 100, 16-17: 80 }', 'values: { transition_costs: [{ from: in_care, to: left, cost: 100 }] }')),
    );
    expectClose(r.flow(0), 40, 1e-12);
    expectClose(r.flowCost(0), 4_000, 1e-12);
    expectClose(r.flow(1), 20, 1e-12);
  });
});

describe('d. unit costs, inflation and discounting', () => {
  // Ten children in one state they never leave, £1,000 per child-year: £10,000 a year at prices
  // of the price base.
  const yaml = (values: string, step = 'year') => `
    carecast: 1
    name: discounting
    time: { start: 2025-04-01, step: ${step}, horizon_years: 3 }
    states: [{ id: care }]
    transitions: { per: step, matrices: [{ rows: { care: {} } }] }
    initial: { care: 10 }
    values: { ${values} }
  `;
  const costs = 'costs: { care: { per_year: 1000 } }';

  it('discount_first_period: true discounts year t by 1.035^t', async () => {
    // hand calculation: 1.035^2 = 1.071225, 1.035^3 = 1.071225 × 1.035 = 1.108717875
    //   year 1: 10,000 / 1.035       ≈ 9,661.84
    //   year 2: 10,000 / 1.071225    ≈ 9,335.11
    //   year 3: 10,000 / 1.108717875 ≈ 9,019.43
    const r = reader(await runYaml(yaml(`discount_rate: 0.035, discount_first_period: true, ${costs}`)));
    [10_000 / 1.035, 10_000 / 1.071225, 10_000 / 1.108717875].forEach((v, t) => {
      expectClose(r.cost(t), 10_000, 1e-12, `cash, year ${t + 1}`);
      expectClose(r.costDiscounted(t), v, 1e-12, `discounted, year ${t + 1}`);
    });
    expectClose(r.costDiscounted(0), 9_661.84, 1e-6);
    expectClose(r.costDiscounted(2), 9_019.43, 1e-6);
  });

  it('discount_first_period: false (the default) discounts year t by 1.035^(t-1)', async () => {
    // hand calculation: year 1: 10,000; year 2: 10,000 / 1.035 ≈ 9,661.84; year 3: 10,000 / 1.071225 ≈ 9,335.11
    const expected = [10_000, 10_000 / 1.035, 10_000 / 1.071225];
    for (const flag of ['discount_first_period: false, ', '']) {
      const r = reader(await runYaml(yaml(`discount_rate: 0.035, ${flag}${costs}`)));
      expected.forEach((v, t) => expectClose(r.costDiscounted(t), v, 1e-12, `${flag || 'default'}, year ${t + 1}`));
    }
  });

  it('inflates by 1.03 per financial year after the price base', async () => {
    // hand calculation: price base 2024-25, one year before the start (2025-26):
    //   factors 1.03, 1.03^2 = 1.0609, 1.03^3 = 1.0609 × 1.03 = 1.092727
    //   cash: £10,300, £10,609, £10,927.27
    const r = reader(await runYaml(yaml(`price_base: 2024-25, inflation: 0.03, ${costs}`)));
    [10_300, 10_609, 10_927.27].forEach((v, t) => {
      expectClose(r.cost(t), v, 1e-12, `year ${t + 1}`);
      expectClose(r.costDiscounted(t), v, 1e-12, `year ${t + 1}, no discount rate`);
    });
  });

  it('with the price base left out, the start\'s financial year is at base prices', async () => {
    // hand calculation: price base defaults to 2025-26, the start's financial year: factors 1, 1.03, 1.0609.
    const r = reader(await runYaml(yaml(`inflation: 0.03, ${costs}`)));
    [10_000, 10_300, 10_609].forEach((v, t) => expectClose(r.cost(t), v, 1e-12, `year ${t + 1}`));
  });

  it('discounts the inflated (cash) cost', async () => {
    // hand calculation, inflation 3% from 2024-25, discount 3.5%, first period not discounted:
    //   year 1: 10,300; year 2: 10,609 / 1.035 ≈ 10,250.24; year 3: 10,927.27 / 1.071225 ≈ 10,200.72
    const r = reader(await runYaml(yaml(`price_base: 2024-25, inflation: 0.03, discount_rate: 0.035, ${costs}`)));
    [10_300, 10_609 / 1.035, 10_927.27 / 1.071225].forEach((v, t) => expectClose(r.costDiscounted(t), v, 1e-12, `year ${t + 1}`));
    expectClose(r.costDiscounted(1), 10_250.24, 1e-6);
    expectClose(r.costDiscounted(2), 10_200.72, 1e-6);
  });

  it('per_week costs are × 365.25 / 7 weeks a year', async () => {
    // hand calculation: £100 a week × 365.25 / 7 = £36,525 / 7 ≈ £5,217.857 per child-year;
    // 10 children: £365,250 / 7 ≈ £52,178.57 a year.
    const r = reader(await runYaml(yaml('costs: { care: { per_week: 100 } }')));
    for (let t = 0; t < 3; t++) expectClose(r.cost(t), 365_250 / 7, 1e-12, `year ${t + 1}`);
    expectClose(r.cost(0), 52_178.57, 1e-6);
  });

  it('a placement mix costs the base plus each type at its share', async () => {
    // hand calculation: £200 + 0.75 × £800 + 0.25 × £6,000 = £200 + £600 + £1,500 = £2,300 a
    // week per child; 10 children × £2,300 × 365.25 / 7 = £8,400,750 / 7 ≈ £1,200,107.14 a year.
    const mix = 'costs: { care: { per_week: 200, mix: { foster: { share: 0.75, per_week: 800 }, residential: { share: 0.25, per_week: 6000 } } } }';
    const r = reader(await runYaml(yaml(mix)));
    expectClose(r.cost(0), 8_400_750 / 7, 1e-12);
    expectClose(r.cost(0), 1_200_107.14, 1e-8);
  });

  it('monthly steps: each month is discounted from its start (or, with discount_first_period, its end)', async () => {
    // hand calculation: £10,000 a year is £10,000 / 12 a month; month s (0-based) is discounted by
    // v^s with v = 1.035^(-1/12). Year 1 = (10,000 / 12) × (1 + v + … + v^11)
    //   = (10,000 / 12) × (1 - v^12) / (1 - v) = (10,000 / 12) × (1 - 1/1.035) / (1 - 1.035^(-1/12))
    //   ≈ 833.333 × 0.0338164 / 0.0028627 ≈ £9,844.0; year 2 is year 1 / 1.035.
    // With discount_first_period: true each month is discounted one month more: × v.
    const v = 1.035 ** (-1 / 12);
    const year1 = ((10_000 / 12) * (1 - 1 / 1.035)) / (1 - v);
    const fromStart = reader(await runYaml(yaml(`discount_rate: 0.035, ${costs}`, 'month')));
    expectClose(fromStart.cost(0), 10_000, 1e-12);
    expectClose(fromStart.costDiscounted(0), year1, 1e-12);
    expectClose(fromStart.costDiscounted(1), year1 / 1.035, 1e-12);
    expectClose(fromStart.costDiscounted(0), 9_844.0, 1e-5);
    const fromEnd = reader(await runYaml(yaml(`discount_rate: 0.035, discount_first_period: true, ${costs}`, 'month')));
    expectClose(fromEnd.costDiscounted(0), year1 * v, 1e-12);
  });
});

describe('e. births and direct entries', () => {
  const yaml = (extra = '') => `
    carecast: 1
    name: births
    time: { start: 2025-04-01, step: year, horizon_years: 2 }
    states: [{ id: universal }, { id: cin }, { id: exit, absorbing: true }]
    transitions:
      per: step
      matrices:
        - rows:
            universal: { cin: 0.1, exit: 0.05 }   # stay 0.85
            cin: { universal: 0.5, exit: 0.1 }    # stay 0.4
    population:
      entry_state: universal
      births: { 2025: 1200, 2026: 1300 }          # financial years 2025/26 and 2026/27
    initial: { universal: 10000, cin: 500 }
    ${extra}
  `;

  it('adds each financial year\'s births to the entry state after that year\'s moves', async () => {
    // hand calculation:
    //   year 1: universal = 10,000 × 0.85 + 500 × 0.5 + 1,200 births = 8,500 + 250 + 1,200 = 9,950
    //           cin  = 10,000 × 0.1 + 500 × 0.4 = 1,000 + 200 = 1,200
    //           exit = 10,000 × 0.05 + 500 × 0.1 = 500 + 50 = 550        (total 11,700 = 10,500 + 1,200)
    //   year 2: universal = 9,950 × 0.85 + 1,200 × 0.5 + 1,300 = 8,457.5 + 600 + 1,300 = 10,357.5
    //           cin  = 9,950 × 0.1 + 1,200 × 0.4 = 995 + 480 = 1,475
    //           exit = 550 + 9,950 × 0.05 + 1,200 × 0.1 = 550 + 497.5 + 120 = 1,167.5   (total 13,000)
    const r = reader(await runYaml(yaml()));
    expectClose(r.stock(0, 'universal'), 9_950, 1e-12);
    expectClose(r.stock(0, 'cin'), 1_200, 1e-12);
    expectClose(r.stock(0, 'exit'), 550, 1e-12);
    expectClose(r.stock(1, 'universal'), 10_357.5, 1e-12);
    expectClose(r.stock(1, 'cin'), 1_475, 1e-12);
    expectClose(r.stock(1, 'exit'), 1_167.5, 1e-12);
    // Entries to universal in year 1: 250 from cin + 1,200 births = 1,450; to cin 1,000; to exit 550.
    expectClose(r.entries(0, 'universal'), 1_450, 1e-12);
    expectClose(r.entries(0, 'cin'), 1_000, 1e-12);
    expectClose(r.entries(0, 'exit'), 550, 1e-12);
    // Year 2: universal gets 600 from cin + 1,300 births = 1,900.
    expectClose(r.entries(1, 'universal'), 1_900, 1e-12);
    // Ledger, year 1: 10,500 + 1,200 in = 11,150 active + 550 absorbed.
    const l = r.ledger(0);
    expectClose(l.activeStart, 10_500, 1e-12);
    expectClose(l.inflow, 1_200, 1e-12);
    expectClose(l.outflow, 0, 1e-12);
    expectClose(l.toAbsorbing, 550, 1e-12);
    expectClose(l.activeEnd, 11_150, 1e-12);
  });

  it('adds direct entries to their state each year, alongside births', async () => {
    // hand calculation, with 40 a year entering cin directly:
    //   year 1: cin = 1,200 + 40 = 1,240; universal 9,950 and exit 550 as before
    //   year 2: universal = 9,950 × 0.85 + 1,240 × 0.5 + 1,300 = 8,457.5 + 620 + 1,300 = 10,377.5
    //           cin  = 9,950 × 0.1 + 1,240 × 0.4 + 40 = 995 + 496 + 40 = 1,531
    //           exit = 550 + 9,950 × 0.05 + 1,240 × 0.1 = 550 + 497.5 + 124 = 1,171.5
    //   (total 13,080 = 10,500 + 1,200 + 40 + 1,300 + 40)
    const r = reader(await runYaml(yaml('direct_entries: [{ state: cin, per_year: 40 }]')));
    expectClose(r.stock(0, 'cin'), 1_240, 1e-12);
    expectClose(r.stock(0, 'universal'), 9_950, 1e-12);
    expectClose(r.stock(1, 'universal'), 10_377.5, 1e-12);
    expectClose(r.stock(1, 'cin'), 1_531, 1e-12);
    expectClose(r.stock(1, 'exit'), 1_171.5, 1e-12);
    expectClose(r.entries(0, 'cin'), 1_040, 1e-12); // 1,000 moves + 40 direct
    expectClose(r.ledger(0).inflow, 1_240, 1e-12); // 1,200 births + 40 direct
    expectClose(r.stock(1), 13_080, 1e-12);
  });

  it('with ages, births enter the youngest band', async () => {
    // hand calculation, nobody moves state; 0-4 passes 1/5 up a year:
    //   year 1: 0-4 empty, so nothing ages; + 1,000 births → 0-4 1,000
    //   year 2: 0-4 passes 1,000 / 5 = 200 to 5-9 → 800, + 1,100 births → 1,900; 5-9 200
    const r = reader(
      await runYaml(`
        carecast: 1
        name: births with ages
        time: { start: 2025-04-01, step: year, horizon_years: 2 }
        states: [{ id: universal }, { id: aged_18, absorbing: true }]
        ages: { bands: [0-4, 5-9, 10-15, 16-17], age_out_to: aged_18 }
        transitions: { per: step, matrices: [{ rows: { universal: {} } }] }
        population: { entry_state: universal, births: { 2025: 1000, 2026: 1100 } }
        initial: { universal: { 0-4: 0 } }
      `),
    );
    expectClose(r.stock(0, 'universal', '0-4'), 1_000, 1e-12);
    expectClose(r.stock(0, 'universal', '5-9'), 0, 1e-12);
    expectClose(r.stock(1, 'universal', '0-4'), 1_900, 1e-12);
    expectClose(r.stock(1, 'universal', '5-9'), 200, 1e-12);
  });

  it('monthly direct entries: per_year / 12 a month, entering after that month\'s ageing', async () => {
    // hand calculation: 24 a year into 16-17 is 2 a month; 16-17 keeps 23/24 a month, and entries
    // come after ageing, so after m months the stock is 2 (1 + q + … + q^(m-1)) = 48 (1 - q^m)
    // with q = 23/24. After 12 months: 48 (1 - (23/24)^12) ≈ 19.20; of the 24 who entered,
    // 24 - 19.20 ≈ 4.80 have turned 18.
    const q = 23 / 24;
    const r = reader(
      await runYaml(`
        carecast: 1
        name: direct entries
        time: { start: 2025-04-01, step: month, horizon_years: 1 }
        states: [{ id: cic }, { id: care_leaver, absorbing: true }]
        ages: { bands: [0-4, 5-9, 10-15, 16-17], age_out_to: care_leaver }
        transitions: { per: step, matrices: [{ rows: { cic: {} } }] }
        direct_entries: [{ state: cic, ages: 16-17, per_year: 24 }]
        initial: { cic: { 16-17: 0 } }
      `),
    );
    expectClose(r.stock(0, 'cic', '16-17'), 48 * (1 - q ** 12), 1e-12);
    expectClose(r.stock(0, 'care_leaver'), 24 - 48 * (1 - q ** 12), 1e-12);
    expectClose(r.entries(0, 'cic', '16-17'), 24, 1e-12);
    expectClose(r.stock(0, 'cic', '16-17'), 19.2, 1e-3);
  });

  // A model that starts after 1 April steps into one more financial year than horizon_years:
  // here steps run Jan 2025 – Dec 2025, in 2024/25 (3 months) and 2025/26 (9 months), so births
  // are needed for both. (Before commit cefde60 only 2024 was asked for and the 9 months of
  // 2025/26 silently had no births.)
  it('refuses a births table that misses a financial year the steps fall in', () => {
    const text = `
      carecast: 1
      name: births from January
      time: { start: 2025-01-01, step: month, horizon_years: 1 }
      states: [{ id: universal }, { id: gone, absorbing: true }]
      transitions: { per: step, matrices: [{ rows: { universal: {} } }] }
      population: { entry_state: universal, births: { 2024: 1200 } }
      initial: { universal: 0 }
    `;
    let problems = '';
    try {
      yamlModel(text);
    } catch (err) {
      problems = (err as CarecastError).issues.map((i) => `${i.path}: ${i.message}`).join('\n');
    }
    expect(problems).toMatch(/population\.births: .*2025/);
  });

  it('monthly births are 1/12 of their financial year\'s births, by the month they fall in', async () => {
    // hand calculation: Jan–Mar 2025 are in 2024/25: 3 × 1,200 / 12 = 300 by 1 April 2025;
    // Apr–Dec 2025 are in 2025/26: 9 × 1,300 / 12 = 975, so 300 + 975 = 1,275 by 1 January 2026.
    const r = reader(
      await runYaml(`
        carecast: 1
        name: births from January
        time: { start: 2025-01-01, step: month, horizon_years: 1 }
        states: [{ id: universal }, { id: gone, absorbing: true }]
        transitions: { per: step, matrices: [{ rows: { universal: {} } }] }
        population: { entry_state: universal, births: { 2024: 1200, 2025: 1300 } }
        initial: { universal: 0 }
      `),
    );
    expectClose(r.stock(0, 'universal'), 300, 1e-12);
    expectClose(r.stock(1, 'universal'), 1_275, 1e-12);
    expectClose(r.entries(1, 'universal'), 975, 1e-12);
  });

  // project(model, { years }) beyond the births table or the population projection is refused
  // (before, the uncovered years ran with 0 births, or on the last projected year, unannounced).
  it('refuses project({ years }) past the births table', async () => {
    await expect(project(yamlModel(yaml()), { years: 4 })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringMatching(/births/) });
  });

  it('refuses project({ years }) past the population projection', async () => {
    // data/example/population.csv ends at mid-2047; 30 years from April 2025 runs to 2055.
    await expect(project(loadModel('models/example.yaml'), { years: 30 })).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringMatching(/population projection/),
    });
  });
});

describe('f. costs counted on moves (transition_costs)', () => {
  const yaml = `
    carecast: 1
    name: transition costs
    time: { start: 2025-04-01, step: year, horizon_years: 2 }
    states: [{ id: well }, { id: ill }, { id: dead, absorbing: true }]
    transitions:
      per: step
      matrices:
        - rows:
            well: { ill: 0.2, dead: 0.1 }
            ill: { well: 0.1, dead: 0.3 }
    initial: { well: 1000 }
    values:
      price_base: 2024-25
      inflation: 0.03
      discount_rate: 0.035
      transition_costs:
        - { from: well, to: ill, cost: 500, label: Diagnosis }
        - { from: ill, to: dead, cost: 2000 }
  `;

  it('counts each move once, at the cash price of its year, discounted like state costs', async () => {
    // hand calculation (stocks as in example b: start (1000, 0), year 1 (700, 200)):
    //   year 1: well→ill 1000 × 0.2 = 200 moves × £500 × 1.03 = £103,000; discount factor 1
    //           ill→dead 0 × 0.3 = 0 moves
    //   year 2: well→ill 700 × 0.2 = 140 × £500 × 1.0609 = £74,263; discounted / 1.035 ≈ £71,751.69
    //           ill→dead 200 × 0.3 = 60 × £2,000 × 1.0609 = £127,308; discounted / 1.035 ≈ £123,002.90
    const r = reader(await runYaml(yaml));
    expectClose(r.flow(0, 0), 200, 1e-12);
    expectClose(r.flowCost(0, 0), 103_000, 1e-12);
    expectClose(r.flowCostDiscounted(0, 0), 103_000, 1e-12);
    expectClose(r.flow(0, 1), 0, 1e-12);
    expectClose(r.flowCost(0, 1), 0, 1e-12);
    expectClose(r.flow(1, 0), 140, 1e-12);
    expectClose(r.flowCost(1, 0), 74_263, 1e-12);
    expectClose(r.flowCostDiscounted(1, 0), 74_263 / 1.035, 1e-12);
    expectClose(r.flow(1, 1), 60, 1e-12);
    expectClose(r.flowCost(1, 1), 127_308, 1e-12);
    expectClose(r.flowCostDiscounted(1, 1), 123_002.8986, 1e-9);
  });

  it('leaves state costs alone: a model with only transition costs has no state cost', async () => {
    const r = reader(await runYaml(yaml));
    expect(r.cost(0)).toBe(0);
    expect(r.cost(1)).toBe(0);
  });
});
