/**
 * Groups of states named like a state: a row written for a group is each of its states' row; a
 * move to a group is shared among its states by the group's split for the band (from a state of
 * the group, among the other states, renormalised); direct entries into a group follow the split;
 * a costed move to or from a group counts every move between their states. Numbers by hand.
 */
import { describe, expect, it } from 'vitest';
import type { CarecastError } from '../../src/errors.js';
import { expectClose, reader, runYaml, yamlModel } from '../helpers.js';

const model = (rows: string, extra = '') => `
  carecast: 1
  name: groups
  time: { start: 2025-04-01, step: year, horizon_years: 1 }
  states: [{ id: home }, { id: foster }, { id: resi }, { id: left, absorbing: true }]
  ages: { bands: [0-9, 10-17], age_out_to: left }
  groups:
    - id: care
      label: Children in care
      states: [foster, resi]
      split:
        - { ages: all, shares: { foster: 0.8, resi: 0.2 } }
        - { ages: 10-17, shares: { foster: 0.6, resi: 0.4 } }
  transitions:
    per: step
    matrices:
      - rows:
${rows}
  initial: { home: { 0-9: 100, 10-17: 100 } }
${extra}
`;

const p = (m: ReturnType<typeof yamlModel>, band: number, from: string, to: string) => {
  const n = m.states.length;
  const i = m.states.findIndex((s) => s.id === from);
  const j = m.states.findIndex((s) => s.id === to);
  return m.transitions.matrices[band].p[i * n + j];
};

describe('a move to a group', () => {
  const m = yamlModel(model('          home: { care: 0.1 }\n          care: { home: 0.05, care: 0.1 }'));

  it('is shared by the split of each band', () => {
    // 0-9: 0.1 × 0.8 = 0.08 to foster, 0.1 × 0.2 = 0.02 to resi; 10-17: 0.06 and 0.04.
    expectClose(p(m, 0, 'home', 'foster'), 0.08, 1e-15);
    expectClose(p(m, 0, 'home', 'resi'), 0.02, 1e-15);
    expectClose(p(m, 1, 'home', 'foster'), 0.06, 1e-15);
    expectClose(p(m, 1, 'home', 'resi'), 0.04, 1e-15);
    expectClose(p(m, 0, 'home', 'home'), 0.9, 1e-15);
  });

  it('from a state of the group goes to the others (a placement change)', () => {
    // foster's only other state is resi: all 0.1 goes there; stay = 1 − 0.05 − 0.1 = 0.85.
    expectClose(p(m, 0, 'foster', 'resi'), 0.1, 1e-15);
    expectClose(p(m, 0, 'foster', 'foster'), 0.85, 1e-15);
    expectClose(p(m, 1, 'resi', 'foster'), 0.1, 1e-15);
  });

  it('counts in a run like any other move', async () => {
    // Year 1, band 0-9: 100 × 0.08 = 8 to foster, 2 to resi; then 1/10 of each ages up.
    const r = reader(await runYaml(model('          home: { care: 0.1 }\n          care: { home: 0.05 }')));
    expectClose(r.entries(0, 'foster', '0-9'), 8, 1e-12);
    expectClose(r.entries(0, 'resi', '10-17'), 4, 1e-12);
  });
});

describe('a row written for a group', () => {
  it('is the row of each state of the group without its own row in the same entry', () => {
    const m = yamlModel(model('          home: { care: 0.1 }\n          care: { home: 0.05 }\n          resi: { home: 0.02 }'));
    expectClose(p(m, 0, 'foster', 'home'), 0.05, 1e-15);
    expectClose(p(m, 0, 'resi', 'home'), 0.02, 1e-15);
  });
});

describe('direct entries and costed moves with groups', () => {
  it('shares direct entries into a group by its split', () => {
    const m = yamlModel(model('          home: {}\n          care: {}', '  direct_entries:\n    - { state: care, ages: 10-17, per_year: 10 }'));
    // 10-17 split: 6 to foster, 4 to resi.
    expect(m.directEntries).toEqual([
      { state: 'foster', band: 1, perYear: 6 },
      { state: 'resi', band: 1, perYear: 4 },
    ]);
  });

  it('counts every move between the states of the two sides', async () => {
    const extra = '  values:\n    transition_costs:\n      - { from: home, to: care, cost: 1000, label: Entering care }\n      - { from: care, to: care, cost: 100, label: Placement change }';
    const pr = await runYaml(model('          home: { care: 0.1 }\n          care: { care: 0.1 }', extra));
    const r = reader(pr);
    // Entering care: 100 × 0.1 in each band = 20 children, £20,000.
    expectClose(r.flow(0, 0), 20, 1e-12);
    expectClose(r.flowCost(0, 0), 20000, 1e-9);
    // Nobody is in care at the start, so no placement changes in year 1.
    expectClose(r.flow(0, 1), 0, 1e-12);
    expect(pr.flows[1].pairs).toEqual([['foster', 'resi'], ['resi', 'foster']]);
  });
});

describe('invalid groups are located errors', () => {
  const problems = (text: string): string[] => {
    try {
      yamlModel(text);
    } catch (e) {
      return ((e as CarecastError & { issues?: { path: string; message: string }[] }).issues ?? []).map((i) => `${i.path}: ${i.message}`);
    }
    return [];
  };
  const rows = '          home: { care: 0.1 }\n          care: {}';

  it('refuses a group named like a state, a loop of groups and a split that does not add up', () => {
    expect(problems(model(rows).replace('- id: care', '- id: home'))[0]).toMatch(/groups\[0\]\.id: 'home' is already a state/);
    expect(problems(model(rows, '  report:\n    groups:\n      - { id: a, states: [b] }\n      - { id: b, states: [a] }')).some((x) => /the groups loop: a → b → a/.test(x))).toBe(true);
    expect(problems(model(rows).replace('resi: 0.2 }', 'resi: 0.3 }'))).toEqual(['groups[0].split[0].shares: the shares add up to 1.1, not 1']);
    expect(problems(model(rows).replace('foster: 0.6, resi: 0.4', 'home: 0.6, resi: 0.4'))).toEqual(["groups[0].split[1].shares.home: 'home' is not in group 'care'"]);
  });

  it('refuses a move to a group without a split', () => {
    const text = model(rows).replace(/      split:\n(.*\n){2}/, '');
    expect(problems(text)).toEqual(["transitions.matrices[0].rows.home.care: group 'care' has no split to share a move among its states"]);
  });
});

describe('a mistake in a group row', () => {
  it('is reported once, at the group key, with no noise about rows missing elsewhere', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseModel } = await import('../../src/model/load.js');
    const text = readFileSync('models/example.yaml', 'utf8').replace('cic: { universal: 0.011, cin: 0.003', 'cic: { univrsal: 0.011, cin: 0.003');
    try {
      parseModel(text, 'models/example.yaml');
      expect.unreachable();
    } catch (e) {
      const issues = (e as { issues: { path: string; message: string }[] }).issues;
      expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual(["transitions.matrices[0].rows.cic.univrsal: unknown state 'univrsal': did you mean 'universal'?"]);
    }
  });
});
