/**
 * Record-level CSV files (SSDA903 returns, CIN census, early help) read row by row, with line
 * numbers. A file without quotes is split directly (split-csv.ts), any other by csv-parse; both
 * feed the same checks, so a file gives the same rows and the same located problems either way.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputParseError, type Issue } from '../errors.js';
import { brokenQuoteLine, csvParseIssue, emptyFileIssue, rowLengthIssue, separatorIssue } from './csv-problems.js';
import { checkFile } from './files.js';
import { splitCsv, splittable } from './split-csv.js';

/**
 * One data row: the cells of the columns asked for, in their order ('' for a column the file
 * lacks), and the row's line. `cells` is reused for the next row.
 */
export type RowVisitor = (cells: string[], line: number) => void;

/** A record as either reader gives it: its field count and trimmed fields. */
interface Fields {
  readonly length: number;
  cell(i: number): string;
}

/** A csv-parse record as `Fields`. */
class ArrayFields implements Fields {
  record: string[] = [];
  get length(): number {
    return this.record.length;
  }
  cell(i: number): string {
    return this.record[i];
  }
}

/** The checks both readers share: the header, blank lines, rows of the wrong length, an empty file. */
class RowChecker {
  /** Records taken, blank ones included: the line of the last one (exact unless a quoted field spans lines). */
  line = 0;
  private width = 0;
  private rows = 0;
  private pick: number[] | null = null;
  private readonly cells: string[];

  constructor(
    private readonly file: string,
    private readonly columns: readonly string[],
    private readonly required: readonly string[],
    private readonly issues: Issue[],
    private readonly visit: RowVisitor,
  ) {
    this.cells = columns.map(() => '');
  }

  /** Takes the next record; false once the header is refused (nothing more is read). */
  take(r: Fields): boolean {
    this.line++;
    if (r.length === 1 && r.cell(0) === '') return true; // an empty line
    const pick = this.pick;
    if (pick === null) return this.header(r);
    // Trailing empty fields beyond the header (`a,b,,`) are harmless; anything else shifts or
    // drops values.
    if (r.length !== this.width && (r.length < this.width || this.filledBeyond(r))) {
      this.issues.push(rowLengthIssue(this.file, this.line, r.length, this.width));
      return true;
    }
    this.rows++;
    const cells = this.cells;
    for (let k = 0; k < pick.length; k++) cells[k] = pick[k] < 0 ? '' : r.cell(pick[k]);
    this.visit(cells, this.line);
    return true;
  }

  /** Adds the issue of a file with no header or no rows, once every record is taken. */
  end(): void {
    if (!this.pick || (this.rows === 0 && !this.issues.some((i) => i.location.file === this.file))) this.issues.push(emptyFileIssue(this.file, this.pick !== null));
  }

  private header(r: Fields): boolean {
    const names = Array.from({ length: r.length }, (_, i) => r.cell(i));
    // Column names in any case; a name given twice is its last column.
    const index = new Map(names.map((c, i) => [c.toLowerCase(), i]));
    const missing = this.required.filter((c) => !index.has(c.toLowerCase()));
    if (missing.length) {
      this.issues.push(separatorIssue(this.file, names) ?? { location: { file: this.file, line: 1 }, path: missing.join(', '), message: `column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing`, expected: `a header with ${this.required.join(', ')}` });
      return false;
    }
    this.width = r.length;
    this.pick = this.columns.map((c) => index.get(c.toLowerCase()) ?? -1);
    return true;
  }

  private filledBeyond(r: Fields): boolean {
    for (let i = this.width; i < r.length; i++) if (r.cell(i) !== '') return true;
    return false;
  }
}

/**
 * Reads the rows of `file`, handing each to `visit` with the cells of `columns` (names in any
 * case). A header without a `required` column, an empty file, or one with a header and no rows,
 * adds one issue and visits nothing; a row with more or fewer fields than the header (a file cut
 * off mid-row, say) adds an issue and is not visited; a malformed file (a stray quote) throws
 * `InputParseError` with the line where the broken quoted field opens. `parser: 'csv-parse'`
 * reads a file without quotes as one with them is read (tests compare the two).
 */
export function readCsvRows(file: string, columns: readonly string[], required: readonly string[], issues: Issue[], visit: RowVisitor, parser: 'auto' | 'csv-parse' = 'auto'): void {
  checkFile(file, 'a CSV file');
  const buf = readFileSync(file);
  const checker = new RowChecker(file, columns, required, issues, visit);
  let complete = true;
  if (parser === 'auto' && splittable(buf)) {
    splitCsv(buf, (r) => (complete = checker.take(r)));
  } else {
    const fields = new ArrayFields();
    try {
      parse(buf, {
        bom: true,
        trim: true,
        relax_column_count: true,
        on_record: (record: string[]) => {
          fields.record = record;
          if (!(complete = checker.take(fields))) throw STOP;
          return null;
        },
      });
    } catch (err) {
      if (err !== STOP) {
        const e = err as { lines?: number; message: string; code?: string };
        if (!e.code?.startsWith('CSV_') && e.code !== 'INVALID_OPENING_QUOTE') throw err;
        // The failing record starts on the line after the last one read.
        throw new InputParseError([csvParseIssue(file, e, () => brokenQuoteLine(file) ?? checker.line + 1, checker.line + 1)]);
      }
    }
  }
  if (complete) checker.end();
}

/** Thrown from csv-parse's record callback to stop at a refused header. */
const STOP = new Error('stop');
