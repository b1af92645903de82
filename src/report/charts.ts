/**
 * Chart specifications (Vega-Lite) for the board report, as plain data: numbers are rounded so
 * the specs stay stable and can be kept as golden files. `svg.ts` renders them. Every chart gives
 * a scenario the same colour (the baseline always its own), draws long labels on several lines
 * (or uses the files' `short_label`, the full name in the caption) and shows money in £ millions.
 */
import { isChildState } from './summary.js';
import type { Projection } from '../engine/project.js';
import type { Model } from '../model/types.js';
import type { MonteCarloResult } from '../uncertainty/montecarlo.js';
import { summariseDraws } from '../uncertainty/summary.js';
import type { SensitivityRow } from '../uncertainty/sensitivity.js';
import { BASELINE_COLOUR, LINES, scenarioColour, wrapLabel } from './chart-style.js';
import { formatMoney, formatSignedMoney } from './format.js';
import type { ComparisonSummary } from './comparison.js';
import { initialStock } from './comparison.js';
import { summarise } from './summary.js';
import { sufficiency } from './sufficiency.js';
import { inputText } from './tornado-inputs.js';

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
/** £ millions, kept to £1,000 so the specs stay stable. */
const millions = (x: number) => round(x / 1e6, 3);
const fmt = (x: number) => Math.round(x).toLocaleString('en-GB');
/** Characters a legend line holds before it wraps. */
const LEGEND_WRAP = 26;

/** Names of the scenarios in charts: the `short_label` each file gives, or its name. */
export interface ChartLabels {
  /** One per scenario of the comparison, in its order. */
  scenarios?: string[];
}

/** The x axis of a chart by financial year, labels slanted so ten years fit. */
function yearAxis(title: string): Record<string, unknown> {
  return { field: 'year', type: 'ordinal', sort: null, title, axis: { labelAngle: -40 } };
}

function base(title: string, description: string): Record<string, unknown> {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title, description, width: WIDTH, height: HEIGHT };
}

/**
 * A legend whose long labels are drawn on several lines. The limit is generous: without a canvas
 * Vega estimates text widths high, and a label over its limit would be cut off.
 */
function legend(title: string | null, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { title, labelExpr: LINES, labelLimit: 400, ...extra };
}

/** Each scenario's chart label (wrapped) and colour, in the comparison's order. */
function arms(sum: ComparisonSummary, labels: ChartLabels = {}): { label: string; colour: string }[] {
  return sum.scenarios.map((s, i) => ({ label: wrapLabel(labels.scenarios?.[i] ?? s.name, LEGEND_WRAP), colour: scenarioColour(i) }));
}

/** The full names of scenarios shown by a short label, for the caption ("" when none is). */
function fullNames(sum: ComparisonSummary, labels: ChartLabels = {}): string {
  const shortened = sum.scenarios.map((s, i) => ({ s, short: labels.scenarios?.[i] })).filter((x) => x.short && x.short !== x.s.name);
  return shortened.length ? ` ${shortened.map((x) => `${x.short}: ${x.s.name}`).join('; ')}.` : '';
}

/** Children in each active state except the entry state, at 31 March, stacked; the legend lists the states top to bottom as they stack. */
export function childrenByState(p: Projection, entryState?: string): ChartSpec {
  const states = p.states.filter((s, i) => isChildState(p, i) && s.id !== entryState);
  const label = (s: (typeof states)[number]) => wrapLabel(s.shortLabel ?? s.label, LEGEND_WRAP);
  const start = initialStock(p);
  const years = summarise(p);
  // `rank` stacks the first state at the bottom; the legend lists the top of the stack first.
  const values = [
    ...states.map((s, r) => ({ year: 'Start', state: label(s), rank: r, children: round(start[p.states.indexOf(s)]) })),
    ...years.flatMap((y) => states.map((s, r) => ({ year: y.label, state: label(s), rank: r, children: round(y.stock[p.states.indexOf(s)]) }))),
  ];
  const last = years[years.length - 1];
  const short = states.filter((s) => s.shortLabel && s.shortLabel !== s.label);
  const description = `Children at 31 March in ${states.map((s) => s.label.toLowerCase()).join(', ')}, stacked (the legend lists them from the top of the stack), from the start (${fmt(states.reduce((t, s) => t + start[p.states.indexOf(s)], 0))} children) to ${last.label} (${fmt(states.reduce((t, s) => t + last.stock[p.states.indexOf(s)], 0))}).${short.length ? ` ${short.map((s) => `${s.shortLabel}: ${s.label}`).join('; ')}.` : ''}`;
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
        color: { field: 'state', type: 'nominal', sort: states.map(label).reverse(), legend: legend('State') },
        order: { field: 'rank', type: 'quantitative', sort: 'ascending' },
      },
    },
  };
}

/** Colours of the fan chart's median and bands, and their names in its key. */
const FAN_KEY = { domain: ['Median', 'Half the draws (50%)', '90% of the draws'], range: ['#08519c', '#6baed6', '#c6dbef'] };

/** A fan chart of one state (or group) over the draws: median, 50% and 90% bands with a key, from the starting stock. */
export function fanChart(mc: MonteCarloResult, p: Projection, stateId: string, arm = 'baseline'): ChartSpec {
  const state = mc.states.find((s) => s.id === stateId) ?? mc.groups.find((g) => g.id === stateId)!;
  const members = mc.groups.find((g) => g.id === stateId)?.states ?? [mc.states.findIndex((s) => s.id === stateId)];
  const stock = initialStock(p);
  const start = round(members.reduce((t, i) => t + stock[i], 0));
  const figures = summariseDraws(mc).filter((f) => f.arm === arm && f.item === stateId && f.measure === 'children_end');
  const values = [
    { year: 'Start', p5: start, p25: start, p50: start, p75: start, p95: start },
    ...figures.map((f) => ({ year: f.period, p5: round(f.stats.p5), p25: round(f.stats.p25), p50: round(f.stats.p50), p75: round(f.stats.p75), p95: round(f.stats.p95) })),
  ];
  const last = values[values.length - 1];
  const title = `${state.label}: projection with 50% and 90% intervals`;
  const description = `${state.label} at 31 March over ${mc.draws.toLocaleString('en-GB')} draws, from ${fmt(start)} at the start: in ${last.year} the median is ${fmt(last.p50)}, half the draws lie between ${fmt(last.p25)} and ${fmt(last.p75)}, and 90% between ${fmt(last.p5)} and ${fmt(last.p95)}.`;
  const x = yearAxis('Financial year (31 March)');
  const key = (band: string) => ({ datum: band, type: 'nominal', scale: FAN_KEY, legend: legend(null, { orient: 'bottom', direction: 'horizontal' }) });
  return {
    id: `fan-${stateId}`,
    title,
    description,
    spec: {
      ...base(title, description),
      data: { values },
      layer: [
        { mark: { type: 'area' }, encoding: { x, y: { field: 'p5', type: 'quantitative', title: 'Children', scale: { zero: false } }, y2: { field: 'p95' }, color: key(FAN_KEY.domain[2]) } },
        { mark: { type: 'area' }, encoding: { x, y: { field: 'p25', type: 'quantitative' }, y2: { field: 'p75' }, color: key(FAN_KEY.domain[1]) } },
        { mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: { field: 'p50', type: 'quantitative' }, color: key(FAN_KEY.domain[0]) } },
      ],
    },
  };
}

/** Cost of services plus programme cost per year, baseline and each scenario (£ millions, from zero). */
export function costByScenario(sum: ComparisonSummary, labels: ChartLabels = {}): ChartSpec {
  const named = arms(sum, labels);
  const values = [
    ...sum.baselineYears.map((y) => ({ year: y.label, arm: 'Baseline', cost: millions(y.totalCost) })),
    ...sum.scenarios.flatMap((s, i) => s.years.map((y) => ({ year: y.label, arm: named[i].label, cost: millions(y.grossCost + y.programmeCost) }))),
  ];
  const lastYear = sum.baselineYears[sum.baselineYears.length - 1];
  const title = 'Cost per year by scenario (£ millions, cash)';
  const description = `Cost of services plus programme cost each financial year, on an axis from zero. In ${lastYear.label}: baseline ${formatMoney(lastYear.totalCost)}${sum.scenarios.map((s) => { const y = s.years[s.years.length - 1]; return `, ${s.name} ${formatMoney(y.grossCost + y.programmeCost)}`; }).join('')}.${fullNames(sum, labels)}`;
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
        y: { field: 'cost', type: 'quantitative', title: '£ millions', scale: { zero: true } },
        color: { field: 'arm', type: 'nominal', scale: { domain: ['Baseline', ...named.map((a) => a.label)], range: [BASELINE_COLOUR, ...named.map((a) => a.colour)] }, legend: legend('Scenario') },
      },
    },
  };
}

/** Cumulative net saving per scenario, with each payback year marked (and named in the legend). */
export function cumulativeNetSaving(sum: ComparisonSummary, labels: ChartLabels = {}): ChartSpec {
  const named = arms(sum, labels);
  const values = sum.scenarios.flatMap((s, i) => s.years.map((y) => ({ year: y.label, scenario: named[i].label, saving: millions(y.cumulativeNetSaving) })));
  const payback = sum.scenarios.flatMap((s, i) => (s.payback.status === 'paid_back' ? [{ year: s.payback.label, scenario: named[i].label, saving: millions(s.years[s.payback.period].cumulativeNetSaving), marker: 'Payback year' }] : []));
  const title = 'Cumulative net saving against the baseline (£ millions, cash)';
  const description = sum.scenarios
    .map((s) => `${s.name}: ${s.payback.status === 'paid_back' ? `pays back in ${s.payback.label}` : 'does not pay back within the horizon'}, cumulative net saving ${formatSignedMoney(s.years[s.years.length - 1].cumulativeNetSaving)} by ${s.years[s.years.length - 1].label}`)
    .join('; ') + `. Diamonds mark the payback years.${fullNames(sum, labels)}`;
  const x = yearAxis('Financial year');
  return {
    id: 'cumulative-net-saving',
    title,
    description,
    spec: {
      ...base(title, description),
      layer: [
        { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#666', strokeDash: [4, 4] }, encoding: { y: { field: 'zero', type: 'quantitative' } } },
        { data: { values }, mark: { type: 'line', point: true }, encoding: { x, y: { field: 'saving', type: 'quantitative', title: '£ millions' }, color: { field: 'scenario', type: 'nominal', scale: { domain: named.map((a) => a.label), range: named.map((a) => a.colour) }, legend: legend('Scenario') } } },
        ...(payback.length ? [{ data: { values: payback }, mark: { type: 'point', size: 160, filled: true, color: '#000' }, encoding: { x, y: { field: 'saving', type: 'quantitative' }, shape: { field: 'marker', type: 'nominal', scale: { range: ['diamond'] }, legend: legend(null) } } }] : []),
      ],
    },
  };
}

/** Characters a tornado label line holds before it wraps. */
const TORNADO_WRAP = 36;

/**
 * The tornado: each parameter's low and high outcome as a bar from the stated-value outcome (a
 * line), each bar's end labelled with the input value that gives it (£, probability a month, growth a year).
 */
export function tornadoChart(rows: SensitivityRow[], point: number, measure: string, years: number, top = 12, model?: Model): ChartSpec {
  const pick = (o: SensitivityRow['low']) => (years >= 10 ? o.total10 : o.total5);
  const shown = rows.slice(0, top);
  const label = (r: SensitivityRow) => wrapLabel(r.parameter.source === 'model' ? r.parameter.label : `${r.parameter.label} (scenario)`, TORNADO_WRAP);
  const values = shown.flatMap((r) => (['low', 'high'] as const).map((end) => ({
    parameter: label(r),
    end: `${end} value`,
    from: millions(point),
    to: millions(pick(r[end])),
    input: inputText(r.parameter, r.parameter[end], model, end),
  })));
  const lines = Math.max(1, ...shown.map((r) => label(r).split('\n').length));
  const span = years >= 10 ? 10 : 5;
  const title = `Sensitivity of the ${span}-year ${measure} (£ millions)`;
  const description = `Each bar runs from the ${span}-year ${measure} at the stated values (${formatMoney(point)}, the vertical line) to its value with one parameter at its low or high value, the value written at the bar's end. Largest swing: ${shown[0] ? `${shown[0].parameter.label} (${inputText(shown[0].parameter, shown[0].parameter.low, model, 'low')} to ${inputText(shown[0].parameter, shown[0].parameter.high, model, 'high')}), ${formatMoney(shown[0].swing)}` : 'none'}.`;
  // Explicit orders: the text layers' filtered data would otherwise make Vega sort the union of domains.
  const y = { field: 'parameter', type: 'nominal', sort: shown.map(label), title: null, axis: { labelExpr: LINES, labelLimit: 400 } };
  const yOffset = { field: 'end', type: 'nominal', sort: ['low value', 'high value'] };
  const text = (filter: string, align: 'left' | 'right') => ({
    transform: [{ filter }],
    mark: { type: 'text', align, dx: align === 'left' ? 4 : -4, fontSize: 9, color: '#333' },
    encoding: { y, x: { field: 'to', type: 'quantitative' }, text: { field: 'input' }, yOffset },
  });
  return {
    id: 'tornado',
    title,
    description,
    spec: {
      ...base(title, description),
      width: 420,
      height: Math.max(120, shown.length * Math.max(30, 14 * lines + 6)),
      data: { values },
      layer: [
        {
          mark: 'bar',
          encoding: {
            y,
            yOffset,
            x: { field: 'from', type: 'quantitative', title: '£ millions', scale: { zero: false, padding: 60 } },
            x2: { field: 'to' },
            color: { field: 'end', type: 'nominal', title: 'Parameter at its', scale: { domain: ['low value', 'high value'], range: ['#4c78a8', '#f58518'] } },
          },
        },
        text('datum.to >= datum.from', 'left'),
        text('datum.to < datum.from', 'right'),
        { data: { values: [{ point: millions(point) }] }, mark: { type: 'rule', color: '#000', strokeWidth: 1.5 }, encoding: { x: { field: 'point', type: 'quantitative' } } },
      ],
    },
  };
}

/** Places held against places needed for each capacity: the baseline, and each scenario that changes the places, in its colour (held solid, needed dashed). */
export function sufficiencyCharts(sum: ComparisonSummary, labels: ChartLabels = {}): ChartSpec[] {
  const named = arms(sum, labels);
  return sufficiency(sum.baseline).map((b, c) => {
    const changed = sum.scenarios.map((s, i) => ({ s, i })).filter(({ s }) => s.sufficiency[c].years.some((y, k) => Math.abs(y.places - b.years[k].places) > 1e-9));
    const rows = (arm: string, years: typeof b.years) => years.flatMap((y) => [
      { year: y.label, arm, line: 'Places held', children: round(y.places) },
      { year: y.label, arm, line: 'Places needed', children: round(y.demand) },
    ]);
    const values = [...rows('Baseline', b.years), ...changed.flatMap(({ s, i }) => rows(named[i].label, s.sufficiency[c].years))];
    const last = b.years[b.years.length - 1];
    const title = `${b.label}: places held and places needed at 31 March`;
    const description = `In ${last.label} the baseline holds ${fmt(last.places)} places against ${fmt(last.demand)} needed, so ${fmt(last.overflow)} children are placed instead in ${b.overflowLabel.toLowerCase()}${changed.map(({ s }) => {
      const y = s.sufficiency[c].years[s.sufficiency[c].years.length - 1];
      return `; ${s.name}: ${fmt(y.places)} places against ${fmt(y.demand)} needed, ${fmt(y.overflow)} placed instead`;
    }).join('')}. Solid lines are places held, dashed lines places needed.`;
    const x = yearAxis('Financial year (31 March)');
    return {
      id: `sufficiency-${b.state.replace(/_/g, '-')}`,
      title,
      description,
      spec: {
        ...base(title, description),
        data: { values },
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y: { field: 'children', type: 'quantitative', title: 'Places / children' },
          color: { field: 'arm', type: 'nominal', scale: { domain: ['Baseline', ...changed.map(({ i }) => named[i].label)], range: [BASELINE_COLOUR, ...changed.map(({ i }) => named[i].colour)] }, legend: legend('Scenario') },
          strokeDash: { field: 'line', type: 'nominal', scale: { domain: ['Places held', 'Places needed'], range: [[1, 0], [5, 3]] }, legend: legend('Line', { symbolType: 'stroke', symbolStrokeWidth: 2, encode: { symbols: { update: { stroke: { value: '#000' } } } } }) },
          detail: { field: 'line' },
        },
      },
    };
  });
}
