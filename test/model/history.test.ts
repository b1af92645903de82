/**
 * History flags (models/README.md, "history"): a flagged state split into first and repeat, and
 * the states carrying the memory into copies. Worked by hand, yearly steps: 1,000 at home, 100 on
 * a plan; home → cin 0.01, cin → cpp 0.05, cin → home 0.1, cpp → cin 0.1; the flag on cpp carried
 * by cin.
 *
 *   year 1: home 990, cin 10 (from home), cpp_first 90, cin_after_cpp 10 (from the plan).
 *   year 2: cpp_first 90 × 0.9 + 10 × 0.05 = 81.5 (0.5 first starts); cpp_repeat 10 × 0.05 = 0.5
 *           (0.5 repeat starts: 50%); cin_after_cpp 10 × 0.85 + 90 × 0.1 = 17.5; cin 10 × 0.85 + 9.9 = 18.4.
 *   year 3: repeat starts 17.5 × 0.05 = 0.875, first starts 18.4 × 0.05 = 0.92: 0.875 / 1.795 repeats.
 * With forget_after: 24 (half of those who stay in cin forget each year): year 2 cin_after_cpp
 * 10 × 0.85 × 0.5 + 9 = 13.25, cin 18.4 + 4.25 = 22.65.
 */
import { describe, expect, it } from 'vitest';
import { project } from '../../src/engine/project.js';
import { dedent, edit, expectClose, yamlModel } from '../helpers.js';
import { COUNCIL, REPEATS } from './banded-models.js';
import { repeatStarts } from '../../src/report/history.js';
import type { Projection } from '../../src/engine/project.js';


/** Children in state `id` at the end of period k, over ages. */
function stock(p: Projection, id: string, k: number): number {
  const n = p.states.length;
  const s = p.states.findIndex((x) => x.id === id);
  expect(s, id).toBeGreaterThanOrEqual(0);
  return p.bands.reduce((t, _, b) => t + p.result.stock[(k * p.bands.length + b) * n + s], 0);
}

describe('history flags: the worked example', () => {
  it('splits the plan into first and repeat, and children in need into those with a plan before', async () => {
    const p = await project(yamlModel(REPEATS));
    expect(p.states.map((s) => s.id)).toEqual(['home', 'cin', 'cpp_first', 'out', 'cpp_repeat', 'cin_after_cpp']);
    expect(p.states[4].label).toBe('Child protection plan (second or subsequent)');
    expect(p.groups).toEqual([
      { id: 'cpp', label: 'Child protection plan', states: ['cpp_first', 'cpp_repeat'] },
      { id: 'after_cpp', label: 'After child protection plan', states: ['cin_after_cpp'] },
    ]);
    expectClose(stock(p, 'cin_after_cpp', 0), 10, 1e-12);
    expectClose(stock(p, 'cpp_first', 1), 81.5, 1e-12);
    expectClose(stock(p, 'cpp_repeat', 1), 0.5, 1e-12);
    expectClose(stock(p, 'cin_after_cpp', 1), 17.5, 1e-12);
    expectClose(stock(p, 'cin', 1), 18.4, 1e-12);
  });

  it('reports the share of starts that are repeats', async () => {
    const p = await project(yamlModel(REPEATS));
    const flag = p.history![0];
    expect(repeatStarts(p, flag, 0).share).toBeNaN();
    expectClose(repeatStarts(p, flag, 1).share, 0.5, 1e-12);
    const y3 = repeatStarts(p, flag, 2);
    expectClose(y3.repeat, 0.875, 1e-12);
    expectClose(y3.first, 0.92, 1e-12);
    expectClose(y3.share, 0.875 / 1.795, 1e-12);
  });

  it('lets the memory lapse with forget_after', async () => {
    const p = await project(yamlModel(edit(REPEATS, '    repeat_label', '    forget_after: 24\n    repeat_label')));
    expectClose(stock(p, 'cin_after_cpp', 1), 13.25, 1e-12);
    expectClose(stock(p, 'cin', 1), 22.65, 1e-12);
  });

  it('gives repeats and carrying copies their own moves, and a share of the start stock', async () => {
    const text = edit(REPEATS, '    repeat_label: second or subsequent', '    rows:\n      cin: { cpp: 0.2 }\n    initial: { cpp: 0.25 }');
    const p = await project(yamlModel(text));
    // The start: 75 first, 25 repeat. Year 1: repeat starts 0 (cin_after_cpp is empty at the start).
    expectClose(stock(p, 'cpp_repeat', 0), 25 * 0.9, 1e-12);
    // Year 2: repeat starts 10 × 0.2 = 2 (was 0.5).
    expectClose(repeatStarts(p, p.history![0], 1).repeat, 2, 1e-12);
  });
});


describe('history flags: the totals are the model’s without the flag', () => {
  it('a flag on plans carried by children in need and at home, and bands on the plans, change no total', async () => {
    const plain = await project(yamlModel(COUNCIL));
    const flagged = await project(yamlModel(`${COUNCIL}history:\n  cpp: { carried_by: [cin, home], initial: { cpp: 0.2, cin: 0.1 } }\ndurations:\n  cpp: { bands: [3, 12, 24], exact: true }\n`));
    const groups = { cpp: ['cpp_first', 'cpp_repeat'], cin: ['cin', 'cin_after_cpp'], home: ['home', 'home_after_cpp'], care: ['care'] };
    for (let k = 0; k < plain.periods.length; k++) {
      for (const [id, members] of Object.entries(groups)) {
        expectClose(members.reduce((t, m) => t + stock(flagged, m, k), 0), stock(plain, id, k), 1e-9, `${id} in period ${k}`);
      }
      expectClose(flagged.result.flows[k], plain.result.flows[k], 1e-9, 'proceedings');
    }
    const cost = (p: Projection) => p.result.cost.reduce((t, v) => t + v, 0);
    expectClose(cost(flagged), cost(plain), 1e-9, 'cost');
    // Bands on a split state: one set per copy, and a group per band over both.
    expect(flagged.durations!.map((d) => d.state)).toEqual(['cpp_first', 'cpp_repeat']);
  });
});
