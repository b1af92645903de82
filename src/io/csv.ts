/** Small CSV files (model inputs) read whole, with line numbers for error messages. */
import { readFileSync, existsSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputNotFoundError, InputParseError, type Issue } from '../errors.js';
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

/** Reads a CSV file with a header row; a malformed file throws `InputParseError` with its line. */
export function readCsv(file: string, referencedFrom?: string): CsvTable {
  if (!existsSync(file)) throw new InputNotFoundError(file, referencedFrom);
  const text = readFileSync(file, 'utf8');
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, bom: true, trim: true, skip_empty_lines: true, info: true });
  } catch (err) {
    const e = err as { lines?: number; message: string };
    throw new InputParseError([{ location: { file, line: e.lines }, path: '', message: e.message }]);
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const columns = parse(firstLine, { bom: true, trim: true })[0] ?? [];
  return { file, columns, rows: records.map((r) => ({ line: r.info.lines, values: r.record })) };
}

/** Checks that the named columns exist; returns an issue for each missing one. */
export function missingColumns(table: CsvTable, required: string[]): Issue[] {
  return required
    .filter((c) => !table.columns.includes(c))
    .map((c) => ({
      location: { file: table.file, line: 1 },
      path: c,
      message: `column '${c}' is missing`,
      expected: `a header with ${required.join(', ')}`,
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
