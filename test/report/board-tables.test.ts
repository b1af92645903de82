/**
 * What a board member reads in the tables: money in £m to one decimal, no rates where there is
 * no population (and a note saying why), unit costs that add up, and terminal tables that fit 100
 * columns however wide the table.
 */
import { describe, expect, it } from 'vitest';
import { project } from '../../src/engine/project.js';
import { WEEKS_PER_YEAR } from '../../src/model/build.js';
import { loadModel } from '../../src/model/load.js';
import { initialStock, summariseComparison } from '../../src/report/comparison.js';
import { comparisonTables } from '../../src/report/comparison-tables.js';
import { formatMillions, formatMoney, type Table } from '../../src/report/format.js';
import { projectionJson } from '../../src/report/json.js';
import { projectionTables } from '../../src/report/tables.js';
import { renderTerminal, TERMINAL_WIDTH } from '../../src/report/terminal.js';
import { tidyRows } from '../../src/report/tidy.js';
import { unitCostTable } from '../../src/report/unit-costs.js';
import { loadScenario } from '../../src/scenario/load.js';
import { compareScenarios } from '../../src/scenario/project.js';
import { runYaml } from '../helpers.js';

describe('money on board pages', () => {
  it('is £m to one decimal: 1,450.1 under a £m heading, £1,450.1m in text, never -0.0', () => {
    expect(formatMillions(1_450_119_000)).toBe('1,450.1');
    expect(formatMillions(49_999)).toBe('0.0');
    expect(formatMillions(-40_000)).toBe('0.0');
    expect(formatMillions(-2_345_678)).toBe('-2.3');
    expect(formatMoney(1_450_119_000)).toBe('£1,450.1m');
    expect(formatMoney(-2_345_678)).toBe('-£2.3m');
    expect(formatMoney(-40_000)).toBe('£0.0m');
  });
});

describe('a model without a population', () => {
  // Children in care only, as `carecast fit` writes without --population.
  const MODEL = `
    carecast: 1
    name: no population
    time: { start: 2025-04-01, step: year, horizon_years: 5 }
    states: [{ id: cic, label: Child in care }, { id: left, label: Left care, absorbing: true }]
    transitions: { per: step, matrices: [{ rows: { cic: { left: 0.2 } } }] }
    initial: { cic: 102 }
  `;

  it('has no rate table and no line of all children aged 0-17, and a note says why', async () => {
    const tables = projectionTables(await runYaml(MODEL));
    expect(tables.some((t) => t.title.startsWith('Rate per 10,000'))).toBe(false);
    const children = tables.find((t) => t.title === 'Children at 31 March')!;
    expect(children.columns).toEqual(['Year', 'Child in care']);
    expect(children.note).toContain('no population');
  });

  it('has no rate_per_10k rows in the tidy CSV, and a null population in the JSON', async () => {
    const p = await runYaml(MODEL);
    expect(tidyRows(p).some((r) => r[5] === 'rate_per_10k')).toBe(false);
    const json = projectionJson(p, 'test') as { has_population: boolean; periods: { population_0_17: number | null }[] };
    expect(json.has_population).toBe(false);
    expect(json.periods[0].population_0_17).toBeNull();
  });

  it('a model with a population keeps both', async () => {
    const tables = projectionTables(await project(loadModel('models/example.yaml'), { years: 5 }));
    expect(tables.some((t) => t.title.startsWith('Rate per 10,000'))).toBe(true);
    expect(tables[0].columns.at(-1)).toBe('All children 0-17');
  });
});

describe('the unit-cost table', () => {
  it('shows the cost for every child in care beside each placement, so each row adds up, and the blend at the start is £2,100', async () => {
    const model = loadModel('models/example.yaml');
    const t = unitCostTable(model, initialStock(await project(model, { years: 1 })));
    expect(t.columns).toEqual(['Unit cost', 'Own cost', '+ for every child: Child in care', 'All in']);
    const row = (label: string) => t.rows.find((r) => r[0] === label)!;
    // In-house foster £602 a week + £304.38 for every child in care = £906.38.
    expect(row('Care: in-house foster (incl. family and friends)').slice(1)).toEqual(['602.00', '304.38', '906.38']);
    expect(row('Child in need').slice(1)).toEqual(['170.00', '', '170.00']);
    for (const r of t.rows) if (r[2]) expect(Number(r[1].replace(/,/g, '')) + Number(r[2])).toBeCloseTo(Number(r[3].replace(/,/g, '')), 2);
    // s251's all-in £2,100 a week, blended over the 770 children in care at the start.
    expect(t.totalRows).toEqual([['Child in care, blended by the 770 children at the start', '', '', '2,100.00']]);
  });

  it('lists a placement mix with each type\'s share and weighted cost, adding up to its all-in cost', async () => {
    const model = loadModel('models/textbook/hiv-monotherapy.yaml');
    const mixed = {
      ...model,
      values: {
        ...model.values,
        costPerYear: { a: 5034 + (0.4 * 1000 + 0.6 * 2000) * WEEKS_PER_YEAR },
        mixes: [{ state: 'a', basePerYear: 5034, types: [{ id: 'x', label: 'X', share: 0.4, perYear: 1000 * WEEKS_PER_YEAR }, { id: 'y', label: 'Y', share: 0.6, perYear: 2000 * WEEKS_PER_YEAR }] }],
      },
    };
    const t = unitCostTable(mixed);
    expect(t.columns).toEqual(['Unit cost', 'Share', 'Own cost', 'All in']);
    expect(t.rows.map((r) => r.slice(1))).toEqual([
      // £5,034 a year is £96.48 a week; with the mix, 96.48 + 400 + 1,200 = 1,696.48.
      ['100%', '96.48 + mix', '1,696.48'],
      ['40%', '1,000.00', '400.00 weighted'],
      ['60%', '2,000.00', '1,200.00 weighted'],
    ]);
  });
});

describe('terminal tables', () => {
  const widest = (text: string) => Math.max(...text.split('\n').map((l) => Buffer.byteLength(l)));

  it('fit 100 columns (counted in bytes, as awk counts them) for run and compare of the example', async () => {
    const model = loadModel('models/example.yaml');
    const p = await project(model, { years: 10 });
    expect(widest(renderTerminal(model.name, projectionTables(p)))).toBeLessThanOrEqual(TERMINAL_WIDTH);
    const files = ['early-help', 'early-help-delayed', 'edge-of-care', 'reunification', 'fostering-recruitment', 'demand-surge', 'population-growth'];
    const sum = summariseComparison(await compareScenarios(model, files.map((f) => loadScenario(`scenarios/${f}.yaml`)), { years: 10 }));
    expect(widest(renderTerminal(model.name, comparisonTables(sum)))).toBeLessThanOrEqual(TERMINAL_WIDTH);
  });

  it('split a wide table into parts that each repeat the first column and together hold every column once', () => {
    const columns = ['Year', ...Array.from({ length: 12 }, (_, i) => `Column number ${i + 1}`)];
    const table: Table = { title: 'Wide', columns, rows: [['2025/26', ...columns.slice(1).map((_, i) => `${(i + 1) * 1000}.0`)]], totalRows: [], note: 'A note. '.repeat(30) };
    const text = renderTerminal('T', [table]);
    expect(widest(text)).toBeLessThanOrEqual(TERMINAL_WIDTH);
    const parts = text.split('\n').filter((l) => /^Wide \(\d of \d\)$/.test(l));
    expect(parts.length).toBeGreaterThan(1);
    expect(text.split('\n').filter((l) => l.startsWith('| 2025/26 ')).length).toBe(parts.length);
    for (let i = 1; i <= 12; i++) expect(text.split(` ${i * 1000}.0 |`).length - 1).toBe(1);
  });

  it('keep a table that fits whole, and its headings unwrapped where there is room', () => {
    const text = renderTerminal('T', [{ title: 'Small', columns: ['Year', 'Children'], rows: [['2025/26', '1,000']], totalRows: [] }]);
    expect(text).toContain('Small\n+');
    expect(text).toContain('| Year    | Children |');
  });
});
