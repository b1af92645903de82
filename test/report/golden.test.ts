/**
 * Golden files for board outputs. The tables are rounded (whole children, £ thousands, rates to
 * one decimal), so they stay stable across machines; a change here must be deliberate: review the
 * diff, then update with `npx vitest run -u`.
 */
import { describe, expect, it } from 'vitest';
import { project } from '../../src/engine/project.js';
import { loadModel } from '../../src/model/load.js';
import { summariseComparison } from '../../src/report/comparison.js';
import { comparisonTables } from '../../src/report/comparison-tables.js';
import { projectionTables, renderMarkdown } from '../../src/report/tables.js';
import { loadScenario } from '../../src/scenario/load.js';
import { compareScenarios } from '../../src/scenario/project.js';

describe('board tables (golden files)', () => {
  it('example council, 10 years, Markdown', async () => {
    const model = loadModel('models/example.yaml');
    const p = await project(model, { years: 10 });
    await expect(renderMarkdown(model.name, projectionTables(p), p.warnings)).toMatchFileSnapshot('golden/example-10y.md');
  });

  it('textbook HIV model, monotherapy, 20 years, Markdown', async () => {
    const model = loadModel('models/textbook/hiv-monotherapy.yaml');
    const p = await project(model);
    await expect(renderMarkdown(model.name, projectionTables(p), p.warnings)).toMatchFileSnapshot('golden/hiv-monotherapy.md');
  });

  it('example council against the scenario library, 10 years, Markdown', async () => {
    const model = loadModel('models/example.yaml');
    const files = ['early-help', 'early-help-delayed', 'edge-of-care', 'reunification', 'fostering-recruitment', 'demand-surge', 'population-growth'];
    const cmp = await compareScenarios(model, files.map((f) => loadScenario(`scenarios/${f}.yaml`)), { years: 10 });
    await expect(renderMarkdown(`${model.name}: scenarios compared`, comparisonTables(summariseComparison(cmp)))).toMatchFileSnapshot('golden/compare-example.md');
  });
});
