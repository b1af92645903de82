/** The grammar of targets, and targets checked against a model's states, groups and horizon. */
import { describe, expect, it } from 'vitest';
import type { Period } from '../../src/engine/plan.js';
import { parseTarget, resolveTarget } from '../../src/target/targets.js';
import { yamlModel } from '../helpers.js';

const periods = (first: number, n: number, partialFirst = false): Period[] =>
  Array.from({ length: n }, (_, k) => ({ fy: first + k, label: `${first + k}/${String((first + k + 1) % 100).padStart(2, '0')}`, start: `${first + k}-04-01`, end: `${first + k + 1}-04-01`, steps: 12, partial: partialFirst && k === 0 }));

const model = yamlModel(`
  carecast: 1
  name: m
  time: { start: 2025-04-01, step: year, horizon_years: 10 }
  states: [{ id: universal }, { id: cin }, { id: foster }, { id: residential }, { id: out, absorbing: true }]
  groups: [{ id: cic, label: Children in care, states: [foster, residential] }]
  transitions: { per: step, matrices: [{ rows: { universal: { cin: 0.01 }, cin: {}, foster: {}, residential: {} } }] }
  initial: { universal: 1000 }
`);

describe('parsing a target', () => {
  it('measure, when, operator and value', () => {
    expect(parseTarget('net_saving@5y=2000000')).toMatchObject({ measure: 'net_saving', when: { kind: 'years', years: 5 }, op: '=', value: 2_000_000 });
    expect(parseTarget('cic@2030<=700')).toMatchObject({ measure: 'cic', when: { kind: 'fy', fy: 2029 }, op: '<=', value: 700 });
    expect(parseTarget('rate:cic@2029/30>=60.5')).toMatchObject({ measure: 'rate:cic', when: { kind: 'fy', fy: 2029 }, op: '>=', value: 60.5 });
    expect(parseTarget('cost@2029-30 = 41m')).toMatchObject({ measure: 'cost', when: { kind: 'fy', fy: 2029 }, value: 41_000_000 });
    expect(parseTarget('break_even@5y')).toMatchObject({ measure: 'break_even', op: null, value: null });
  });

  it('money as written by people: £, k and m, thousands commas, negative', () => {
    expect(parseTarget('net_saving@5y=£2m').value).toBe(2_000_000);
    expect(parseTarget('net_saving@5y=2.5m').value).toBe(2_500_000);
    expect(parseTarget('net_saving@5y=500k').value).toBe(500_000);
    expect(parseTarget('net_saving@5y=2,000,000').value).toBe(2_000_000);
    expect(parseTarget('net_saving@5y=-100k').value).toBe(-100_000);
    expect(parseTarget('net_saving@5y=-£100k').value).toBe(-100_000);
  });

  it('refuses what is not a target, saying why', () => {
    expect(() => parseTarget('net_saving=2m')).toThrow(/not a target: expected MEASURE@WHEN=VALUE/);
    expect(() => parseTarget('net_saving@5y')).toThrow(/give the value wanted, e.g. net_saving@5y=2000000/);
    expect(() => parseTarget('payback@5y=0')).toThrow(/payback takes no value \(it means paid back by that year\)/);
    expect(() => parseTarget('net_saving@5y=2e6')).toThrow(/'2e6' is not a number/);
    expect(() => parseTarget('net_saving@0y=1')).toThrow(/years count from 1/);
    expect(() => parseTarget('cic@2029/31=1')).toThrow(/2029\/31 is not a financial year \(expected 2029\/30\)/);
  });
});

describe('checking a target against the model and horizon', () => {
  const ten = periods(2025, 10);
  it('Ny is the Nth whole year; a calendar year the financial year ending in its March', () => {
    expect(resolveTarget(parseTarget('net_saving@5y=1'), model, ten)).toMatchObject({ years: 5, period: 4, label: '2029/30', direction: 'at_least', unit: 'pounds', tolerance: 1 });
    expect(resolveTarget(parseTarget('cic@2030=1'), model, ten)).toMatchObject({ years: 5, period: 4, label: '2029/30', direction: 'at_most', unit: 'children' });
    expect(resolveTarget(parseTarget('cic@2030>=1'), model, ten).direction).toBe('at_least');
    expect(resolveTarget(parseTarget('cic@2030=1'), model, ten).measure).toMatchObject({ kind: 'children', id: 'cic', states: [2, 3], rate: false });
    expect(resolveTarget(parseTarget('break_even@3y'), model, ten)).toMatchObject({ measure: { kind: 'net_saving', discounted: false }, value: 0, op: '>=' });
    expect(resolveTarget(parseTarget('payback_discounted@2028'), model, ten)).toMatchObject({ measure: { kind: 'payback', discounted: true }, period: 2 });
  });

  it("'start' is the children (or rate) at the start of the projection: hold care at today's rate", () => {
    expect(parseTarget('rate:cic@5y<=start').value).toBe('start');
    // (the model here has no population, so only the count; the rate is read the same way)
    const t = resolveTarget(parseTarget('cic@5y<=start'), model, ten, (m) => (m.rate ? 61.5 : 700));
    expect(t).toMatchObject({ value: 700, atStart: true, direction: 'at_most' });
    expect(() => parseTarget('net_saving@5y=start')).toThrow(/'start' is a value for children or a rate, not for net_saving/);
  });

  it('a part year at the start is not counted: year 1 is the first whole year', () => {
    const withPart = periods(2024, 11, true);
    expect(resolveTarget(parseTarget('net_saving@1y=1'), model, withPart)).toMatchObject({ years: 1, period: 1, label: '2025/26' });
    expect(() => resolveTarget(parseTarget('cic@2025=1'), model, withPart)).toThrow(/2024\/25 is only part of a financial year in the projection/);
  });

  it('names outside the model, a rate without population, an exit state, years outside the horizon', () => {
    expect(() => resolveTarget(parseTarget('cicc@5y=1'), model, ten)).toThrow(/unknown measure 'cicc'.*did you mean 'cic'\?/);
    expect(() => resolveTarget(parseTarget('rate:cic@5y=1'), model, ten)).toThrow(/has no population/);
    expect(() => resolveTarget(parseTarget('out@5y=1'), model, ten)).toThrow(/out is an exit state/);
    expect(() => resolveTarget(parseTarget('cic@11y=1'), model, ten)).toThrow(/year 11 is past the horizon \(the projection's 10 whole financial years run to 2034\/35\)/);
    expect(() => resolveTarget(parseTarget('cic@2024=1'), model, ten)).toThrow(/2023\/24 is before the projection starts/);
  });
});
