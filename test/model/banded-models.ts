/** Models for the duration band and history flag checks (models/README.md, "durations", "history"). */
import { dedent } from '../helpers.js';

/** A small council: ages, costs with a group cost, a measure, a costed move, a group and direct entries into care. */
export const COUNCIL = dedent(`
  carecast: 1
  name: Council
  time: { start: 2025-04-01, step: month, horizon_years: 4 }
  states:
    - { id: home, label: At home }
    - { id: cin, label: Child in need }
    - { id: cpp, label: Plan }
    - { id: care, label: In care }
    - { id: out, label: Left, absorbing: true }
    - { id: adult, label: Reached 18, absorbing: true }
  ages:
    bands: [0-9, 10-17]
    age_out_to: adult
  groups:
    - { id: services, label: Services, states: [cin, cpp, care] }
  transitions:
    per: step
    matrices:
      - ages: all
        rows:
          home: { cin: 0.004, cpp: 0.0005, care: 0.0002 }
          cin: { home: 0.1, cpp: 0.02, care: 0.005, out: 0.002 }
          cpp: { cin: 0.06, home: 0.01, care: 0.01, out: 0.002 }
      - ages: [0-9]
        rows:
          care: { home: 0.02, out: 0.01 }
      - ages: [10-17]
        rows:
          care: { home: 0.01, out: 0.005 }
  direct_entries:
    - { state: care, ages: 10-17, per_year: 12 }
  initial:
    home: { 0-9: 9000, 10-17: 8000 }
    cin: { 0-9: 200, 10-17: 180 }
    cpp: { 0-9: 60, 10-17: 40 }
    care: { 0-9: 50, 10-17: 70 }
  values:
    price_base: 2025-26
    inflation: 0.02
    discount_rate: 0.035
    costs:
      cin: { per_week: 170 }
      cpp: { per_week: 170 }
      care: { per_week: 2100 }
      services: { per_year: 1000 }
    transition_costs:
      - { from: cpp, to: care, cost: 20000, label: Proceedings }
    measures:
      - { id: fte, label: FTE, kind: fte, per_year: { cin: 0.06, cpp: 0.06, care: 0.06 } }
`);

/** Care in two exact bands, 5% and 2% a month leaving, 1,000 children starting at the start date (test/model/durations.test.ts). */
export const SURVIVAL = dedent(`
  carecast: 1
  name: Two duration bands
  time: { start: 2025-04-01, step: month, horizon_years: 3 }
  states:
    - { id: care, label: In care }
    - { id: home, label: Gone home, absorbing: true }
  transitions:
    per: step
    matrices:
      - rows:
          care: { home: 0.03 }
  durations:
    care:
      bands: [12]
      exact: true
      rows:
        "0-12": { home: 0.05 }
        "12+": { home: 0.02 }
      initial: new
  initial:
    care: 1000
`);

/** Plans flagged first or repeat, carried by children in need; yearly steps (test/model/history.test.ts). */
export const REPEATS = dedent(`
  carecast: 1
  name: Repeat plans
  time: { start: 2025-04-01, step: year, horizon_years: 3 }
  states:
    - { id: home, label: At home }
    - { id: cin, label: Child in need }
    - { id: cpp, label: Child protection plan }
    - { id: out, label: Left, absorbing: true }
  transitions:
    per: step
    matrices:
      - rows:
          home: { cin: 0.01 }
          cin: { cpp: 0.05, home: 0.1 }
          cpp: { cin: 0.1 }
  history:
    cpp:
      carried_by: [cin]
      repeat_label: second or subsequent
  initial:
    home: 1000
    cpp: 100
`);
