/**
 * `carecast report MODEL [SCENARIO…] --out report.html`: runs the baseline, the scenarios, the
 * draws and the sensitivity analysis, then writes one self-contained HTML file for a board.
 */
import { careStates } from '../model/care.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { checkOutputTargets } from '../io/output-path.js';
import { loadModel } from '../model/load.js';
import { asWritten } from '../model/durations.js';
import { childrenByState, costByScenario, cumulativeNetSaving, fanChart, sufficiencyCharts, tornadoChart, type ChartSpec } from '../report/charts.js';
import { summariseComparison } from '../report/comparison.js';
import { sameAsBaseline } from '../report/unchanged.js';
import { comparisonTables } from '../report/comparison-tables.js';
import { boardReportHtml } from '../report/html.js';
import { renderSvg } from '../report/svg.js';
import { APART_TITLE, CHILDREN_TITLE, COST_TITLE, projectionTables, RATE_TITLE } from '../report/tables.js';
import { loadScenariosFor } from '../scenario/collect.js';
import { compareScenarios } from '../scenario/project.js';
import { monteCarlo, prepare } from '../uncertainty/montecarlo.js';
import { sensitivity } from '../uncertainty/sensitivity.js';
import { parseDraws, progressBar, type DrawFlags } from './draws.js';
import type { CliIo } from './io.js';
import { parseYears } from './options.js';
import { runTarget } from './target.js';
import { targetTable } from '../target/board-table.js';
import { targetSentence } from '../target/words.js';
import { findLever } from '../scenario/levers.js';
import type { Scenario } from '../scenario/types.js';

/** Options of `carecast report`. */
export interface ReportOptions extends DrawFlags {
  years?: string;
  out?: string;
  quiet?: boolean;
  /** Goal-seek: a lever of one of the scenarios and a target (as `carecast target`). */
  vary?: string;
  target?: string;
  range?: string;
  chance?: string;
}

/** Writes the report; returns the exit code. */
export async function reportCommand(modelFile: string, scenarioFiles: string[], opts: ReportOptions, io: CliIo, version: string): Promise<number> {
  if (!opts.out) throw new UsageError('--out is required: the file to write the report to', 'Add --out report.html.');
  const years = parseYears(opts.years);
  const draws = parseDraws(opts);
  checkOutputTargets([{ path: opts.out, flag: '--out', value: opts.out }]);
  const model = loadModel(modelFile);
  // Each file is loaded and checked against the model; the problems of all of them are listed at once.
  const scenarios = loadScenariosFor(model, scenarioFiles);
  const seekFile = opts.vary || opts.target ? targetScenarioFile(scenarios, opts.vary) : null;
  const comparison = summariseComparison(await compareScenarios(model, scenarios, { years }));
  // Goal-seek before the draws, so a bad lever or target fails fast.
  const targets = [];
  if (seekFile) {
    const { seek, chance } = await runTarget(model, seekFile, { ...opts, format: 'table' }, years);
    targets.push({ sentence: targetSentence(seek, model, chance), table: targetTable(seek, model, chance, { sentence: false }) });
  }
  const progress = progressBar(opts.quiet);
  let mc = null;
  try {
    if (draws) mc = await monteCarlo(model, scenarios, { ...draws, years, onProgress: progress.onProgress });
  } finally {
    progress.stop();
  }
  // The tornado: the first scenario's net saving (one that changes something), or the baseline's cost without scenarios.
  const first = scenarios.filter((_, i) => !sameAsBaseline(comparison.scenarios[i], comparison)).slice(0, 1);
  const setup = await prepare(model, first, years);
  const tornado = sensitivity(setup);
  const spanYears = setup.periods.filter((p) => !p.partial).length;

  const labels = { scenarios: scenarios.map((s) => s.shortLabel ?? s.name) };
  const charts: ChartSpec[] = [childrenByState(comparison.baseline, model.population?.entryState)];
  if (mc) for (const id of [careStates(model).id, 'cpp']) if (model.states.some((s) => s.id === id) || model.groups.some((g) => g.id === id)) charts.push(fanChart(mc, comparison.baseline, id));
  charts.push(...sufficiencyCharts(comparison, labels));
  if (scenarios.length) charts.push(costByScenario(comparison, labels), cumulativeNetSaving(comparison, labels));
  if (tornado.rows.length) charts.push(tornadoChart(tornado.rows, spanYears >= 10 ? tornado.point.total10 : tornado.point.total5, tornado.measure, spanYears, 12, model));
  const rendered = await Promise.all(charts.map(async (chart) => ({ chart, svg: await renderSvg(chart) })));

  const keep = (title: string) => [CHILDREN_TITLE, COST_TITLE, APART_TITLE].includes(title) || title.startsWith(RATE_TITLE.slice(0, 'Rate per 10,000'.length)) || / by placement type/.test(title);
  const tables = [...projectionTables(comparison.baseline).filter((t) => keep(t.title)).map((t) => ({ ...t, title: `Baseline: ${t.title.charAt(0).toLowerCase()}${t.title.slice(1)}` })), ...comparisonTables(comparison).filter((t) => !t.title.startsWith('Baseline:'))];
  const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
  const files = [{ role: 'model' as const, path: modelFile, sha256: sha(modelFile) }, ...scenarios.flatMap((s) => s.files.map((f) => ({ role: 'scenario' as const, path: f, sha256: sha(f) })))];
  const html = boardReportHtml({
    title: `${model.name}: demand and cost of children's services`,
    version,
    runDate: new Date().toISOString().slice(0, 10),
    model: asWritten(model),
    comparison,
    draws: mc,
    files,
    charts: rendered,
    tables,
    targets,
  });
  writeFileAtomic(opts.out, html);
  if (!opts.quiet) io.err(`Wrote ${opts.out} (${rendered.length} charts, ${tables.length} tables)\n`);
  return 0;
}

/**
 * The scenario whose lever `--vary` names: the first given that has it. Without one (or without
 * scenarios), the first scenario, so `carecast target`'s error lists its levers.
 */
function targetScenarioFile(scenarios: Scenario[], lever: string | undefined): string {
  if (!scenarios.length) throw new UsageError('--target needs a scenario: name the scenario whose lever --vary varies', 'Add a scenario file, e.g. carecast report models/example.yaml scenarios/early-help.yaml --vary fewer_step_ups --target net_saving@5y=2m --out report.html.');
  return (scenarios.find((s) => lever !== undefined && findLever(s, lever)) ?? scenarios[0]).file;
}
