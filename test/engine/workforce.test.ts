/**
 * Workforce supply against need: worked examples whose numbers are worked out by hand in the
 * comments, and the located errors of a bad `workforce` section.
 *
 * The FTE needed comes from an FTE measure (FTE per child per year); a workforce steps permanent
 * FTE with turnover and recruitment, and agency FTE fill the gap: agency = max(0, needed -
 * permanent), all as average FTE in the year.
 */
import { describe, expect, it } from 'vitest';
import { dedent, edit, expectClose, runYaml } from '../helpers.js';
import { ModelInvalidError } from '../../src/errors.js';
import { parseModel } from '../../src/model/load.js';
import { WORKFORCE_MODEL } from './workforce-model.js';

const MODEL = WORKFORCE_MODEL;

describe('a workforce: permanent FTE with turnover and recruitment, agency filling the gap', () => {
  it('needed 100 FTE, permanent 80 with 15% turnover and 10 recruited a year', async () => {
    // year 1: permanent at the start 80; agency = 100 - 80 = 20.
    //         leavers = 80 × 0.15 = 12; recruited 10 (room to the establishment: 100 - 68 = 32).
    // year 2: permanent = 80 - 12 + 10 = 78; agency = 22; leavers 11.7.
    // year 3: permanent = 78 - 11.7 + 10 = 76.3; agency = 23.7.
    const w = (await runYaml(MODEL)).workforce![0];
    const expected = [
      { needed: 100, permanent: 80, agency: 20, leavers: 12, end: 78 },
      { needed: 100, permanent: 78, agency: 22, leavers: 11.7, end: 76.3 },
      { needed: 100, permanent: 76.3, agency: 23.7, leavers: 11.445, end: 74.855 },
    ];
    expected.forEach((e, t) => {
      expectClose(w.needed[t], e.needed, 1e-12, `needed, year ${t + 1}`);
      expectClose(w.permanent[t], e.permanent, 1e-12, `permanent, year ${t + 1}`);
      expectClose(w.agency[t], e.agency, 1e-12, `agency, year ${t + 1}`);
      expectClose(w.leavers[t], e.leavers, 1e-12, `leavers, year ${t + 1}`);
      expectClose(w.recruited[t], 10, 1e-12, `recruited, year ${t + 1}`);
      expectClose(w.permanentEnd[t], e.end, 1e-12, `permanent at the end, year ${t + 1}`);
      // Posts 100, permanent as above: vacancies = 100 - permanent = agency here.
      expectClose(w.vacancies[t], e.agency, 1e-12, `vacancies, year ${t + 1}`);
    });
  });

  it('costs agency FTE at the permanent cost plus the premium, the premium shown apart', async () => {
    // year 1: 20 agency FTE × £50,000 × 1.4 = £1,400,000, of which the premium is 20 × 50,000 × 0.4 = £400,000.
    // year 2: 22 × 50,000 × 1.4 = £1,540,000 (premium £440,000); no inflation, no discounting.
    const w = (await runYaml(MODEL)).workforce![0];
    expectClose(w.agencyCost[0], 1_400_000, 1e-12, 'agency cost, year 1');
    expectClose(w.premiumCost[0], 400_000, 1e-12, 'premium, year 1');
    expectClose(w.agencyCost[1], 1_540_000, 1e-12, 'agency cost, year 2');
    expectClose(w.premiumCost[1], 440_000, 1e-12, 'premium, year 2');
    expect(Array.from(w.agencyCostDiscounted)).toEqual(Array.from(w.agencyCost));
  });

  it('prices and discounts the agency cost as the model prices and discounts its costs', async () => {
    // inflation 10%, discount 5%, first year undiscounted: year 2 is priced 1.1 and discounted 1/1.05.
    // year 2: 22 × 50,000 × 1.4 × 1.1 = £1,694,000; discounted £1,694,000 / 1.05 = £1,613,333.33.
    const p = await runYaml(edit(MODEL, 'count: start', 'count: start\n    inflation: 0.1\n    discount_rate: 0.05'));
    const w = p.workforce![0];
    expectClose(w.agencyCost[1], 1_694_000, 1e-12, 'agency cost, year 2, cash');
    expectClose(w.agencyCostDiscounted[1], 1_694_000 / 1.05, 1e-12, 'agency cost, year 2, discounted');
  });

  it('recruits no one above the establishment', async () => {
    // establishment 85: year 1 leavers 12 leave 68 in post, room 17, recruited 10 → 78;
    // year 2: 78 - 11.7 = 66.3, room 18.7, recruited 10 → 76.3. With 30 a year instead:
    // year 1: 68 + min(17, 30) = 85; year 2: 85 × 0.85 = 72.25 + min(12.75, 30) = 85.
    const w = (await runYaml(edit(edit(MODEL, 'establishment: 100', 'establishment: 85'), 'recruitment: 10', 'recruitment: 30'))).workforce![0];
    expectClose(w.permanentEnd[0], 85, 1e-12, 'end of year 1');
    expectClose(w.permanentEnd[1], 85, 1e-12, 'end of year 2');
    // Vacancies are posts less permanent FTE: 85 - 85 = 0 in year 2; agency still covers the
    // need above the posts: 100 - 85 = 15.
    expectClose(w.vacancies[1], 0, 1e-12, 'vacancies, year 2');
    expectClose(w.agency[1], 15, 1e-12, 'agency, year 2');
  });

  it('with recruitment: vacancies, fills every vacant post each step', async () => {
    // establishment needed (100): after 12 leavers, 32 are recruited, so 100 in post from year 2 and no agency.
    const w = (await runYaml(edit(edit(MODEL, 'establishment: 100', 'establishment: needed'), 'recruitment: 10', 'recruitment: vacancies'))).workforce![0];
    expectClose(w.recruited[0], 32, 1e-12, 'recruited, year 1');
    expectClose(w.agency[0], 20, 1e-12, 'agency, year 1 (counted on the start stock)');
    expectClose(w.agency[1], 0, 1e-12, 'agency, year 2');
  });

  it('steps monthly: with no recruitment, 15% turnover leaves 85% after a year', async () => {
    // monthly stay share 0.85^(1/12); after 12 months 80 × 0.85 = 68 whatever the step.
    const monthly = edit(edit(MODEL, 'step: year', 'step: month'), 'recruitment: 10', 'recruitment: 0');
    const w = (await runYaml(monthly)).workforce![0];
    expectClose(w.permanentEnd[0], 68, 1e-12, 'end of year 1');
    expectClose(w.leavers[0], 12, 1e-12, 'leavers, year 1');
    // FTE needed is the average in the year, 100, not the sum of 12 months.
    expectClose(w.needed[0], 100, 1e-12, 'needed');
  });

  it('reports a part year as the average over the months it covers', async () => {
    // 18 months from April 2025: the second period is April-September 2026, 0.5 years with 50
    // FTE-years of need, so 100 FTE on average (not 50).
    const part = edit(edit(MODEL, 'step: year', 'step: month'), 'horizon_years: 3', 'horizon_years: 2');
    const p = await runYaml(part, 1.5);
    expect(p.periods[1].partial).toBe(true);
    expectClose(p.workforce![0].needed[1], 100, 1e-12, 'needed, part year');
  });
});

describe('a bad workforce section is refused with every problem located', () => {
  const bad = (from: string, to: string) => {
    try {
      parseModel(dedent(edit(MODEL, from, to)), 'models/bad.yaml');
    } catch (e) {
      expect(e).toBeInstanceOf(ModelInvalidError);
      return (e as ModelInvalidError).issues;
    }
    return expect.fail('the model should be refused');
  };

  it.each([
    ['measure: sw_fte', 'measure: fte', 'workforce[0].measure', "unknown measure 'fte'", 'sw_fte'],
    ['permanent_fte: 80', 'permanent_fte: -5', 'workforce[0].permanent_fte', 'permanent FTE is -5, below 0', '0 or more'],
    ['establishment: 100', 'establishment: -1', 'workforce[0].establishment', 'the establishment is -1, below 0', '0 or more'],
    ['turnover: 0.15', 'turnover: 15', 'workforce[0].turnover', 'turnover 15 is outside 0 to 1', '0.12 for 12%'],
    ['recruitment: 10', 'recruitment: -10', 'workforce[0].recruitment', 'recruitment is -10, below 0', '0 or more'],
    ['cost_per_fte: 50000', 'cost_per_fte: -1', 'workforce[0].cost_per_fte', 'the cost per FTE is -1, below 0', '0 or more'],
    ['agency_premium: 0.4', 'agency_premium: 40', 'workforce[0].agency_premium', 'agency premium 40 is outside 0 to 5', '0.5 for 50% more'],
    ['kind: fte, ', '', 'workforce[0].measure', "measure 'sw_fte' is not an FTE measure", 'kind: fte'],
  ])('%s → %s', (from, to, path, message, expected) => {
    const issues = bad(from, to);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe(path);
    expect(issues[0].message).toBe(message);
    expect(issues[0].expected).toContain(expected);
    expect(issues[0].location.file).toBe('models/bad.yaml');
    // Lines of the dedented MODEL: 'workforce:' is line 15, its first field (measure) line 16.
    expect(issues[0].location.line).toBeGreaterThanOrEqual(16);
  });

  it('locates the line of the bad field', () => {
    // dedented MODEL: 'carecast: 1' is line 1, 'workforce:' line 15, 'turnover:' line 19.
    const issues = bad('turnover: 0.15', 'turnover: -0.1');
    expect(issues[0].location).toMatchObject({ file: 'models/bad.yaml', line: 19 });
  });

  it('refuses a measure given two workforces, and lists every problem at once', () => {
    const second = 'agency_premium: 0.4\n    - { measure: sw_fte, permanent_fte: 1, turnover: 0.1, recruitment: 0, cost_per_fte: 1, agency_premium: 0 }';
    let issues: ModelInvalidError['issues'] = [];
    try {
      parseModel(dedent(edit(edit(MODEL, 'turnover: 0.15', 'turnover: 2'), 'agency_premium: 0.4', second)), 'models/bad.yaml');
    } catch (e) {
      issues = (e as ModelInvalidError).issues;
    }
    expect(issues.map((i) => i.path)).toEqual(['workforce[0].turnover', 'workforce[1].measure']);
    expect(issues[1].message).toBe("measure 'sw_fte' already has a workforce");
  });
});
