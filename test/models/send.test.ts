/**
 * The SEND model (models/send/buckinghamshire.yaml) and its DSG-management-plan scenarios
 * (scenarios/send/). Its starting plans are DfE's: SEN2, January 2025, Buckinghamshire (DfE 825),
 * 7,217 plans: mainstream_total 3,304 of which resourced provision and SEN units 96 + 17 + 5 +
 * 10 + 104 + 12 = 244, state special (academy and free 440, LA maintained 1,367) 1,807,
 * independent 191 and non-maintained 27 special 218, further education 1,159, and the other
 * 729 (the publication's figures, data/send/buckinghamshire-sen2.csv).
 */
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/model/load.js';
import { project } from '../../src/engine/project.js';
import { expectClose, reader, runCli } from '../helpers.js';

const MODEL = 'models/send/buckinghamshire.yaml';
const SCENARIOS = ['scenarios/send/mainstream-inclusion.yaml', 'scenarios/send/special-places.yaml', 'scenarios/send/slower-growth.yaml'];

describe('the Buckinghamshire SEND model', () => {
  it('starts from SEN2 January 2025 by setting, and counts ages 0-25', async () => {
    const model = loadModel(MODEL);
    expect(model.ages!.range).toEqual({ from: 0, to: 25 });
    const p = await project(model);
    const n = p.states.length;
    const start = (id: string) => p.bands.reduce((t, _, b) => t + p.initial[b * n + p.states.findIndex((s) => s.id === id)], 0);
    expect([start('mainstream'), start('resourced'), start('state_special'), start('independent_special'), start('post16'), start('other')]).toEqual([3060, 244, 1807, 218, 1159, 729]);
    expect(3060 + 244 + 1807 + 218 + 1159 + 729).toBe(7217);
  });

  it('conserves everyone in every step and keeps 0-25 on the population file', async () => {
    const p = await project(loadModel(MODEL));
    const r = reader(p);
    for (let k = 0; k < p.result.ledger.length / 5; k++) {
      const l = r.ledger(k);
      expectClose(l.activeStart + l.inflow, l.activeEnd + l.toAbsorbing + l.outflow, 1e-9, `step ${k}`);
    }
    // No school setting holds anyone past 19 (they leave at 20 to post-16), and the state
    // special capacity of 1,830 places is never exceeded.
    p.periods.forEach((_, t) => {
      for (const s of ['mainstream', 'resourced', 'state_special']) for (const age of ['20', '21', '25']) expect(r.stock(t, s, age)).toBe(0);
      expect(r.stock(t, 'state_special')).toBeLessThanOrEqual(1830 + 1e-9);
    });
  });

  it('runs for 10 years with rates per 10,000 aged 0-25', async () => {
    const { code, stdout } = await runCli('run', MODEL, '--years', '10');
    expect(code).toBe(0);
    expect(stdout).toContain('Rate per 10,000 children and young people aged 0-25, at 31 March');
    expect(stdout).toContain('Sufficiency: State special school places');
    expect(stdout).toContain('2034/35');
  });

  it('compare gives the high-needs cost and net saving of each DSG scenario', async () => {
    const { code, stdout } = await runCli('compare', MODEL, ...SCENARIOS, '--format', 'md');
    expect(code).toBe(0);
    for (const name of ['Mainstream inclusion', 'Expanding local special places', 'Slower growth in new plans']) expect(stdout).toContain(`| ${name} |`);
    expect(stdout).toContain('Net saving');
  });

  it('backtest-ehcp scores carecast against the last value and the trend on every council', async () => {
    const { code, stdout } = await runCli('backtest-ehcp', '--series', 'data/published/ehcp_totals_by_la_2010_2025.csv', '--origin', '2022..2024', '--horizon', '3');
    expect(code).toBe(0);
    expect(stdout).toContain('| Horizon | Forecasts | carecast (stock and flow) | Last value | Linear trend |');
    expect(stdout.split('\n').filter((l) => /^\| [123] \|/.test(l))).toHaveLength(3);
  });

  it('backtest-ehcp refuses an origin without a year of the consistent series before it', async () => {
    const { code, stderr } = await runCli('backtest-ehcp', '--series', 'data/published/ehcp_totals_by_la_2010_2025.csv', '--origin', '2019');
    expect(code).toBe(2);
    expect(stderr).toContain('starts in 2019');
  });
});
