/**
 * Chart specifications (Vega-Lite) for the board report, as plain data: numbers are rounded so
 * the specs stay stable and can be kept as golden files. `svg.ts` renders them.
 */
import type { Projection } from '../engine/project.js';
import type { MonteCarloResult } from '../uncertainty/montecarlo.js';
import { summariseDraws } from '../uncertainty/summary.js';
import type { SensitivityRow } from '../uncertainty/sensitivity.js';
import type { ComparisonSummary } from './comparison.js';
import { initialStock } from './comparison.js';
import { summarise } from './summary.js';
import { sufficiency } from './sufficiency.js';

/** A Vega-Lite specification with the text a reader gets instead of the picture. */
export interface ChartSpec {
  id: string;
  title: string;
  /** Text alternative: what the chart shows, in a sentence or two with the key numbers. */
  description: string;
  spec: Record<string, unknown>;
}

const WIDTH = 560;
const HEIGHT = 260;
const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d + 0;
const thousands = (x: number) => round(x / 1000);
const fmt = (x: number) => Math.round(x).toLocaleString('en-GB');

/** The x axis of a chart by financial year, labels slanted so ten years fit. */
function yearAxis(title: string): Record<string, unknown> {
  return { field: 'year', type: 'ordinal', sort: null, title, axis: { labelAngle: -40 } };
}

function base(title: string, description: string): Record<string, unknown> {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title, description, width: WIDTH, height: HEIGHT };
}

/** Children in each active state except the entry state, at 31 March, stacked. */
export function childrenByState(p: Projection, entryState?: string): ChartSpec {
  const states = p.states.filter((s) => !s.absorbing && s.id !== entryState);
  const start = initialStock(p);
  const years = summarise(p);
  const values = [
    ...states.map((s) => ({ year: 'Start', state: s.label, children: round(start[p.states.indexOf(s)]) })),
    ...years.flatMap((y) => states.map((s) => ({ year: y.label, state: s.label, children: round(y.stock[p.states.indexOf(s)]) }))),
  ];
  const last = years[years.length - 1];
  const description = `Children at 31 March in ${states.map((s) => s.label.toLowerCase()).join(', ')}, stacked, from the start (${fmt(states.reduce((t, s) => t + start[p.states.indexOf(s)], 0))} children) to ${last.label} (${fmt(states.reduce((t, s) => t + last.stock[p.states.indexOf(s)], 0))}).`;
  const title = 'Children by state at 31 March (baseline)';
  return {
    id: 'children-by-state',
    title,
    description,
    spec: {
      ...base(title, description),
      data: { values },
      mark: { type: 'area', line: true },
      encoding: {
        x: yearAxis('Financial year (31 March)'),
        y: { field: 'children', type: 'quantitative', stack: 'zero', title: 'Children' },
        color: { field: 'state', type: 'nominal', sort: states.map((s) => s.label), title: 'State' },
      },
    },
  };
}

/** A fan chart of one state over the draws: median, 50% and 90% bands. */
export function fanChart(mc: MonteCarloResult, stateId: string, arm = 'baseline'): ChartSpec {
  const state = mc.states.find((s) => s.id === stateId) ?? mc.groups.find((g) => g.id === stateId)!;
  const figures = summariseDraws(mc).filter((f) => f.arm === arm && f.item === stateId && f.measure === 'children_end');
  const values = figures.map((f) => ({ year: f.period, p5: round(f.stats.p5), p25: round(f.stats.p25), p50: round(f.stats.p50), p75: round(f.stats.p75), p95: round(f.stats.p95) }));
  const last = values[values.length - 1];
  const title = `${state.label}: projection with 50% and 90% intervals`;
  const description = `${state.label} at 31 March over ${mc.draws.toLocaleString('en-GB')} draws: in ${last.year} the median is ${fmt(last.p50)}, half the draws lie between ${fmt(last.p25)} and ${fmt(last.p75)}, and 90% between ${fmt(last.p5)} and ${fmt(last.p95)}.`;
  const x = yearAxis('Financial year (31 March)');
  return {
    id: `fan-${stateId}`,
    title,
    description,
    spec: {
      ...base(title, description),
      data: { values },
      layer: [
        { mark: { type: 'area', opacity: 0.25 }, encoding: { x, y: { field: 'p5', type: 'quantitative', title: 'Children', scale: { zero: false } }, y2: { field: 'p95' } } },
        { mark: { type: 'area', opacity: 0.45 }, encoding: { x, y: { field: 'p25', type: 'quantitative' }, y2: { field: 'p75' } } },
        { mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: { field: 'p50', type: 'quantitative' } } },
      ],
    },
  };
}

/** Cost of services plus programme cost per year, baseline and each scenario (£ thousands). */
export function costByScenario(sum: ComparisonSummary): ChartSpec {
  const values = [
    ...sum.baselineYears.map((y) => ({ year: y.label, arm: 'Baseline', cost: thousands(y.totalCost) })),
    ...sum.scenarios.flatMap((s) => s.years.map((y) => ({ year: y.label, arm: s.name, cost: thousands(y.grossCost + y.programmeCost) }))),
  ];
  const lastYear = sum.baselineYears[sum.baselineYears.length - 1];
  const title = 'Cost per year by scenario (£ thousands, cash)';
  const description = `Cost of services plus programme cost each financial year. In ${lastYear.label}: baseline £${fmt(lastYear.totalCost / 1000)}k${sum.scenarios.map((s) => { const y = s.years[s.years.length - 1]; return `, ${s.name} £${fmt((y.grossCost + y.programmeCost) / 1000)}k`; }).join('')}.`;
  return {
    id: 'cost-by-scenario',
    title,
    description,
    spec: {
      ...base(title, description),
      data: { values },
      mark: { type: 'line', point: true },
      encoding: {
        x: yearAxis('Financial year'),
        y: { field: 'cost', type: 'quantitative', title: '£ thousands', scale: { zero: false } },
        color: { field: 'arm', type: 'nominal', title: 'Scenario', sort: null },
      },
    },
  };
}

/** Cumulative net saving per scenario, with each payback year marked. */
export function cumulativeNetSaving(sum: ComparisonSummary): ChartSpec {
  const values = sum.scenarios.flatMap((s) => s.years.map((y) => ({ year: y.label, scenario: s.name, saving: thousands(y.cumulativeNetSaving) })));
  const payback = sum.scenarios.flatMap((s) => (s.payback.status === 'paid_back' ? [{ year: s.payback.label, scenario: s.name, saving: thousands(s.years[s.payback.period].cumulativeNetSaving), label: `pays back ${s.payback.label}` }] : []));
  const title = 'Cumulative net saving against the baseline (£ thousands, cash)';
  const description = sum.scenarios
    .map((s) => `${s.name}: ${s.payback.status === 'paid_back' ? `pays back in ${s.payback.label}` : 'does not pay back within the horizon'}, cumulative net saving £${fmt(s.years[s.years.length - 1].cumulativeNetSaving / 1000)}k by ${s.years[s.years.length - 1].label}`)
    .join('; ') + '.';
  const x = yearAxis('Financial year');
  return {
    id: 'cumulative-net-saving',
    title,
    description,
    spec: {
      ...base(title, description),
      layer: [
        { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#666', strokeDash: [4, 4] }, encoding: { y: { field: 'zero', type: 'quantitative' } } },
        { data: { values }, mark: { type: 'line', point: true }, encoding: { x, y: { field: 'saving', type: 'quantitative', title: '£ thousands' }, color: { field: 'scenario', type: 'nominal', title: 'Scenario', sort: null } } },
        { data: { values: payback }, mark: { type: 'point', shape: 'diamond', size: 160, filled: true, color: '#000' }, encoding: { x, y: { field: 'saving', type: 'quantitative' }, tooltip: { field: 'label' } } },
      ],
    },
  };
}

/** The tornado: each parameter's low and high outcome as a bar around the stated-value outcome. */
export function tornadoChart(rows: SensitivityRow[], point: number, measure: string, years: number, top = 12): ChartSpec {
  const pick = (o: SensitivityRow['low']) => (years >= 10 ? o.total10 : o.total5);
  const shown = rows.slice(0, top);
  const values = shown.flatMap((r) => [
    { parameter: r.parameter.label, end: 'low value', from: thousands(point), to: thousands(pick(r.low)) },
    { parameter: r.parameter.label, end: 'high value', from: thousands(point), to: thousands(pick(r.high)) },
  ]);
  const span = years >= 10 ? 10 : 5;
  const title = `Sensitivity of the ${span}-year ${measure} (£ thousands)`;
  const description = `Each bar runs from the ${span}-year ${measure} at the stated values (£${fmt(point / 1000)}k) to its value with one parameter at its low or high value. Largest swing: ${shown[0] ? `${shown[0].parameter.label}, £${fmt(shown[0].swing / 1000)}k` : 'none'}.`;
  return {
    id: 'tornado',
    title,
    description,
    spec: {
      ...base(title, description),
      height: Math.max(120, shown.length * 26),
      data: { values },
      mark: 'bar',
      encoding: {
        y: { field: 'parameter', type: 'nominal', sort: null, title: null, axis: { labelLimit: 340 } },
        x: { field: 'from', type: 'quantitative', title: '£ thousands', scale: { zero: false } },
        x2: { field: 'to' },
        color: { field: 'end', type: 'nominal', title: 'Parameter at its', scale: { range: ['#4c78a8', '#f58518'] } },
      },
    },
  };
}

/** Places held against places needed for each capacity: the baseline, and each scenario that changes the places (held and needed). */
export function sufficiencyCharts(sum: ComparisonSummary): ChartSpec[] {
  return sufficiency(sum.baseline).map((b, c) => {
    const changed = sum.scenarios.filter((s) => s.sufficiency[c].years.some((y, k) => Math.abs(y.places - b.years[k].places) > 1e-9));
    const values = [
      ...b.years.map((y) => ({ year: y.label, line: 'Held, baseline', children: round(y.places) })),
      ...b.years.map((y) => ({ year: y.label, line: 'Needed, baseline', children: round(y.demand) })),
      ...changed.flatMap((s) => s.sufficiency[c].years.flatMap((y) => [
        { year: y.label, line: `Held, ${s.name}`, children: round(y.places) },
        { year: y.label, line: `Needed, ${s.name}`, children: round(y.demand) },
      ])),
    ];
    const last = b.years[b.years.length - 1];
    const title = `${b.label}: places held and places needed at 31 March`;
    const description = `In ${last.label} the baseline holds ${fmt(last.places)} places against ${fmt(last.demand)} needed, so ${fmt(last.overflow)} children are placed instead in ${b.overflowLabel.toLowerCase()}${changed.map((s) => {
      const y = s.sufficiency[c].years[s.sufficiency[c].years.length - 1];
      return `; ${s.name}: ${fmt(y.places)} places against ${fmt(y.demand)} needed, ${fmt(y.overflow)} placed instead`;
    }).join('')}.`;
    const x = yearAxis('Financial year (31 March)');
    return {
      id: `sufficiency-${b.state.replace(/_/g, '-')}`,
      title,
      description,
      spec: {
        ...base(title, description),
        data: { values },
        mark: { type: 'line', point: true },
        encoding: { x, y: { field: 'children', type: 'quantitative', title: 'Places / children' }, color: { field: 'line', type: 'nominal', title: 'Places', sort: null, legend: { labelLimit: 360, orient: 'bottom', direction: 'vertical' } }, strokeDash: { condition: { test: "indexof(datum.line, 'Needed') === 0", value: [5, 3] }, value: [1, 0] } },
      },
    };
  });
}
