/**
 * The planner's page in the browser: reads the data the CLI put in the page, draws the controls,
 * and re-projects with the real engine (state.ts) whenever a control moves. No requests: the
 * model, the scenario files and this code are all in the page.
 */
import { formatIssue, CarecastError } from '../errors.js';
import { formatSignedMoney } from '../report/format.js';
import { scenarioYamlAsSet } from './save.js';
import { errorHtml, leverText, resultsHtml, scenarioControlsHtml, sliderOf } from './render.js';
import { loadScenarioText, openPlanner, plannerSummary, reproject, type Planner, type PlannerData } from './state.js';

/** What the page offers scripts (the browser test reads it): readiness and the time of the last re-projection. */
export interface PlannerHandle {
  planner: Planner;
  /** Milliseconds the last update took: projection of the scenarios changed, summary and drawing. */
  lastMs: number;
  /** The part of `lastMs` spent projecting (the engine, from the scenario as set to its projection). */
  lastProjectMs: number;
  /** Re-projects every scenario and redraws; resolves to the milliseconds it took. */
  reprojectAll(): Promise<number>;
  /** Resolves once no update is running or waiting (after a control moved). */
  settled(): Promise<void>;
}

declare global {
  interface Window {
    carecastPlanner?: PlannerHandle;
  }
}

const $ = (id: string) => document.getElementById(id)!;

async function start(): Promise<void> {
  const data = JSON.parse($('planner-data').textContent!) as PlannerData;
  const planner = await openPlanner(data);
  const note = () => `Saved from the carecast planner page (made ${data.made} from ${data.modelFile}) on ${new Date().toISOString().slice(0, 10)}.`;
  const urls = new Map<number, string>();
  const handle: PlannerHandle = { planner, lastMs: 0, lastProjectMs: 0, reprojectAll: () => update(planner.scenarios.map((_, i) => i)), settled };

  const drawControls = () => {
    $('controls').innerHTML = planner.scenarios.map((ps, i) => scenarioControlsHtml(ps, i)).join('');
    planner.scenarios.forEach((_, i) => refreshSave(i));
  };
  const refreshSave = (i: number) => {
    const link = document.querySelector<HTMLAnchorElement>(`[data-save="${i}"]`);
    if (!link) return;
    const ps = planner.scenarios[i];
    const text = scenarioYamlAsSet(planner.files, ps.scenario, ps.values, note());
    const old = urls.get(i);
    if (old) URL.revokeObjectURL(old);
    const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
    urls.set(i, url);
    link.href = url;
  };
  const drawResults = () => {
    const sum = plannerSummary(planner);
    $('results-body').innerHTML = resultsHtml(sum);
    $('status').textContent = sum.scenarios.map((s) => (s.totals.length ? `${s.name}: net saving over ${s.totals.at(-1)!.years} years ${formatSignedMoney(s.totals.at(-1)!.netSaving)}` : s.name)).join('; ');
    planner.scenarios.forEach((ps, i) => {
      const box = document.querySelector(`#scenario-${i} .error-slot`);
      if (box) box.innerHTML = errorHtml(ps);
    });
  };

  // Updates run one at a time; moves made meanwhile are gathered into the next one.
  const pending = new Set<number>();
  let running: Promise<number> | null = null;
  async function update(indices: number[]): Promise<number> {
    indices.forEach((i) => pending.add(i));
    while (running) await running;
    if (!pending.size) return handle.lastMs;
    const which = [...pending];
    pending.clear();
    running = (async () => {
      const t0 = performance.now();
      await reproject(planner, which);
      handle.lastProjectMs = performance.now() - t0;
      drawResults();
      return (handle.lastMs = performance.now() - t0);
    })();
    try {
      return await running;
    } finally {
      running = null;
    }
  }

  async function settled(): Promise<void> {
    while (running || pending.size) await (running ?? update([]));
  }

  const setValue = (el: HTMLInputElement) => {
    const i = Number(el.dataset.scenario);
    const ps = planner.scenarios[i];
    const lever = ps.levers[Number(el.dataset.lever)];
    let value: number | string;
    if (lever.unit === 'date') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(el.value)) return;
      value = el.value;
    } else {
      const v = Number(el.value);
      if (el.value === '' || !Number.isFinite(v)) return;
      value = Number(v.toFixed(sliderOf(lever, v).decimals));
      const id = `s${i}-l${el.dataset.lever}`;
      const range = $(id) as HTMLInputElement;
      const exact = $(`${id}-n`) as HTMLInputElement;
      if (el !== range) range.value = String(value);
      if (el !== exact) exact.value = String(value);
      range.setAttribute('aria-valuetext', leverText(lever, value));
    }
    ps.values[lever.name] = value;
    $(`s${i}-l${el.dataset.lever}-out`).textContent = leverText(lever, value);
    el.closest('.lever')!.classList.toggle('moved', value !== lever.stated);
    refreshSave(i);
    void update([i]);
  };
  const controls = $('controls');
  controls.addEventListener('input', (e) => {
    const el = e.target as HTMLInputElement;
    if (el.type === 'range') setValue(el);
  });
  controls.addEventListener('change', (e) => setValue(e.target as HTMLInputElement));
  controls.addEventListener('click', (e) => {
    const reset = (e.target as HTMLElement).closest<HTMLButtonElement>('[data-reset]');
    if (!reset) return;
    const i = Number(reset.dataset.reset);
    const ps = planner.scenarios[i];
    for (const l of ps.levers) ps.values[l.name] = l.stated;
    drawControls();
    void update([i]);
  });
  $('load').addEventListener('change', async (e) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const message = $('load-message');
    try {
      const at = await loadScenarioText(planner, await file.text(), `/${file.name}`);
      message.textContent = `Loaded ${file.name}: ${planner.scenarios[at].scenario.name}.`;
      drawControls();
      await update([at]);
    } catch (err) {
      if (!(err instanceof CarecastError)) throw err;
      message.textContent = [err.message, ...err.issues.map(formatIssue)].join('\n');
    }
    input.value = '';
  });

  drawControls();
  await update([]);
  drawResults();
  document.body.dataset.ready = 'true';
  window.carecastPlanner = handle;
}

start().catch((err: unknown) => {
  const box = document.getElementById('startup-error');
  if (box) box.textContent = `The page could not start: ${err instanceof Error ? err.message : String(err)}`;
  document.body.dataset.ready = 'failed';
  throw err;
});
