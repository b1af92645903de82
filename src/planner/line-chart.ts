/**
 * A small line chart as SVG text, drawn directly (no chart library in the page, which keeps it
 * small and quick to redraw). The figure carries its name and a text alternative; the SVG itself
 * is hidden from assistive technology.
 */
import { escapeHtml } from '../report/html-table.js';

/** One line of the chart. */
export interface LineSeries {
  label: string;
  colour: string;
  values: number[];
  dashed?: boolean;
}

/** What the chart shows. */
export interface LineChart {
  id: string;
  title: string;
  /** The text alternative: what the lines show, in words and figures. */
  description: string;
  xLabels: string[];
  series: LineSeries[];
  /** An axis tick's text (e.g. `£10m`, `800`). */
  tick: (v: number) => string;
  /** Draw a dashed line at 0. */
  zeroLine?: boolean;
}

const W = 640;
const H = 300;
const M = { top: 12, right: 34, bottom: 34, left: 64 };

/**
 * About five round tick values covering `lo` to `hi` (steps of 1, 2 or 5 × a power of ten).
 *
 * @example
 * niceTicks(0, 87); // [0, 20, 40, 60, 80, 100]
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * p).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.floor(lo / step) * step; v < hi + step * 0.999; v += step) out.push(Math.round(v / step) * step + 0);
  return out;
}

/** The chart as a `<figure>` with an SVG and its caption. */
export function lineChartHtml(c: LineChart): string {
  const all = c.series.flatMap((s) => s.values).filter(Number.isFinite);
  const lo = Math.min(...all, ...(c.zeroLine ? [0] : []));
  const hi = Math.max(...all, ...(c.zeroLine ? [0] : []));
  // The axis runs from the lowest value: a tick far below it (-£20m under a low of -£0.2m) is left out.
  const top = hi === lo ? lo + 1 : hi;
  const candidates = niceTicks(lo, top);
  const ticks = candidates.filter((t, i) => i === candidates.length - 1 || t >= lo || lo - t < 0.25 * (candidates[1] - candidates[0]));
  const [y0, y1] = [Math.min(lo, ticks[0]), ticks[ticks.length - 1]];
  const n = c.xLabels.length;
  const x = (i: number) => M.left + (n <= 1 ? 0 : (i * (W - M.left - M.right)) / (n - 1));
  const y = (v: number) => H - M.bottom - ((v - y0) / (y1 - y0 || 1)) * (H - M.top - M.bottom);
  const f = (v: number) => v.toFixed(1);
  const grid = ticks.map((t) => `<line x1="${M.left}" x2="${W - M.right}" y1="${f(y(t))}" y2="${f(y(t))}" stroke="#ddd"/><text x="${M.left - 6}" y="${f(y(t) + 4)}" text-anchor="end">${escapeHtml(c.tick(t))}</text>`).join('');
  const every = Math.ceil(n / 6);
  const xAxis = c.xLabels.map((l, i) => (i % every === 0 || (i === n - 1 && (n - 1) % every > every / 2) ? `<text x="${f(x(i))}" y="${H - M.bottom + 18}" text-anchor="middle">${escapeHtml(l)}</text>` : '')).join('');
  const zero = c.zeroLine && y0 < 0 ? `<line x1="${M.left}" x2="${W - M.right}" y1="${f(y(0))}" y2="${f(y(0))}" stroke="#666" stroke-dasharray="4 4"/>` : '';
  const lines = c.series
    .map((s) => `<polyline fill="none" stroke="${s.colour}" stroke-width="2.5"${s.dashed ? ' stroke-dasharray="6 4"' : ''} points="${s.values.map((v, i) => `${f(x(i))},${f(y(v))}`).join(' ')}"/>`)
    .join('');
  const legend = c.series.map((s) => `<li><span class="swatch${s.dashed ? ' dashed' : ''}" style="border-color:${s.colour}"></span>${escapeHtml(s.label)}</li>`).join('');
  const id = `chart-${c.id}`;
  return `<figure id="${id}" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc"><svg aria-hidden="true" focusable="false" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-size="12" font-family="Helvetica, Arial, sans-serif">${grid}${zero}${xAxis}${lines}</svg><ul class="legend" aria-hidden="true">${legend}</ul><figcaption><strong id="${id}-title">${escapeHtml(c.title)}</strong> <span id="${id}-desc">${escapeHtml(c.description)}</span></figcaption></figure>`;
}
