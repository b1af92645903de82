/** Large record-level CSV files read as a stream (csv-parse, array rows), with line numbers. */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { InputParseError, type Issue } from '../errors.js';
import { brokenQuoteLine, csvParseIssue, emptyFileIssue, rowLengthIssue, separatorIssue } from './csv-problems.js';
import { checkFile } from './files.js';

/** One data row: a cell by column name (case-insensitive; blank if absent) and its line. */
export interface StreamRow {
  get: (column: string) => string;
  line: number;
}

/**
 * Streams the rows of `file`. A header without a `required` column, an empty file, or one with
 * a header and no rows, adds one issue and yields nothing; a row with more or fewer fields than
 * the header (a file cut off mid-row, say) adds an issue and is not yielded; a malformed file (a
 * stray quote) throws `InputParseError` with the line where the broken quoted field opens.
 */
export async function* streamCsv(file: string, required: string[], issues: Issue[]): AsyncGenerator<StreamRow> {
  checkFile(file, 'a CSV file');
  // Lines are counted per record (csv-parse's per-record info costs a quarter of the time): exact
  // unless a quoted field spans lines, which record-level exports do not have.
  const parser = createReadStream(file).pipe(parse({ bom: true, trim: true, relax_column_count: true }));
  let index: Map<string, number> | null = null;
  let width = 0;
  let rows = 0;
  // Callers ask for the same few column names on every row: look each up once.
  const columns = new Map<string, number>();
  const column = (c: string): number => {
    let i = columns.get(c);
    if (i === undefined) columns.set(c, (i = index!.get(c.toLowerCase()) ?? -1));
    return i;
  };
  let line = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      line++;
      if (record.length === 1 && record[0] === '') continue; // an empty line
      if (!index) {
        index = new Map(record.map((c, i) => [c.toLowerCase(), i]));
        width = record.length;
        const missing = required.filter((c) => !index!.has(c.toLowerCase()));
        if (missing.length) {
          issues.push(separatorIssue(file, record) ?? { location: { file, line: 1 }, path: missing.join(', '), message: `column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing`, expected: `a header with ${required.join(', ')}` });
          return;
        }
        continue;
      }
      // Trailing empty fields beyond the header (`a,b,,`) are harmless; anything else shifts or
      // drops values.
      if (record.length !== width && (record.length < width || record.slice(width).some((v) => v !== ''))) {
        issues.push(rowLengthIssue(file, line, record.length, width));
        continue;
      }
      rows++;
      yield { get: (c: string) => { const i = column(c); return i < 0 ? '' : record[i] ?? ''; }, line };
    }
  } catch (err) {
    const e = err as { lines?: number; message: string; code?: string };
    if (!e.code?.startsWith('CSV_') && e.code !== 'INVALID_OPENING_QUOTE') throw err;
    // The failing record starts on the line after the last one read.
    throw new InputParseError([csvParseIssue(file, e, () => brokenQuoteLine(file) ?? line + 1, line + 1)]);
  }
  if (!index || (rows === 0 && !issues.some((i) => i.location.file === file))) issues.push(emptyFileIssue(file, index !== null));
}
