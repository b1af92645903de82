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
    const leaverIds = ['care_leaver_staying_put', 'care_leaver_supported', 'care_leaver_support', 'care_leaver_21_24'];
    expect((p.apart ?? []).map((i) => ids[i])).toEqual(leaverIds);
    const [y] = summarise(p);
    const apart = new Set(p.apart);
    const children = y.cost.reduce((a, v, i) => (apart.has(i) ? a : a + v), 0);
    expectClose(y.totalCost, children + y.moveCost.reduce((a, v) => a + v, 0), 1e-12);
    expectClose(y.apartCost, leaverIds.reduce((a, id) => a + y.cost[ids.indexOf(id)], 0), 1e-12);
    expect(y.apartCost).toBeGreaterThan(0);
    const tables = projectionTables(p);
    const children0 = tables[0];
    expect(children0.columns.filter((c) => c.startsWith('Care leaver'))).toEqual([]);
    // All children 0-17 at the start: 110,221, as before care leavers were added.
    expect(children0.rows[0][children0.columns.indexOf('All children 0-17')]).toBe('110,221');
    expect(tables.find((t) => t.title === RATE_TITLE)!.columns.filter((c) => c.startsWith('Care leaver'))).toEqual([]);
    const leavers = tables.find((t) => t.title === APART_TITLE)!;
    expect(leavers.columns.slice(1, 5)).toEqual([
      'Care leaver 18-20: Staying Put at 31 March',
      'Care leaver 18-20: supported accommodation at 31 March',
      'Care leaver 18-20: other leaving-care support at 31 March',
      'Care leaver 21-24, still supported at 31 March',
    ]);
    // 320 care leavers aged 18-20 at the start, as before they were split: 43 + 56 + 221.
    expect(leavers.rows[0].slice(0, 5)).toEqual(['Start', '43', '56', '221', '110']);
  });

  it('sends children in foster care at 18 to Staying Put and those in residential or supported placements to supported accommodation, into band 18-20', async () => {
    const p = await project(loadModel('models/example.yaml'));
    const [y] = summarise(p);
    const n = p.states.length;
    const band = p.bands.findIndex((b) => b.label === '18-20');
    // Staying Put and supported accommodation are entered only from care at 18 (no moves into
    // them), so all their entries are in band 18-20, the band after 16-17.
    for (const id of ['care_leaver_staying_put', 'care_leaver_supported']) {
      const s = p.states.findIndex((x) => x.id === id);
      expectClose(p.result.entries[band * n + s], y.entries[s], 1e-12, id);
      expect(y.entries[s]).toBeGreaterThan(30);
    }
    expect(p.bands).toHaveLength(6);
  });
});
