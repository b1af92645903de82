/**
 * Error classes with stable codes. The CLI maps each code to an exit code and prints the
 * `hint`, a sentence telling the user what to do next.
 */

/** Stable error codes; never rename one, tools and scripts match on them. */
export type ErrorCode =
  | 'MODEL_INVALID'
  | 'SCENARIO_INVALID'
  | 'MATRIX_NOT_STOCHASTIC'
  | 'MATRIX_ROOT'
  | 'INPUT_PARSE'
  | 'INPUT_NOT_FOUND'
  | 'INPUT_NOT_A_FILE'
  | 'INPUT_NOT_A_FOLDER'
  | 'USAGE'
  | 'OUTPUT_PATH'
  | 'TARGET_NOT_REACHABLE'
  | 'RUNTIME';

/** Exit codes: 0 success, 1 runtime failure, 2 invalid input. */
export const EXIT_CODES: Record<ErrorCode, number> = {
  MODEL_INVALID: 2,
  SCENARIO_INVALID: 2,
  MATRIX_NOT_STOCHASTIC: 2,
  MATRIX_ROOT: 2,
  INPUT_PARSE: 2,
  INPUT_NOT_FOUND: 2,
  INPUT_NOT_A_FILE: 2,
  INPUT_NOT_A_FOLDER: 2,
  USAGE: 2,
  OUTPUT_PATH: 2,
  TARGET_NOT_REACHABLE: 2,
  RUNTIME: 1,
};

/** Where in an input file a problem is. Lines and columns count from 1. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

/** One problem found in an input, located as precisely as the input allows. */
export interface Issue {
  location: SourceLocation;
  /** Field path inside the document, e.g. `transitions.matrices[0].rows.cin`. */
  path: string;
  message: string;
  /** What would have been accepted. */
  expected?: string;
  /** `row_sum` marks a transition row that does not sum to 1. */
  kind?: 'row_sum';
}

/** Formats an issue as `file:line:col  path: message (expected …)`. */
export function formatIssue(issue: Issue): string {
  const { file, line, column } = issue.location;
  const where = line ? `${file}:${line}${column ? `:${column}` : ''}` : file;
  const field = issue.path ? `${issue.path}: ` : '';
  const expected = issue.expected ? ` (expected ${issue.expected})` : '';
  return `${where}  ${field}${issue.message}${expected}`;
}

/** Issues in reading order: by file, then line and column (unlocated ones first). */
export function sortIssues(issues: Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) =>
      a.location.file.localeCompare(b.location.file) ||
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      (a.location.column ?? 0) - (b.location.column ?? 0),
  );
}

/** Base class of every error carecast throws on purpose. */
export class CarecastError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  readonly issues: Issue[];

  constructor(code: ErrorCode, message: string, hint: string, issues: Issue[] = []) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.hint = hint;
    this.issues = issues;
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}

/** A model file (or a file it references) failed validation; `issues` lists every problem. */
export class ModelInvalidError extends CarecastError {
  constructor(file: string, issues: Issue[]) {
    super(
      issues.length > 0 && issues.every((i) => i.kind === 'row_sum') ? 'MATRIX_NOT_STOCHASTIC' : 'MODEL_INVALID',
      `${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'} in the model`,
      'Correct each listed field (models/README.md documents every field), then run again.',
      sortIssues(issues),
    );
  }
}

/**
 * A scenario file (or a file it extends or names) failed validation, or its changes cannot be
 * applied to the model; `issues` lists every problem.
 */
export class ScenarioInvalidError extends CarecastError {
  constructor(file: string, issues: Issue[]) {
    super(
      'SCENARIO_INVALID',
      `${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'} in the scenario`,
      'Correct each listed field (scenarios/README.md documents every field), then run again.',
      sortIssues(issues),
    );
  }
}

/** An annual matrix has no valid per-step root (negative or complex entries). */
export class MatrixRootError extends CarecastError {
  constructor(message: string, hint = 'Give the matrix per step (transitions.per: step), or set transitions.negative_root: clip to accept a documented correction.') {
    super('MATRIX_ROOT', message, hint);
  }
}

/** A data file could not be read as expected. */
export class InputParseError extends CarecastError {
  constructor(issues: Issue[], message?: string) {
    super(
      'INPUT_PARSE',
      message ?? `${issues[0]?.location.file ?? 'input'}: ${issues.length} problem${issues.length === 1 ? '' : 's'} reading the file`,
      'Fix the named rows and fields in the file (or export it again), then run again.',
      issues,
    );
  }
}

/** A file named on the command line or in a model does not exist. */
export class InputNotFoundError extends CarecastError {
  constructor(file: string, referencedFrom?: string) {
    super(
      'INPUT_NOT_FOUND',
      `file not found: ${file}${referencedFrom ? ` (named in ${referencedFrom})` : ''}`,
      'Check the path; paths inside a model file are relative to the model file.',
    );
  }
}

/**
 * A path names a folder where a file is expected (`INPUT_NOT_A_FILE`), or something other than a
 * folder where a folder is expected (`INPUT_NOT_A_FOLDER`). `what` says what was expected.
 */
export class InputKindError extends CarecastError {
  constructor(path: string, expected: 'file' | 'folder', what: string, referencedFrom?: string) {
    super(
      expected === 'file' ? 'INPUT_NOT_A_FILE' : 'INPUT_NOT_A_FOLDER',
      `${path} is ${expected === 'file' ? 'a folder' : 'not a folder'}, but ${what} is expected there${referencedFrom ? ` (named in ${referencedFrom})` : ''}`,
      expected === 'file' ? 'Name the file itself, not the folder it is in.' : 'Name the folder that holds the files (e.g. the folder of year folders for --ssda903).',
    );
  }
}

/** The hint of a usage error that gives none of its own; the CLI names the subcommand's help instead. */
export const USAGE_HINT = 'Run `carecast --help` for the commands and their options.';

/** The command line itself is wrong. */
export class UsageError extends CarecastError {
  constructor(message: string, hint = USAGE_HINT) {
    super('USAGE', message, hint);
  }
}

/** An output path cannot be written (a file where a folder must be, no permission, …); found before any work. */
export class OutputPathError extends CarecastError {
  /** `written`: files already renamed into place when writing failed (none when found before any work). */
  constructor(message: string, written: string[] = []) {
    super('OUTPUT_PATH', message, `Choose another output path, or move what is in the way; ${written.length ? `${written.join(', ')} ${written.length > 1 ? 'were' : 'was'} written before the failure` : 'nothing was written'}.`);
  }
}

/**
 * Goal-seek found no value of the lever in the range that meets the target; the message gives the
 * nearest value tried and its result.
 */
export class TargetNotReachableError extends CarecastError {
  constructor(message: string, hint = 'Widen --range (within what the lever can take), vary another lever, or ask for a target nearer the stated result.') {
    super('TARGET_NOT_REACHABLE', message, hint);
  }
}
