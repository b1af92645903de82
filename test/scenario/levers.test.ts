import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenario } from '../../src/scenario/load.js';
import { WEEKS_PER_YEAR } from '../../src/model/build/values.js';
import { dedent } from '../helpers.js';
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

  // A scenario written for these cases (not in the library): a cost per week, an add, a factor
  // above 1, and a capacity item that both recruits and opens places.
  const written = parseScenario(
    dedent(`
      carecast: 1
      scenario: Lever cases
      changes:
        - { id: fewer_cin, from: universal, to: cin, add: -0.002 }
        - { id: more_home, from: cic, to: universal, multiply: 1.3 }
      costs:
        - { id: cheaper_res, state: external_residential, per_week: 6000 }
      capacity:
        - { id: new_home, state: in_house_residential, recruit_per_year: 2, places: 4 }
    `),
    '/tmp/lever-cases.yaml',
  );

  it('a cost written per week is a lever in £ a week, set back per week', () => {
    expect(findLever(written, 'cheaper_res')).toMatchObject({ unit: 'pounds_per_week', field: 'per_week', stated: 6000 });
    const set = withLever(written, 'cheaper_res', 5000);
    expect(set.costs[0]!.change).toEqual({ kind: 'set', perYear: 5000 * WEEKS_PER_YEAR, perWeek: true });
    expect(leverValue(set, 'cheaper_res')).toBe(5000);
  });

  it('ranges run from no effect to twice the stated effect: an add either way, a factor above 1', () => {
    expect(findLever(written, 'fewer_cin')!.range).toEqual([-0.004, 0]);
    // × 1.3 is a 30% rise: from none (1) to a 60% rise (1.6)
    const r = findLever(written, 'more_home')!.range!;
    expect(r[0]).toBe(1);
    expect(r[1]).toBeCloseTo(1.6, 15);
  });

  it('a capacity item keeps its lever names whatever their values: recruits by its id, places by id.places', () => {
    expect(findLever(written, 'new_home')).toMatchObject({ unit: 'units_per_year', stated: 2 });
    expect(findLever(written, 'new_home.places')).toMatchObject({ unit: 'places', stated: 4 });
    const none = withLever(written, 'new_home', 0);
    expect(findLever(none, 'new_home')).toMatchObject({ unit: 'units_per_year', stated: 0 });
    expect(findLever(none, 'new_home.places')).toMatchObject({ stated: 4 });
  });
});
