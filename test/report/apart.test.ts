/**
 * Care leavers in the example council (models/example.yaml): young people past the population's
 * ages 0-17 are reported apart, so the children's tables and totals read as they did before care
 * leavers were modelled (110,221 children aged 0-17 at the start, the figure of the example
 * without them; test/report/golden/example-10y.md holds the rest, unchanged but for the care
 * leavers' table and columns).
 */
import { describe, expect, it } from 'vitest';
import { project } from '../../src/engine/project.js';
import { loadModel } from '../../src/model/load.js';
import { summarise } from '../../src/report/summary.js';
import { APART_TITLE, projectionTables, RATE_TITLE } from '../../src/report/tables.js';
import { expectClose } from '../helpers.js';

describe('care leavers reported apart', () => {
  it('keeps them out of the children, the rates and the cost of services, and shows them in their own table', async () => {
    const p = await project(loadModel('models/example.yaml'));
    const ids = p.states.map((s) => s.id);
    expect((p.apart ?? []).map((i) => ids[i])).toEqual(['care_leaver', 'care_leaver_21_24']);
    const [y] = summarise(p);
    const apart = new Set(p.apart);
    const children = y.cost.reduce((a, v, i) => (apart.has(i) ? a : a + v), 0);
    expectClose(y.totalCost, children + y.moveCost.reduce((a, v) => a + v, 0), 1e-12);
    expectClose(y.apartCost, y.cost[ids.indexOf('care_leaver')] + y.cost[ids.indexOf('care_leaver_21_24')], 1e-12);
    expect(y.apartCost).toBeGreaterThan(0);
    const tables = projectionTables(p);
    const children0 = tables[0];
    expect(children0.columns).not.toContain('Care leaver 18-20');
    // All children 0-17 at the start: 110,221, as before care leavers were added.
    expect(children0.rows[0][children0.columns.indexOf('All children 0-17')]).toBe('110,221');
    expect(tables.find((t) => t.title === RATE_TITLE)!.columns).not.toContain('Care leaver 18-20');
    const leavers = tables.find((t) => t.title === APART_TITLE)!;
    expect(leavers.columns.slice(1, 3)).toEqual(['Care leaver 18-20 at 31 March', 'Care leaver 21-24, still supported at 31 March']);
    expect(leavers.rows[0].slice(0, 3)).toEqual(['Start', '320', '110']);
  });

  it('makes every child in care reaching 18 a care leaver: the entries equal the children leaving care at 18', async () => {
    const p = await project(loadModel('models/example.yaml'));
    const [y] = summarise(p);
    const n = p.states.length;
    const nb = p.bands.length;
    const cl = p.states.findIndex((s) => s.id === 'care_leaver');
    // Entries into care_leaver land in band 18-20 (the band after 16-17) and come only from care at 18.
    const band = p.bands.findIndex((b) => b.label === '18-20');
    expectClose(p.result.entries[band * n + cl], y.entries[cl], 1e-12);
    expect(y.entries[cl]).toBeGreaterThan(90);
    expect(nb).toBe(6);
  });
});
