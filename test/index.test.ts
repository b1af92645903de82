/** The public API works as the README shows. */
import { describe, expect, it } from 'vitest';
import * as carecast from '../src/index.js';

describe('public API', () => {
  it('runs the README example: loadModel, project, projectionTables, renderMarkdown', async () => {
    const model = carecast.loadModel('models/example.yaml');
    const projection = await carecast.project(model, { years: 5 });
    const md = carecast.renderMarkdown(model.name, carecast.projectionTables(projection));
    expect(md).toContain('2029/30');
    expect(projection.periods).toHaveLength(5);
  });

  it('runs the README scenario example: loadScenario, compareScenarios, summariseComparison, comparisonTables', async () => {
    const model = carecast.loadModel('models/example.yaml');
    const comparison = await carecast.compareScenarios(model, [carecast.loadScenario('scenarios/early-help.yaml')]);
    const md = carecast.renderMarkdown('Early help', carecast.comparisonTables(carecast.summariseComparison(comparison)));
    expect(md).toContain('Early help investment: against the baseline');
    expect(new carecast.ScenarioInvalidError('x.yaml', []).code).toBe('SCENARIO_INVALID');
  });

  it('exports error classes with stable codes', () => {
    expect(carecast.EXIT_CODES.MODEL_INVALID).toBe(2);
    expect(carecast.EXIT_CODES.RUNTIME).toBe(1);
    expect(new carecast.UsageError('x').code).toBe('USAGE');
  });

  it('runs the README goal-seek example: seekTarget, targetSentence', async () => {
    const model = carecast.loadModel('models/example.yaml');
    const result = await carecast.seekTarget(model, carecast.loadScenario('scenarios/early-help.yaml'), 'fewer_step_ups', 'net_saving@5y=2000000');
    expect(result.status).toBe('met');
    expect(carecast.targetSentence(result, model)).toMatch(/^To save £2\.0m over the 5 years to 2029\/30, Early help investment would need to cut /);
  });
});
