/**
 * Duration bands from records: `synth` simulates children through a model with bands on care
 * (exact, so each child's time in care follows the band rates to the month), writes SSDA903
 * returns, and `fit --durations cic=6,12` must give the band rates back, each within 3 standard
 * errors of the truth (binomial: sqrt(p(1 − p) / child-months)). Truth in
 * test/estimate/fixtures/truth-durations.yaml: leaving care for universal 6%, 3%, 1% a month under
 * 6 months, 6-12 months and after; for child in need 2%, 1%, 0.5%.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DurationCounter, parseDurationRequest } from '../../src/estimate/durations.js';
import { loadModel } from '../../src/model/load.js';
import { synthAndFit } from './synth-fit.js';

describe('duration bands from records', () => {
  it('counts child-steps and moves out by time in the state, leaving out stays begun before the window', () => {
    const c = new DurationCounter(['universal', 'cic'], [parseDurationRequest('cic=2')!], 1);
    // Child 0: in care on the first day (censored), leaves at step 1, back at step 3, stays 3 steps, leaves.
    [1, 0, 0, 1, 1, 1, 0].forEach((s, k) => c.visit(0, k, s));
    const [d] = c.result();
    expect(d.censored).toBe(1);
    // From step 3: 2 steps in band 0-2 (months 0 and 1), then 1 step in 2+ ending in a move to universal.
    expect(d.exposure).toEqual([2, 1]);
    expect(d.moves).toEqual([[0, 0], [1, 0]]);
    expect(parseDurationRequest('cic=12,6')).toBeNull();
  });

  it('fitting records simulated from a banded model recovers each band rate within 3 standard errors', async () => {
    const { file, text } = await synthAndFit('test/estimate/fixtures/truth-durations.yaml', '11', ['--durations', 'cic=6,12']);
    expect(loadModel(file).durations?.clocks.map((c) => c.state)).toEqual(['cic']);
    const rows = parse(text).durations.cic.rows as Record<string, Record<string, number>>;
    const truth: Record<string, Record<string, number>> = { '0-6': { universal: 0.06, cin: 0.02 }, '6-12': { universal: 0.03, cin: 0.01 }, '12+': { universal: 0.01, cin: 0.005 } };
    let checked = 0;
    for (const [band, moves] of Object.entries(truth)) {
      const steps = Number(new RegExp(`"${band.replace('+', '\\+')}": .*# (\\d+) child-steps`).exec(text)![1]);
      for (const [to, p] of Object.entries(moves)) {
        const se = Math.sqrt((p * (1 - p)) / steps);
        expect(Math.abs(rows[band][to] - p), `${band} → ${to}: fitted ${rows[band][to]}, truth ${p}, SE ${se.toFixed(5)} (${steps} child-steps)`).toBeLessThanOrEqual(3 * se);
        checked++;
      }
      // No moves the truth does not make.
      expect(Object.keys(rows[band]).sort()).toEqual(Object.keys(moves).sort());
    }
    expect(checked).toBe(6);
  }, 120_000);
});
