/**
 * The page's state without the page: what it projects equals `carecast compare` for the same
 * settings, a setting the engine refuses keeps the last good figures and says why, a scenario
 * needing a file is left out and says why, and a loaded file replaces its scenario.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/model/load.js';
import { plannerData } from '../../src/planner/data.js';
import { scenarioYamlAsSet } from '../../src/planner/save.js';
import { loadScenarioText, openPlanner, plannerSummary, reproject } from '../../src/planner/state.js';
import { summariseComparison } from '../../src/report/comparison.js';
import { comparisonTables } from '../../src/report/comparison-tables.js';
import { loadScenario } from '../../src/scenario/load.js';
import { compareScenarios } from '../../src/scenario/project.js';

const model = loadModel('models/example.yaml');
const OPTS = { version: 'test', made: '2026-12-02', modelFile: 'models/example.yaml' };

describe('the planner state', () => {
  it('as stated, and with a lever moved, its figures are those of compare with a scenario file carrying that value', async () => {
    const scenarios = ['early-help', 'edge-of-care'].map((f) => loadScenario(`scenarios/${f}.yaml`));
    const planner = await openPlanner(plannerData(model, scenarios, OPTS));
    expect(planner.scenarios.map((s) => s.scenario.file)).toEqual(['/early-help.yaml', '/edge-of-care.yaml']);
    const cli = summariseComparison(await compareScenarios(model, scenarios));
    expect(comparisonTables(plannerSummary(planner))).toEqual(comparisonTables(cli));
    expect(plannerSummary(planner).scenarios[1].totals[1].netSaving).toBe(cli.scenarios[1].totals[1].netSaving);

    const edge = planner.scenarios[1];
    edge.values['edge_of_care_team.share'] = 0.65;
    edge.values.fewer_entries_from_cin = 0.7;
    await reproject(planner, [1]);
    const dir = mkdtempSync(join(tmpdir(), 'carecast-planner-'));
    const file = join(dir, 'edge-of-care.yaml');
    writeFileSync(file, scenarioYamlAsSet(planner.files, edge.scenario, edge.values, 'test'));
    // The value is in the file where the scenario states it (read as text, not through carecast).
    expect(readFileSync(file, 'utf8')).toMatch(/relative_risk: 0\.7\n[\s\S]*share: 0\.65/);
    const moved = summariseComparison(await compareScenarios(model, [scenarios[0], loadScenario(file)]));
    const page = plannerSummary(planner);
    expect(page.scenarios[1].totals.map((t) => t.netSaving)).toEqual(moved.scenarios[1].totals.map((t) => t.netSaving));
    expect(page.scenarios[1].years.map((y) => y.stock)).toEqual(moved.scenarios[1].years.map((y) => y.stock));
    expect(page.scenarios[1].totals[1].netSaving).not.toBe(cli.scenarios[1].totals[1].netSaving);
    expect(comparisonTables(page).slice(0, 2)).toEqual(comparisonTables({ ...moved, scenarios: moved.scenarios.map((s, i) => ({ ...s, file: page.scenarios[i].file })) }).slice(0, 2));
  }, 60_000);

  it('a setting the engine refuses: the located reason, and the figures of the last setting that could be projected', async () => {
    const planner = await openPlanner(plannerData(model, [loadScenario('scenarios/early-help.yaml')], OPTS));
    const before = plannerSummary(planner).scenarios[0].totals[1].netSaving;
    planner.scenarios[0].values.reach = 100_000; // universal → early help 100,000-fold: more than the stay probability can give
    await reproject(planner);
    expect(planner.scenarios[0].error).toMatch(/^\/early-help\.yaml: 4 problems in the scenario\n\/early-help\.yaml:21:5  changes\[0\]: ages 0-4, universal to early_help from 2026-05-01: the move would have probability 15\.84, more than/);
    expect(plannerSummary(planner).scenarios[0].totals[1].netSaving).toBe(before);
    planner.scenarios[0].values.reach = 1.3;
    await reproject(planner);
    expect(planner.scenarios[0].error).toBeNull();
    // Settings get the checks a file gets: a start after the end the file states, a negative cost.
    const fostering = await openPlanner(plannerData(model, [loadScenario('scenarios/fostering-recruitment.yaml')], OPTS));
    fostering.scenarios[0].values['recruit_foster_carers.cost_per_recruit'] = -1;
    await reproject(fostering);
    expect(fostering.scenarios[0].error).toBe('/fostering-recruitment.yaml: 1 problem in the scenario\n/fostering-recruitment.yaml:40:5  capacity[0].cost_per_recruit: must not be negative');
    fostering.scenarios[0].values['recruit_foster_carers.cost_per_recruit'] = 8000;
    fostering.scenarios[0].values['timing.start'] = '2032-04-01';
    await reproject(fostering);
    expect(fostering.scenarios[0].error).toMatch(/^\/fostering-recruitment\.yaml: 1 problem in the scenario\n\/fostering-recruitment\.yaml:\d+:\d+  timing\.end: the end 2031-03-31 is before the start 2032-04-01/);
  }, 60_000);

  it('a scenario whose population variant is a file is left out of the figures, saying why; the others project', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-planner-'));
    const file = join(dir, 'high.yaml');
    writeFileSync(file, `carecast: 1\nscenario: High migration\npopulation: { file: ${resolve('data/example/population.csv')} }\nprogrammes: [{ id: extra, fixed_per_year: 1000 }]\n`);
    const planner = await openPlanner(plannerData(model, [loadScenario(file), loadScenario('scenarios/early-help.yaml')], OPTS));
    expect(planner.scenarios[0].unavailable).toMatch(/population variant is read from a file .*population\.csv.*which this page cannot read/);
    expect(planner.scenarios[0].levers.map((l) => l.name)).toEqual(['extra.fixed_per_year']);
    expect(plannerSummary(planner).scenarios.map((s) => s.name)).toEqual(['Early help investment']);
  }, 60_000);

  it('a loaded file replaces the scenario of the same name (its extends resolved among the page files); a broken one says where', async () => {
    const delayed = loadScenario('scenarios/early-help-delayed.yaml');
    const planner = await openPlanner(plannerData(model, [delayed], OPTS));
    expect(Object.keys(planner.files).sort()).toEqual(['/early-help-delayed.yaml', '/early-help.yaml']);
    const text = scenarioYamlAsSet(planner.files, planner.scenarios[0].scenario, { ...planner.scenarios[0].values, fewer_step_ups: 0.7 }, 'saved');
    const at = await loadScenarioText(planner, text, '/early-help-delayed (1).yaml');
    expect(at).toBe(0);
    expect(planner.scenarios).toHaveLength(1);
    expect(planner.scenarios[0].values.fewer_step_ups).toBe(0.7);
    expect(planner.scenarios[0].values['timing.start']).toBe('2027-04-01');
    await expect(loadScenarioText(planner, 'carecast: 1\nscenario: x\nchanges: [{ from: nowhere, to: cin, multiply: 2 }]\n', '/x.yaml')).rejects.toMatchObject({ code: 'SCENARIO_INVALID', issues: [{ location: { file: '/x.yaml', line: 3 }, path: 'changes[0].from' }] });
    expect(planner.scenarios).toHaveLength(1);
  }, 60_000);
});
