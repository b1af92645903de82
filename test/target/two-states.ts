/**
 * The two-state model goal-seek's tests work by hand: 1,000 children in care, 10% going home a
 * year, £1,000 per child-year counted on the opening stock, no inflation or discounting; and a
 * scenario raising going home by a factor (1.5 stated) at £50,000 a year. The 2-year net saving
 * is 10^5 × f − 200,000 (worked in seek.test.ts).
 */
import { parseScenario } from '../../src/scenario/load.js';
import { dedent, yamlModel } from '../helpers.js';

/** The model. */
export const twoStates = () =>
  yamlModel(`
    carecast: 1
    name: two states
    time: { start: 2025-04-01, step: year, horizon_years: 4 }
    states: [{ id: care }, { id: home, absorbing: true }]
    transitions: { per: step, matrices: [{ rows: { care: { home: 0.1 } } }] }
    initial: { care: 1000 }
    values: { count: start, inflation: 0, discount_rate: 0, costs: { care: { per_year: 1000 } } }
  `);

/** The scenario, with `uncertainty` (e.g. `, uncertainty: {…}`) written into its change. */
export const goHome = (uncertainty = '') =>
  parseScenario(
    dedent(`
      carecast: 1
      scenario: Reunification
      changes: [{ id: more_going_home, from: care, to: home, multiply: 1.5 ${uncertainty} }]
      programmes: [{ id: team, label: Reunification team, fixed_per_year: 50000 }]
    `),
    '/tmp/go-home.yaml',
  );
