/** The one issue collector every section of a model build adds its problems to. */
import { InputKindError, InputNotFoundError, InputParseError, type Issue } from '../../errors.js';

/** A field path in the model file, e.g. `['transitions', 'matrices', 0, 'rows', 'cin']`. */
export type Path = (string | number)[];

/** A problem before it is located in the file. */
export interface PendingIssue {
  path: Path;
  message: string;
  expected?: string;
  /** `row_sum` for a transition row that does not sum to 1 (error code MATRIX_NOT_STOCHASTIC). */
  kind?: 'row_sum';
  /** Already located elsewhere (a CSV file the model names). */
  located?: Issue;
}

/** Collects every problem of a build, so one run lists them all. */
export class IssueCollector {
  readonly issues: PendingIssue[] = [];

  /** A problem at a field of the model file. */
  add(path: Path, message: string, expected?: string): void {
    this.issues.push({ path, message, expected });
  }

  /** A problem already located (a CSV row), or one with a kind. */
  push(issue: PendingIssue): void {
    this.issues.push(issue);
  }

  /** A problem located in another file, reported under the model field that names it. */
  located(issue: Issue, path: Path = []): void {
    this.issues.push({ path, message: '', located: issue });
  }

  get count(): number {
    return this.issues.length;
  }
}

/** A number as users wrote it: integers plain, others to 10 significant figures. */
export function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(10).replace(/\.?0+$/, '');
}

/** A file that could not be read, as issues under the model field that names it. */
export function pushReadError(err: unknown, path: Path, issues: PendingIssue[]): void {
  if (err instanceof InputNotFoundError) issues.push({ path, message: err.message, expected: 'an existing file, relative to the model file' });
  else if (err instanceof InputKindError) issues.push({ path, message: err.message, expected: 'a CSV file (not a folder), relative to the model file' });
  else if (err instanceof InputParseError) err.issues.forEach((i) => issues.push({ path, message: '', located: i }));
  else throw err;
}
