/** carecast's public API. Values and types are exported separately. */
export { loadModel, parseModel } from './model/load.js';
export { project } from './engine/project.js';
export { compileModel } from './engine/compile.js';
export { runPlan, allocateResult, clearResult, LEDGER } from './engine/kernel.js';
export { leanKernel } from './engine/lean.js';
export { packValues, patternOfPlan } from './engine/pattern.js';
export { annualToStep } from './engine/root.js';
export { summarise, horizonTotals, per10k } from './report/summary.js';
export { projectionTables, renderMarkdown, formatCount, formatRate, formatThousands } from './report/tables.js';
export { renderTerminal } from './report/terminal.js';
export { tidyCsv, tidyRows, TIDY_COLUMNS } from './report/tidy.js';
export { projectionJson } from './report/json.js';
export { loadScenario, parseScenario } from './scenario/load.js';
export { resolveScenario } from './scenario/resolve.js';
export { scenarioPlan } from './scenario/plan.js';
export { forEveryScenario, loadScenariosFor } from './scenario/collect.js';
export { scenarioKeys } from './scenario/keys.js';
export { projectScenario, compareScenarios } from './scenario/project.js';
export { summariseComparison, paybackPeriod, returnOnInvestment } from './report/comparison.js';
export { comparisonTables, formatPayback, formatRoi, formatSigned } from './report/comparison-tables.js';
export { comparisonCsv, comparisonRows, COMPARISON_COLUMNS } from './report/comparison-tidy.js';
export { comparisonJson } from './report/comparison-json.js';
export { comparisonWorkbook, NUMBER_FORMATS } from './report/workbook.js';
export { monteCarlo, prepare as prepareDraws, runDraws, runPoint, EXTRA_FIGURES } from './uncertainty/montecarlo.js';
export { summariseDraws, compareDraws, costTotals, intervalOf, PERCENTILES } from './uncertainty/summary.js';
export { sensitivity, sensitivityParameters, tenthAndNinetieth } from './uncertainty/sensitivity.js';
export { drawGenerator, normal, gamma, beta, dirichlet, lognormal } from './uncertainty/random.js';
export { makeDistribution, distributionMean } from './model/distribution.js';
export { uncertaintyTables, uncertaintyCsv, UNCERTAINTY_COLUMNS } from './report/uncertainty-tables.js';
export { tornadoTable, tornadoCsv, TORNADO_COLUMNS } from './report/tornado.js';
export { writeFileAtomic, writeFilesAtomic } from './io/atomic.js';
export { leversOf, findLever, withLever, leverValue } from './scenario/levers.js';
export { seekTarget, prepareSeek, seekPrepared } from './target/seek.js';
export { chanceOfTarget } from './target/chance.js';
export { parseTarget, resolveTarget } from './target/targets.js';
export { brent, findRoots, nearestRoot } from './target/solve.js';
export { targetTable, targetJson } from './target/board-table.js';
export { targetSentence } from './target/words.js';
export {
  CarecastError,
  ModelInvalidError,
  ScenarioInvalidError,
  MatrixRootError,
  InputParseError,
  InputNotFoundError,
  InputKindError,
  UsageError,
  TargetNotReachableError,
  EXIT_CODES,
  formatIssue,
} from './errors.js';

export type { ErrorCode, Issue, SourceLocation } from './errors.js';
export type { Model, StateId, State, AgeBand, TransitionMatrix, StepUnit, Values, Measure, CostMix, PlacementType } from './model/types.js';
export type { Scenario, ScenarioRateChange, ScenarioCostChange, ScenarioMixShift, ScenarioProgramme, PopulationVariant, TimingSpec } from './scenario/types.js';
export type { RateChange } from './scenario/rates.js';
export type { Comparison, ScenarioRun } from './scenario/project.js';
export type { MonteCarloOptions, MonteCarloResult } from './uncertainty/montecarlo.js';
export type { Interval, UncertainFigure, UncertainComparison } from './uncertainty/summary.js';
export type { SensitivityParameter, SensitivityRow } from './uncertainty/sensitivity.js';
export type { Distribution, ModelUncertainty } from './model/types.js';
export type { ComparisonSummary, ScenarioComparison, ComparisonYear, ComparisonTotal, Payback } from './report/comparison.js';
export type { Projection } from './engine/project.js';
export type { Plan, RawResult, Period } from './engine/plan.js';
export type { Table } from './report/tables.js';
export type { PeriodSummary, HorizonTotal } from './report/summary.js';
export type { Lever, LeverUnit } from './scenario/levers.js';
export type { SeekResult, SeekOptions, LeverPoint } from './target/seek.js';
export type { ChanceResult, ChanceOptions, ChanceAt } from './target/chance.js';
export type { Target, TargetMeasure } from './target/targets.js';
