/**
 * History flags from records: test/estimate/fixtures/truth-history.yaml, where children in need
 * who had a plan start another at 8% a month (3% for the others) and are closed at 5% (10%);
 * `synth` writes its records and `fit --history cpp=cin` must give the flagged children's moves
 * back within 3 standard errors (binomial: sqrt(p(1 − p) / child-months)).
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HistoryCounter, parseHistoryRequest } from '../../src/estimate/history.js';
import { loadModel } from '../../src/model/load.js';
import { synthAndFit } from './synth-fit.js';

describe('history flags from records', () => {
  it('follows each child’s flag as the model does: set on leaving the plan for a carrying state, dropped elsewhere', () => {
    // States: 0 universal, 1 cin, 2 cpp. A child: cin, cpp, cin (flag set), cin, cpp (a repeat), cin, universal (dropped), cin, cpp (first).
    const c = new HistoryCounter(['universal', 'cin', 'cpp'], [parseHistoryRequest('cpp=cin')!], 1);
    [1, 2, 1, 1, 2, 1, 0, 1, 2].forEach((s, k) => c.visit(0, k, s));
    const [h] = c.result();
    expect([h.firstStarts, h.repeatStarts]).toEqual([2, 1]);
    // Flagged child-steps in cin: steps 2→3 (stay) and 3→4 (to cpp), 5→6 (to universal).
    expect(h.exposure).toEqual([3]);
    expect(h.moves[0]).toEqual([1, 0, 1]);
    expect(parseHistoryRequest('cin=universal@12')).toEqual({ state: 'cin', carriedBy: ['universal'], forgetMonths: 12 });
    expect(parseHistoryRequest('cpp=cpp')).toBeNull();
  });

  it('fitting records simulated from a flagged model recovers the flagged children’s moves within 3 standard errors', async () => {
    const { file, text } = await synthAndFit('test/estimate/fixtures/truth-history.yaml', '5', ['--history', 'cpp=cin']);
    expect(loadModel(file).history?.flags.map((f) => f.state)).toEqual(['cpp']);
    const row = parse(text).history.cpp.rows.cin as Record<string, number>;
    const steps = Number(/ {6}cin: .*# (\d+) child-steps/.exec(text)![1]);
    for (const [to, p] of Object.entries({ cpp: 0.08, universal: 0.05, early_help: 0.03, cic: 0.01 })) {
      const se = Math.sqrt((p * (1 - p)) / steps);
      expect(Math.abs(row[to] - p), `cin after a plan → ${to}: fitted ${row[to]}, truth ${p}, SE ${se.toFixed(5)} (${steps} child-steps)`).toBeLessThanOrEqual(3 * se);
    }
  }, 120_000);
});
