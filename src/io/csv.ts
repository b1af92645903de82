/** Small CSV files (model inputs) read whole, with line numbers for error messages. */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputParseError, type Issue } from '../errors.js';
import { csvParseIssue, emptyFileIssue, QuoteScanner, separatorIssue } from './csv-problems.js';
import { checkFile } from './files.js';
import { NUMBER_FORMS, readNumber } from './number.js';

/** One data row, with the line it ends on. */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

/** A parsed CSV file: its header and rows. */
export interface CsvTable {
  file: string;
  columns: string[];
  rows: CsvRow[];
}

/**
 * Reads a CSV file with a header row. A malformed file (a broken quote, a row of the wrong
 * length), an empty one, or one with a header and no rows throws `InputParseError` with its line.
 */
export function readCsv(file: string, referencedFrom?: string): CsvTable {
  checkFile(file, 'a CSV file', referencedFrom);
  const text = readFileSync(file, 'utf8');
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const columns: string[] = firstLine ? parse(firstLine, { trim: true, relax_quotes: true, relax_column_count: true })[0] ?? [] : [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, bom: true, trim: true, skip_empty_lines: true, info: true });
  } catch (err) {
    // A file separated by ';' breaks on its first decimal comma: say what is wrong with it.
    throw new InputParseError([separatorIssue(file, columns) ?? csvParseIssue(file, err as Error, () => scanQuotes(text))]);
  }
  if (columns.length === 0) throw new InputParseError([emptyFileIssue(file, false)]);
  if (records.length === 0) throw new InputParseError([separatorIssue(file, columns) ?? emptyFileIssue(file, true)]);
  return { file, columns, rows: records.map((r) => ({ line: r.info.lines, values: r.record })) };
}

function scanQuotes(text: string): number | null {
  const scanner = new QuoteScanner();
  scanner.feed(text);
  return scanner.end();
}

/**
 * Checks that the named columns exist; returns an issue for each missing one. A list among
 * `required` gives the accepted spellings of one column (`['mid_year', 'year']`). A file that
 * uses another separator than commas gets one issue saying so.
 */
export function missingColumns(table: CsvTable, required: (string | readonly string[])[]): Issue[] {
  // Each column as its accepted spellings; the one the file uses, when it has one.
  const spellings = required.map((c) => {
    if (typeof c === 'string') return [c];
    const used = c.find((x) => table.columns.includes(x));
    return used ? [used] : [...c];
  });
  const missing = spellings.filter((names) => !names.some((n) => table.columns.includes(n)));
  if (!missing.length) return [];
  const separator = separatorIssue(table.file, table.columns);
  if (separator) return [separator];
  const expected = `a header with ${spellings.map((names) => names[0] + (names.length > 1 ? ` (or ${names.slice(1).join(' or ')})` : '')).join(', ')}`;
  return missing.map((names) => ({
    location: { file: table.file, line: 1 },
    path: names[0],
    message: `column '${names[0]}'${names.length > 1 ? ` (or ${names.slice(1).map((n) => `'${n}'`).join(' or ')})` : ''} is missing`,
    expected,
  }));
}

/** Parses a non-negative number in a CSV cell, or returns an issue naming the cell. */
export function cellNumber(table: CsvTable, row: CsvRow, column: string): number | Issue {
  const raw = row.values[column] ?? '';
  const read = readNumber(raw);
  if ('problem' in read && read.separator) {
    return { location: { file: table.file, line: row.line }, path: column, message: `'${raw}' ${read.problem}`, expected: NUMBER_FORMS };
  }
  if ('problem' in read || read.value < 0) {
    return {
      location: { file: table.file, line: row.line },
      path: column,
      message: `'${raw}' is not a non-negative number`,
      expected: 'a number such as 1234 or 1234.5',
    };
  }
  return read.value;
}
