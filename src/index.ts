/** carecast's public API. Values and types are exported separately. */
export { loadModel, parseModel } from './model/load.js';
export { project } from './engine/project.js';
export { compileModel } from './engine/compile.js';
export { runPlan, allocateResult, LEDGER } from './engine/kernel.js';
export { annualToStep } from './engine/root.js';
export { summarise, horizonTotals, per10k } from './report/summary.js';
export { projectionTables, renderMarkdown, formatCount, formatRate, formatThousands } from './report/tables.js';
export { renderTerminal } from './report/terminal.js';
export { tidyCsv, tidyRows, TIDY_COLUMNS } from './report/tidy.js';
export { projectionJson } from './report/json.js';
export { writeFileAtomic } from './io/atomic.js';
export {
  CarecastError,
  ModelInvalidError,
  MatrixRootError,
  InputParseError,
  InputNotFoundError,
  UsageError,
  EXIT_CODES,
  formatIssue,
} from './errors.js';

export type { ErrorCode, Issue, SourceLocation } from './errors.js';
export type { Model, StateId, State, AgeBand, TransitionMatrix, StepUnit, Values, Measure } from './model/types.js';
export type { Projection } from './engine/project.js';
export type { Plan, RawResult, Period } from './engine/plan.js';
export type { Table } from './report/tables.js';
export type { PeriodSummary, HorizonTotal } from './report/summary.js';
