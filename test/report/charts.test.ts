/**
 * What a board member sees in the charts: one colour per scenario in every chart, a legend in
 * the order of the stack, no label cut off (long ones wrapped, or the files' short labels with the
 * full names in the caption), fan charts with a key from the starting stock, the cost axis from
 * zero, a tornado marking the stated value and the inputs behind each bar, payback in the legend,
 * money in £ millions.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';
import { loadModel } from '../../src/model/load.js';
import type { Model } from '../../src/model/types.js';
import { childrenByState, costByScenario, cumulativeNetSaving, fanChart, sufficiencyCharts, tornadoChart, type ChartSpec } from '../../src/report/charts.js';
import { BASELINE_COLOUR, scenarioColour, wrapLabel } from '../../src/report/chart-style.js';
import { formatMoney, formatSignedMoney } from '../../src/report/format.js';
import { initialStock, summariseComparison, type ComparisonSummary } from '../../src/report/comparison.js';
import { renderSvg } from '../../src/report/svg.js';
import { inputText } from '../../src/report/tornado-inputs.js';
import { loadScenario } from '../../src/scenario/load.js';
import { compareScenarios } from '../../src/scenario/project.js';
import { monteCarlo, prepare, type MonteCarloResult } from '../../src/uncertainty/montecarlo.js';
import { sensitivity, type SensitivityParameter } from '../../src/uncertainty/sensitivity.js';

type Spec = Record<string, any>;
const layers = (c: ChartSpec): Spec[] => (c.spec.layer as Spec[] | undefined) ?? [c.spec];
/** The colour scale of the layer that has one: domain → colour. */
function colours(c: ChartSpec): Map<string, string> {
  const scale = layers(c).map((l) => l.encoding?.color?.scale).find((s) => s?.domain);
  return new Map((scale.domain as string[]).map((d, i) => [d, scale.range[i]]));
}
/** Text drawn in the SVG (tspans joined with spaces). */
const svgText = (svg: string) => [...svg.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((m) => m[1].replace(/<tspan[^>]*>/g, ' ').replace(/<\/tspan>/g, '').trim());

let model: Model;
let sum: ComparisonSummary;
let mc: MonteCarloResult;
// fostering recruitment changes places, so it is in the sufficiency chart too
const files = ['early-help', 'fostering-recruitment', 'edge-of-care'];

beforeAll(async () => {
  model = loadModel('models/example.yaml');
  sum = summariseComparison(await compareScenarios(model, files.map((f) => loadScenario(`scenarios/${f}.yaml`))));
  mc = await monteCarlo(model, [], { draws: 50, seed: 1 });
}, 60_000);

describe('colours', () => {
  it('each scenario has one colour in every chart, the baseline always the same', () => {
    const labels = sum.scenarios.map((s) => wrapLabel(s.name, 26));
    const cost = colours(costByScenario(sum));
    const saving = colours(cumulativeNetSaving(sum));
    const places = colours(sufficiencyCharts(sum)[0]);
    expect(cost.get('Baseline')).toBe(BASELINE_COLOUR);
    expect(places.get('Baseline')).toBe(BASELINE_COLOUR);
    labels.forEach((l, i) => {
      expect(cost.get(l)).toBe(scenarioColour(i));
      expect(saving.get(l)).toBe(scenarioColour(i));
    });
    expect(saving.has('Baseline')).toBe(false);
    // only the scenario that changes the places is in the sufficiency chart, in its own colour
    expect([...places.keys()]).toEqual(['Baseline', labels[1]]);
    expect(places.get(labels[1])).toBe(scenarioColour(1));
    expect(new Set(labels.map((_, i) => scenarioColour(i))).size).toBe(3);
  });
});

describe('children by state (stacked)', () => {
  it('lists the states in the legend from the top of the stack down', () => {
    const c = childrenByState(sum.baseline, 'universal');
    const values = (c.spec.data as Spec).values as { state: string; rank: number }[];
    const byRank = [...new Map(values.map((v) => [v.rank, v.state])).entries()].sort((a, b) => a[0] - b[0]).map((x) => x[1]);
    // stacked by rank from zero upwards; the legend (colour sort) is the reverse: the top first
    expect((c.spec.encoding as Spec).order).toEqual({ field: 'rank', type: 'quantitative', sort: 'ascending' });
    expect((c.spec.encoding as Spec).color.sort).toEqual([...byRank].reverse());
    expect(byRank[0]).toBe('Early help');
  });

  it("uses a state's short_label in the legend and gives the full label in the caption", async () => {
    const p = { ...sum.baseline, states: sum.baseline.states.map((s) => (s.id === 'in_house_foster' ? { ...s, shortLabel: 'In-house foster' } : s)) };
    const c = childrenByState(p, 'universal');
    expect((c.spec.encoding as Spec).color.sort).toContain('In-house foster');
    expect(c.description).toContain('In-house foster: Care: in-house foster (incl. family and friends).');
    const text = svgText(await renderSvg(c));
    expect(text).toContain('In-house foster');
  });
});

describe('short_label', () => {
  it('a state and a scenario may give one (not inherited by a scenario extending another); the report uses them in legends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-short-'));
    const text = readFileSync('models/example.yaml', 'utf8').replace('label: "Care: in-house foster (incl. family and friends)" }', 'label: "Care: in-house foster (incl. family and friends)", short_label: In-house foster }');
    writeFileSync(join(dir, 'model.yaml'), text.replace(/\.\.\/data\//g, `${process.cwd()}/data/`));
    const m = loadModel(join(dir, 'model.yaml'));
    expect(m.states.find((s) => s.id === 'in_house_foster')!.shortLabel).toBe('In-house foster');
    expect(m.states.find((s) => s.id === 'ifa')!.shortLabel).toBeUndefined();
    writeFileSync(join(dir, 'eh.yaml'), `carecast: 1\nscenario: Early help investment, short\nshort_label: Early help\nextends: ${process.cwd()}/scenarios/early-help.yaml\n`);
    writeFileSync(join(dir, 'later.yaml'), `carecast: 1\nscenario: Early help, extended again\nextends: ${join(dir, 'eh.yaml')}\n`);
    expect(loadScenario(join(dir, 'eh.yaml')).shortLabel).toBe('Early help');
    expect(loadScenario(join(dir, 'later.yaml')).shortLabel).toBeUndefined();
    const out = join(dir, 'report.html');
    const r = await runCli('report', join(dir, 'model.yaml'), join(dir, 'eh.yaml'), '--years', '5', '--out', out, '-q');
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    // legends (SVG text) use the short labels; the captions give the full names
    expect(html).toMatch(/<text[^>]*>(<tspan>)?In-house foster(<\/tspan>)?<\/text>/);
    expect(html).toMatch(/<text[^>]*>(<tspan>)?Early help(<\/tspan>)?<\/text>/);
    expect(html).toContain('In-house foster: Care: in-house foster (incl. family and friends).');
    expect(html).toContain('Early help: Early help investment, short.');
  }, 60_000);

  it('an empty short_label is refused, located', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carecast-short-'));
    writeFileSync(join(dir, 's.yaml'), 'carecast: 1\nscenario: X\nshort_label: ""\n');
    const r = await runCli('validate', 'models/example.yaml', join(dir, 's.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 's.yaml')}:3:1  short_label: a short label must not be empty`);
  });
});

describe('no label is cut off', () => {
  it('legends and tornado labels are drawn whole, on several lines where long', async () => {
    const t = sensitivity(await prepare(model, [loadScenario('scenarios/early-help.yaml')]));
    const charts = [childrenByState(sum.baseline, 'universal'), ...sufficiencyCharts(sum), costByScenario(sum), cumulativeNetSaving(sum), tornadoChart(t.rows, t.point.total10, t.measure, 10, 12, model)];
    for (const c of charts) {
      const text = svgText(await renderSvg(c));
      // Vega ends a label over its limit with an ellipsis
      expect(text.filter((x) => x.includes('…')), c.id).toEqual([]);
    }
    const legend = svgText(await renderSvg(costByScenario(sum)));
    expect(legend).toContain('Edge-of-care service for adolescents');
    const tornado = svgText(await renderSvg(charts[charts.length - 1]));
    expect(tornado).toContain('Fewer step-ups from early help to social care (scenario)');
  }, 60_000);

  it('puts short labels in the legend and the full names in the caption', async () => {
    const c = costByScenario(sum, { scenarios: ['Early help', 'Fostering', 'Edge of care'] });
    expect([...colours(c).keys()]).toEqual(['Baseline', 'Early help', 'Fostering', 'Edge of care']);
    expect(c.description).toContain('Edge of care: Edge-of-care service for adolescents');
    expect(svgText(await renderSvg(c))).toContain('Edge of care');
  });

  it('wraps text at spaces, never cutting a word', () => {
    expect(wrapLabel('Edge-of-care service for adolescents', 20)).toBe('Edge-of-care service\nfor adolescents');
    expect(wrapLabel('Short', 20)).toBe('Short');
    expect(wrapLabel('an-unbreakable-long-word here', 5)).toBe('an-unbreakable-long-word\nhere');
  });
});

describe('fan charts', () => {
  it('start at the starting stock and have a key for the median, 50% and 90% bands', async () => {
    const c = fanChart(mc, sum.baseline, 'cic');
    const values = (c.spec.data as Spec).values as Spec[];
    const cic = model.groups.find((g) => g.id === 'cic')!.states.map((id) => model.states.findIndex((s) => s.id === id));
    const start = Math.round(cic.reduce((t, i) => t + initialStock(sum.baseline)[i], 0));
    expect(values[0]).toEqual({ year: 'Start', p5: start, p25: start, p50: start, p75: start, p95: start });
    expect(start).toBe(770);
    expect(c.description).toContain('from 770 at the start');
    const text = svgText(await renderSvg(c));
    for (const k of ['Median', 'Half the draws (50%)', '90% of the draws']) expect(text).toContain(k);
  });
});

describe('cost and net saving', () => {
  it("the cost chart's axis starts at zero; money is in £ millions", () => {
    const c = costByScenario(sum);
    expect((c.spec.encoding as Spec).y.scale.zero).toBe(true);
    expect(c.title).toContain('£ millions');
    const last = sum.baselineYears[sum.baselineYears.length - 1];
    expect(c.description).toContain(`baseline ${formatMoney(last.totalCost)}`);
    expect(c.description).toMatch(/baseline £\d{3}\.\dm/);
  });

  it('the payback markers are in the legend', async () => {
    const c = cumulativeNetSaving(sum);
    const marker = layers(c).find((l) => l.encoding?.shape);
    expect(marker?.encoding.shape.legend).not.toBeNull();
    expect(svgText(await renderSvg(c))).toContain('Payback year');
  });

  it('formats £ millions with one decimal and a sign where asked', () => {
    expect(formatMoney(1_450_119_000)).toBe('£1,450.1m');
    expect(formatMoney(-3_249_000)).toBe('-£3.2m');
    expect(formatMoney(-40_000)).toBe('£0.0m');
    expect(formatSignedMoney(17_682_175)).toBe('+£17.7m');
    expect(formatSignedMoney(0)).toBe('£0.0m');
  });
});

describe('tornado', () => {
  it('marks the stated value with a line and writes the input value at the end of each bar, with its unit', async () => {
    const t = sensitivity(await prepare(model, [loadScenario('scenarios/early-help.yaml')]));
    const c = tornadoChart(t.rows, t.point.total10, t.measure, 10, 12, model);
    const rule = layers(c).find((l) => (l.mark as Spec).type === 'rule')!;
    expect(rule.data.values).toEqual([{ point: Math.round(t.point.total10 / 1000) / 1000 }]);
    const values = (c.spec.data as Spec).values as Spec[];
    expect(values).toHaveLength(24);
    const text = svgText(await renderSvg(c));
    for (const v of values) expect(text).toContain(v.input);
    // a unit cost in £ a week, a leaving probability a month, growth a year, a scenario factor
    expect(values.map((v) => v.input).join(' ')).toMatch(/£[\d,]+ a week/);
    expect(values.map((v) => v.input).join(' ')).toMatch(/\d% a month/);
    expect(values.map((v) => v.input).join(' ')).toMatch(/% a year/);
    expect(values.map((v) => v.input)).toContain('×0.65');
    expect(c.description).toContain(`(${formatMoney(t.point.total10)}, the vertical line)`);
  }, 60_000);

  it('states input values in their units', () => {
    const p = (unit: string, label = 'x'): SensitivityParameter => ({ label, source: 'model', low: 0, high: 0, unit, set: () => {} });
    expect(inputText(p('probability of leaving in a step'), 0.029, model)).toBe('2.9% a month');
    expect(inputText(p('probability a step'), 0.0012, model)).toBe('0.12% a month');
    expect(inputText(p('a year'), 0.00513, model)).toBe('+0.51% a year');
    expect(inputText(p('a year'), -0.00513, model)).toBe('-0.51% a year');
    expect(inputText(p('factor'), 0.65, model)).toBe('×0.65');
    // child protection plan: £580 a week in the example (s251-based), × 1.2
    const cpp = model.values.costPerYear.cpp;
    expect(inputText(p('factor on the unit cost', 'unit cost of child protection plan'), 1.2, model)).toBe(`£${Math.round((cpp * 1.2) / (365.25 / 7)).toLocaleString('en-GB')} a week`);
    expect(inputText({ ...p('variant'), lowText: 'Principal' }, 0, model, 'low')).toBe('Principal');
  });
});
