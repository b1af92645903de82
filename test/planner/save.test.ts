/**
 * Saving a scenario as set: the file as it was with the new values in place, which `carecast
 * compare` reads back with exactly the levers set (also through `extends`).
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { leverValue, withLever } from '../../src/scenario/levers.js';
import { loadScenario } from '../../src/scenario/load.js';
import { changedLevers, scenarioYamlAsSet } from '../../src/planner/save.js';
import type { Scenario } from '../../src/scenario/types.js';

const textsOf = (s: Scenario) => Object.fromEntries(s.files.map((f) => [f, readFileSync(f, 'utf8')]));

describe('scenarioYamlAsSet', () => {
  it("changes only the lever's number in the file's own text (comments, folding and layout kept), under a note of what changed", () => {
    const s = loadScenario('scenarios/early-help.yaml');
    const original = readFileSync('scenarios/early-help.yaml', 'utf8');
    const saved = scenarioYamlAsSet(textsOf(s), s, { fewer_step_ups: 0.7, 'early_help_team.fixed_per_year': 1_200_000 }, 'Saved on 2026-12-02');
    const [head, body] = [saved.slice(0, saved.indexOf('\n\n') + 2), saved.slice(saved.indexOf('\n\n') + 2)];
    expect(head).toBe('# Saved on 2026-12-02\n#   Fewer step-ups from early help to social care: 0.8 → 0.7\n#   Early help practitioners and management: fixed cost a year: 900000 → 1200000\n\n');
    expect(body).toBe(original.replace('relative_risk: 0.8\n', 'relative_risk: 0.7\n').replace('fixed_per_year: 900000\n', 'fixed_per_year: 1200000\n'));
  });

  it('a file read back has every lever at the value set (numbers and dates), and the others as stated', () => {
    const s = loadScenario('scenarios/fostering-recruitment.yaml');
    const values = { recruit_foster_carers: 35, 'recruit_foster_carers.cost_per_recruit': 9000, 'timing.end': '2032-03-31' };
    const dir = mkdtempSync(join(tmpdir(), 'carecast-save-'));
    writeFileSync(join(dir, 'fostering.yaml'), scenarioYamlAsSet(textsOf(s), s, values, 'test'));
    const back = loadScenario(join(dir, 'fostering.yaml'));
    expect(leverValue(back, 'recruit_foster_carers')).toBe(35);
    expect(leverValue(back, 'recruit_foster_carers.cost_per_recruit')).toBe(9000);
    expect(leverValue(back, 'timing.end')).toBe('2032-03-31');
    expect(leverValue(back, 'timing.start')).toBe('2026-04-01');
    expect(leverValue(back, 'recruit_foster_carers.support_per_year')).toBe(2500);
  });

  it('through extends: an inherited item is copied into the file with its id (replacing it in place), scenario timing set field by field', () => {
    const s = loadScenario('scenarios/early-help-delayed.yaml');
    const values = { fewer_step_ups: 0.7, 'timing.phase_in_months': 6 };
    const saved = scenarioYamlAsSet(textsOf(s), s, values, 'test');
    const raw = parse(saved);
    expect(raw.extends).toBe('early-help.yaml');
    expect(raw.timing).toEqual({ start: '2027-04-01', phase_in_months: 6 });
    expect(raw.changes).toHaveLength(1);
    expect(raw.changes[0]).toMatchObject({ id: 'fewer_step_ups', from: 'early_help', relative_risk: 0.7, uncertainty: { distribution: 'lognormal', low: 0.65, high: 0.98 } });
    // Saved beside the file it extends, it reads back as the scenario with the levers set.
    const dir = mkdtempSync(join(tmpdir(), 'carecast-save-'));
    copyFileSync('scenarios/early-help.yaml', join(dir, 'early-help.yaml'));
    writeFileSync(join(dir, 'early-help-delayed.yaml'), saved);
    const back = loadScenario(join(dir, 'early-help-delayed.yaml'));
    const expected = withLever(withLever(s, 'fewer_step_ups', 0.7), 'timing.phase_in_months', 6);
    expect(back.changes.map((c) => [c.id, c.change, c.to])).toEqual(expected.changes.map((c) => [c.id, c.change, c.to]));
    expect(back.timing).toEqual(expected.timing);
    expect(back.programmes.map((p) => p.fixedPerYear)).toEqual([900_000]);
  });

  it('nothing moved: the file as it was under the note; changedLevers lists only values that differ', () => {
    const s = loadScenario('scenarios/edge-of-care.yaml');
    const stated = Object.fromEntries(['fewer_entries_from_plans', 'edge_of_care_team.share'].map((n) => [n, leverValue(s, n)]));
    expect(changedLevers(s, stated)).toEqual([]);
    expect(scenarioYamlAsSet(textsOf(s), s, stated, 'note')).toBe(`# note\n\n${readFileSync('scenarios/edge-of-care.yaml', 'utf8')}`);
    expect(changedLevers(s, { ...stated, 'edge_of_care_team.share': 0.6 }).map((c) => [c.lever.name, c.value])).toEqual([['edge_of_care_team.share', 0.6]]);
  });
});
