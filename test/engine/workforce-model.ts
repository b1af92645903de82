/** The workforce worked example shared by the engine and scenario tests. */
// 1,000 children who stay put; 0.1 FTE each a year (caseload 10), so 100 FTE are needed.
// Counted on the stock at the start of each step, so the first year's permanent FTE is the 80
// in post at the start.
export const WORKFORCE_MODEL = `
  carecast: 1
  name: workforce example
  time: { start: 2025-04-01, step: year, horizon_years: 3 }
  states: [{ id: open }, { id: closed, absorbing: true }]
  transitions:
    per: step
    matrices:
      - rows: { open: { closed: 0 } }
  initial: { open: 1000 }
  values:
    price_base: 2025-26
    count: start
    measures:
      - { id: sw_fte, label: Social worker FTE, kind: fte, per_year: { open: 0.1 } }
  workforce:
    - measure: sw_fte
      permanent_fte: 80
      establishment: 100
      turnover: 0.15
      recruitment: 10
      cost_per_fte: 50000
      agency_premium: 0.4
`;
