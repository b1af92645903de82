/**
 * The planner's page as HTML text: each scenario's controls, and the results of a comparison
 * (headline table, charts, then every table `carecast compare` prints, from the same functions).
 * Pure string building, shared by the browser entry and the tests.
 */
import { careStates } from '../model/care.js';
import { scenarioColour, BASELINE_COLOUR } from '../report/chart-style.js';
import type { ComparisonSummary } from '../report/comparison.js';
import { comparisonTables, formatPayback, formatSigned } from '../report/comparison-tables.js';
import { formatCount, formatMillions, formatMoney, MONEY_UNIT, type Table } from '../report/format.js';
import { escapeHtml, tableHtml } from '../report/html-table.js';
import type { Lever } from '../scenario/levers.js';
import { lineChartHtml } from './line-chart.js';
import type { PlannerScenario } from './state.js';

/** A slider's settings for a lever: bounds, step and the decimals a value is rounded to. */
export interface SliderSpec {
  min: number;
  max: number;
  step: number;
  decimals: number;
}

/**
 * The slider of a number lever: its default range (widened to hold the value as set), a step of
 * a hundredth of a factor or share, a month, a unit, or a round sum of money.
 *
 * @example
 * sliderOf(fewerStepUps); // { min: 0.6, max: 1, step: 0.01, decimals: 2 }
 */
export function sliderOf(l: Lever, value = l.stated as number): SliderSpec {
  const fine = l.unit === 'probability' && (l.field === 'add' || l.field === 'set');
  const [lo, hi] = l.range ?? [0, 1];
  let step = 1;
  if (l.unit === 'factor' || (l.unit === 'probability' && !fine)) step = 0.01;
  else if (fine) step = 0.0001;
  else if (l.unit === 'pounds' || l.unit === 'pounds_per_year' || l.unit === 'pounds_per_week') step = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(hi - lo, 1) / 100)));
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const round = (v: number) => Number(v.toFixed(decimals));
  return { min: round(Math.min(lo, value)), max: round(Math.max(hi, value)), step, decimals };
}

const pounds = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** A lever's value in words: `relative risk 0.80`, `× 1.25`, `50%`, `12 months`, `£900,000 a year`. */
export function leverText(l: Lever, v: number | string): string {
  if (typeof v === 'string') return v;
  const { decimals } = sliderOf(l, v);
  switch (l.unit) {
    case 'factor':
      return l.field === 'relative_risk' ? `relative risk ${v.toFixed(decimals)}` : `× ${v.toFixed(decimals)}`;
    case 'probability':
      return l.field === 'add' || l.field === 'set' ? `${l.field === 'add' && v > 0 ? '+' : ''}${v.toFixed(4)} a ${l.field === 'add' ? 'step, added' : 'step'}` : `${(v * 100).toFixed(0)}%`;
    case 'months':
      return `${v} month${v === 1 ? '' : 's'}`;
    case 'pounds_per_year':
      return `£${pounds.format(v)} a year`;
    case 'pounds_per_week':
      return `£${pounds.format(v)} a week`;
    case 'pounds':
      return `£${pounds.format(v)}`;
    case 'units_per_year':
      return `${v} a year`;
    case 'places':
      return `${v} place${v === 1 ? '' : 's'}`;
    default:
      return String(v);
  }
}

const UNIT_WORDS: Record<Lever['unit'], string> = {
  factor: 'a factor (1 is no change)',
  probability: 'a share or probability',
  months: 'months',
  pounds_per_year: '£ a year at the price base',
  pounds_per_week: '£ a week at the price base',
  pounds: '£ at the price base',
  units_per_year: 'units a year (households or places, as the model counts them)',
  places: 'places',
  date: 'a date',
};

/** The controls of scenario `i`: one per lever, labelled, with its unit, stated value and range. */
export function scenarioControlsHtml(ps: PlannerScenario, i: number): string {
  const s = ps.scenario;
  const off = ps.unavailable !== null;
  const levers = ps.levers
    .map((l, j) => {
      const id = `s${i}-l${j}`;
      const v = ps.values[l.name];
      const dis = off ? ' disabled' : '';
      const hint = `${UNIT_WORDS[l.unit]}; stated ${leverText(l, l.stated)}${l.range ? `; range ${leverText(l, sliderOf(l).min)} to ${leverText(l, sliderOf(l).max)}` : ''}`;
      const common = `data-scenario="${i}" data-lever="${j}" aria-describedby="${id}-hint"${dis}`;
      let inputs: string;
      if (l.unit === 'date') {
        inputs = `<input type="date" id="${id}" value="${escapeHtml(String(v))}" ${common}>`;
      } else {
        const sl = sliderOf(l, v as number);
        inputs =
          `<input type="range" id="${id}" min="${sl.min}" max="${sl.max}" step="${sl.step}" value="${v}" aria-valuetext="${escapeHtml(leverText(l, v))}" ${common}>` +
          `<input type="number" id="${id}-n" step="${sl.step}" value="${v}" aria-label="${escapeHtml(l.label)}: exact value" ${common}>`;
      }
      return `<div class="lever${v !== l.stated ? ' moved' : ''}"><label for="${id}">${escapeHtml(l.label)}</label>${inputs}<output id="${id}-out" for="${id}">${escapeHtml(leverText(l, v))}</output><span class="hint" id="${id}-hint">${escapeHtml(hint)}</span></div>`;
    })
    .join('');
  const none = ps.levers.length ? '' : `<p class="hint">This scenario has no levers in the page: only items with an <code>id</code> have them, and population growth, inflation, direct entries and workforce changes have none (scenarios/README.md, "Levers").</p>`;
  const unavailable = off ? `<p class="unavailable"><strong>Not projected in this page:</strong> ${escapeHtml(ps.unavailable!)}.${ps.levers.length ? ' Its controls are unavailable.' : ''}</p>` : '';
  const error = `<div class="error-slot">${errorHtml(ps)}</div>`;
  const buttons = off
    ? ''
    : `<p class="actions"><button type="button" data-reset="${i}">Back to the stated values</button> <a class="save" data-save="${i}" href="#" download="${escapeHtml(fileName(s.file))}">Save as YAML (${escapeHtml(fileName(s.file))})</a></p>`;
  return `<fieldset class="scenario" id="scenario-${i}"><legend><span class="swatch" style="border-color:${scenarioColour(i)}"></span>${escapeHtml(s.name)}</legend>${s.description ? `<p class="description">${escapeHtml(s.description)}</p>` : ''}${unavailable}${none}${levers}${error}${buttons}</fieldset>`;
}

/** Why the scenario as set cannot be projected (the located problems), or nothing. */
export function errorHtml(ps: PlannerScenario): string {
  return ps.error ? `<p class="error" role="alert">This setting cannot be projected; the figures are for the last one that could be.<br>${escapeHtml(ps.error).replace(/\n/g, '<br>')}</p>` : '';
}

/** The last part of a page path: the name a saved file gets. */
export function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The headline: per arm, children in care after 5 and 10 years, the cost of services, net saving
 * and payback; null for a horizon shorter than 5 whole years (compare's tables then stand alone).
 */
export function headlineTable(sum: ComparisonSummary): Table | null {
  const care = careStates(sum.baseline);
  const inCare = (stock: number[]) => care.states.reduce((t, i) => t + stock[i], 0);
  const whole = sum.baselineYears.filter((y) => !y.partial);
  const spans = [5, 10].filter((n) => whole.length >= n);
  if (!spans.length) return null;
  const baseRow = [
    'Baseline',
    ...spans.map((n) => formatCount(inCare(whole[n - 1].stock))),
    ...spans.map((n) => formatMillions(whole.slice(0, n).reduce((a, y) => a + y.totalCost, 0))),
    ...spans.map(() => ''),
    '',
  ];
  const rows = sum.scenarios.map((s) => {
    const span = (n: number) => s.totals.find((t) => t.years === n)!;
    return [
      s.name,
      ...spans.map((n) => `${formatCount(inCare(span(n).stock))} (${formatSigned(inCare(span(n).stockDiff))})`),
      ...spans.map((n) => formatMillions(span(n).grossCost + span(n).programmeCost)),
      ...spans.map((n) => formatSigned(span(n).netSaving, formatMillions)),
      formatPayback(s.payback, s.costsMore),
    ];
  });
  return {
    title: `${care.label}, cost and net saving`,
    columns: ['', ...spans.map((n) => `${care.label}: children after ${n} years`), ...spans.map((n) => `Cost of services and programmes, ${n} years (${MONEY_UNIT})`), ...spans.map((n) => `Net saving, ${n} years (${MONEY_UNIT})`), 'Payback year'],
    rows: [baseRow, ...rows],
    totalRows: [],
    note: `Children at 31 March of the last year of the span (difference from the baseline). £m, cash prices. Net saving: baseline cost less the scenario's cost of services and programmes.`,
  };
}

/** The results: headline, the two charts, and compare's tables. */
export function resultsHtml(sum: ComparisonSummary): string {
  const care = careStates(sum.baseline);
  const inCare = (stock: number[]) => care.states.reduce((t, i) => t + stock[i], 0);
  const labels = sum.baselineYears.map((y) => (y.partial ? `${y.label} (part)` : y.label));
  const last = labels.length - 1;
  const baseCare = sum.baselineYears.map((y) => inCare(y.stock));
  const careSeries = [
    { label: 'Baseline', colour: BASELINE_COLOUR, values: baseCare, dashed: true },
    ...sum.scenarios.map((s, i) => ({ label: s.name, colour: scenarioColour(i), values: s.years.map((y) => inCare(y.stock)) })),
  ];
  const careChart = lineChartHtml({
    id: 'children-in-care',
    title: `${care.label} at 31 March`,
    description: careSeries.map((s) => `${s.label}: ${formatCount(s.values[0])} in ${labels[0]}, ${formatCount(s.values[last])} in ${labels[last]}`).join('; ') + '.',
    xLabels: labels,
    series: careSeries,
    tick: formatCount,
  });
  const savingChart = sum.scenarios.length
    ? lineChartHtml({
        id: 'cumulative-net-saving',
        title: 'Cumulative net saving against the baseline (£m, cash)',
        description: sum.scenarios.map((s) => `${s.name}: ${formatMoney(s.years[last].cumulativeNetSaving)} by ${labels[last]}, payback ${formatPayback(s.payback, s.costsMore)}`).join('; ') + '.',
        xLabels: labels,
        series: sum.scenarios.map((s, i) => ({ label: s.name, colour: scenarioColour(i), values: s.years.map((y) => y.cumulativeNetSaving / 1e6) })),
        tick: (v) => `${v < 0 ? '-' : ''}£${Math.abs(v)}m`,
        zeroLine: true,
      })
    : '';
  // compare's warnings, worded as compare prints them.
  const warnings = [...sum.baseline.warnings, ...sum.scenarios.flatMap((s) => s.warnings.map((w) => `${s.name}: ${w}`))];
  const warned = warnings.length ? `<ul class="warnings">${[...new Set(warnings)].map((w) => `<li>Warning: ${escapeHtml(w)}</li>`).join('')}</ul>` : '';
  const headline = headlineTable(sum);
  return `${warned}${headline ? tableHtml(headline) : ''}
<div class="charts">${careChart}${savingChart}</div>
<h3>The tables of <code>carecast compare</code></h3>
${comparisonTables(sum).map((t) => tableHtml(t)).join('\n')}`;
}
