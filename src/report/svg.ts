/** Renders Vega-Lite specifications to static SVG, server-side (no browser, no canvas). */
import type { ChartSpec } from './charts.js';

/** Fonts and sizes fixed here so every machine renders the same SVG. */
const CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 240 },
  title: { fontSize: 14, anchor: 'start' },
};

/**
 * The chart as an SVG string (vega-lite compiled to vega, rendered with `renderer: 'none'`).
 *
 * @example
 * const svg = await renderSvg(childrenByState(projection));
 */
export async function renderSvg(chart: ChartSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile({ ...chart.spec, config: CONFIG } as never).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
