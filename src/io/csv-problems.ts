/**
 * CSV problems in the user's terms, shared by the whole-file and the streaming reader: where a
 * broken quote opened (csv-parse reports where it gave up, often the end of the file), rows of
 * the wrong length, and a file that uses semicolons or tabs instead of commas.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { Issue } from '../errors.js';

/** What a well-formed file looks like, for quote problems. */
const QUOTES = 'every quoted field closed by a quote followed by a comma or the end of the line (a quote inside a field is written "")';

/**
 * The line where the quoted field that breaks the file opens: scans as csv-parse does (a field
 * is quoted when it starts with `"`; `""` inside is a quote) and returns the opening line of the
 * first quoted field that is never closed, or that has text after its closing quote.
 */
export class QuoteScanner {
  private line = 1;
  private inQuote = false;
  private openLine = 0;
  private fieldStart = true;
  private afterClose = false;
  private pendingQuote = false;
  /** The opening line of the broken field once found, else null. */
  found: number | null = null;

  /** Feeds the next part of the file. */
  feed(text: string): void {
    for (let i = 0; i < text.length && this.found === null; i++) {
      const c = text[i];
      if (this.pendingQuote) {
        // A quote inside a quoted field: `""` is an escaped quote, anything else closed the field.
        this.pendingQuote = false;
        if (c === '"') continue;
        this.inQuote = false;
        this.afterClose = true;
      }
      if (this.inQuote) {
        if (c === '"') this.pendingQuote = true;
        else if (c === '\n') this.line++;
        continue;
      }
      if (c === '\n') {
        this.line++;
        this.fieldStart = true;
        this.afterClose = false;
      } else if (c === ',') {
        this.fieldStart = true;
        this.afterClose = false;
      } else if (this.afterClose) {
        if (c !== ' ' && c !== '\t' && c !== '\r') this.found = this.openLine;
      } else if (c === '"' && this.fieldStart) {
        this.inQuote = true;
        this.openLine = this.line;
      } else if (c !== ' ' && c !== '\t') {
        this.fieldStart = false;
      }
    }
  }

  /** Ends the scan: a quote still open at the end of the file is the broken one. */
  end(): number | null {
    if (this.found === null && this.inQuote && !this.pendingQuote) this.found = this.openLine;
    return this.found;
  }
}

/** The opening line of the broken quoted field in the file at `path`, read in 1 MB parts. */
export function brokenQuoteLine(path: string): number | null {
  const scanner = new QuoteScanner();
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let n: number;
    while (scanner.found === null && (n = readSync(fd, buf, 0, buf.length, null)) > 0) scanner.feed(buf.toString('utf8', 0, n));
  } finally {
    closeSync(fd);
  }
  return scanner.end();
}

/**
 * A csv-parse error as an issue. `quoteLine` finds where a broken quote opened (called only for
 * quote errors); `fallbackLine` is used when csv-parse gives no line.
 */
export function csvParseIssue(file: string, err: { code?: string; message: string; lines?: number; column?: unknown; index?: number }, quoteLine: () => number | null, fallbackLine?: number): Issue {
  const line = err.lines ?? fallbackLine;
  if (err.code === 'CSV_QUOTE_NOT_CLOSED' || err.code === 'CSV_INVALID_CLOSING_QUOTE') {
    const opened = quoteLine();
    const what = err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'is never closed' : 'has text after its closing quote';
    if (opened !== null) return { location: { file, line: opened }, path: '', message: `the quoted field that opens on line ${opened} ${what} (csv-parse stopped on line ${line})`, expected: QUOTES };
    return { location: { file, line }, path: '', message: err.message, expected: QUOTES };
  }
  if (err.code === 'INVALID_OPENING_QUOTE') return { location: { file, line }, path: '', message: err.message, expected: QUOTES };
  const length = /columns length is (\d+), got (\d+)/.exec(err.message) ?? /fields length is (\d+), got (\d+)/.exec(err.message);
  if (length) return rowLengthIssue(file, line ?? 0, +length[2], +length[1]);
  return { location: { file, line }, path: '', message: err.message, expected: 'a CSV file with one record per line and every quote closed' };
}

/** A row with more or fewer fields than the header. */
export function rowLengthIssue(file: string, line: number, fields: number, headerFields: number): Issue {
  return {
    location: { file, line },
    path: '',
    message: `the row has ${fields} field${fields === 1 ? '' : 's'} and the header ${headerFields}${fields < headerFields ? ': the row is cut short (is the file truncated?)' : ' (a comma inside a field that is not quoted?)'}`,
    expected: `${headerFields} fields on every row, as in the header`,
  };
}

/**
 * One issue for a header that reads as a single column holding `;` or tabs (a file saved with
 * another separator), instead of listing every column as missing; null otherwise.
 */
export function separatorIssue(file: string, header: readonly string[]): Issue | null {
  if (header.length !== 1) return null;
  const cell = header[0];
  const sep = [';', '\t', '|'].find((s) => cell.includes(s));
  if (!sep) return null;
  const name = sep === '\t' ? 'tabs' : `'${sep}'`;
  return {
    location: { file, line: 1 },
    path: '',
    message: `the file seems to use ${name} between fields, and carecast expects commas (the header reads as one column: '${cell.length > 60 ? `${cell.slice(0, 60)}…` : cell}')`,
    expected: 'a comma-separated file (save it again as CSV with commas; a decimal point, not a comma, in numbers)',
  };
}

/** An empty file (no header), or one whose header has no rows after it. */
export function emptyFileIssue(file: string, hasHeader: boolean): Issue {
  return hasHeader
    ? { location: { file, line: 1 }, path: '', message: 'the file has a header but no rows (is it cut short?)', expected: 'one row per record after the header' }
    : { location: { file }, path: '', message: 'the file is empty', expected: 'a header row, then one row per record' };
}
