import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { findLever, leversOf, leverValue, withLever } from '../../src/scenario/levers.js';

// Values below are those written in scenarios/early-help.yaml and scenarios/fostering-recruitment.yaml.
describe('levers of a scenario', () => {
  const earlyHelp = loadScenario('scenarios/early-help.yaml');

  it('names every lever by the id the scenario gives it, with the value the file states', () => {
    const names = leversOf(earlyHelp).map((l) => l.name);
    expect(names).toContain('reach');
    expect(names).toContain('fewer_step_ups');
    expect(names).toContain('early_help_team.fixed_per_year');
    expect(names).toContain('timing.start');
    expect(names).toContain('timing.phase_in_months');
    expect(findLever(earlyHelp, 'fewer_step_ups')).toMatchObject({ unit: 'factor', field: 'relative_risk', stated: 0.8 });
    expect(findLever(earlyHelp, 'reach')).toMatchObject({ unit: 'factor', field: 'multiply', stated: 1.25 });
    expect(findLever(earlyHelp, 'early_help_team.fixed_per_year')).toMatchObject({ unit: 'pounds_per_year', stated: 900000 });
    expect(findLever(earlyHelp, 'timing.start')).toMatchObject({ unit: 'date', stated: '2026-04-01' });
    expect(findLever(earlyHelp, 'no_such_thing')).toBeNull();
  });

  it('sets one lever in a copy and leaves the scenario as it was', () => {
    const half = withLever(earlyHelp, 'fewer_step_ups', 0.5);
    expect(leverValue(half, 'fewer_step_ups')).toBe(0.5);
    expect(leverValue(earlyHelp, 'fewer_step_ups')).toBe(0.8);
    expect(half.changes.find((c) => c.id === 'fewer_step_ups')!.change).toEqual({ kind: 'relative_risk', rr: 0.5 });
    const later = withLever(earlyHelp, 'timing.start', '2027-04-01');
    expect(later.timing.start).toBe('2027-04-01');
    expect(earlyHelp.timing.start).toBe('2026-04-01');
    const dearer = withLever(earlyHelp, 'early_help_team.fixed_per_year', 1200000);
    expect(dearer.programmes[0]!.fixedPerYear).toBe(1200000);
    expect(earlyHelp.programmes[0]!.fixedPerYear).toBe(900000);
  });

  it('a factor lever for a reduction searches from no effect to twice the stated effect', () => {
    // relative risk 0.8 is a 20% cut: the range runs from a 40% cut (0.6) to none (1)
    const r = findLever(earlyHelp, 'fewer_step_ups')!.range!;
    expect(r[0]).toBeCloseTo(0.6, 15);
    expect(r[1]).toBe(1);
  });

  it('refuses an unknown lever and a value of the wrong kind', () => {
    expect(() => withLever(earlyHelp, 'nope', 1)).toThrow(/no lever called nope/);
    expect(() => withLever(earlyHelp, 'timing.start', 3)).toThrow(/takes a date/);
    expect(() => withLever(earlyHelp, 'reach', '2027-01-01')).toThrow(/takes a number/);
  });

  it('capacity levers: households recruited a year and their costs', () => {
    const fostering = loadScenario('scenarios/fostering-recruitment.yaml');
    const levers = leversOf(fostering);
    expect(findLever(fostering, 'recruit_foster_carers')).toMatchObject({ unit: 'units_per_year', stated: 20, range: [0, 60] });
    expect(findLever(fostering, 'recruit_foster_carers.cost_per_recruit')).toMatchObject({ stated: 8000 });
    expect(withLever(fostering, 'recruit_foster_carers', 27).capacity[0]!.recruitPerYear).toBe(27);
    expect(levers.length).toBeGreaterThan(2);
  });
});
