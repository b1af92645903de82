/** Large record-level CSV files read as a stream (csv-parse, array rows), with line numbers. */
import { createReadStream, existsSync } from 'node:fs';
import { parse } from 'csv-parse';
import { InputNotFoundError, InputParseError, type Issue } from '../errors.js';

/** One data row: a cell by column name (case-insensitive; blank if absent) and its line. */
export interface StreamRow {
  get: (column: string) => string;
  line: number;
}

/**
 * Streams the rows of `file`. A header without a `required` column adds one issue and yields
 * nothing; a malformed file (a stray quote, say) throws `InputParseError` with its line.
 */
export async function* streamCsv(file: string, required: string[], issues: Issue[]): AsyncGenerator<StreamRow> {
  if (!existsSync(file)) throw new InputNotFoundError(file);
  // Lines are counted per record (csv-parse's per-record info costs a quarter of the time): exact
  // unless a quoted field spans lines, which record-level exports do not have.
  const parser = createReadStream(file).pipe(parse({ bom: true, trim: true, relax_column_count: true }));
  let index: Map<string, number> | null = null;
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
        const missing = required.filter((c) => !index!.has(c.toLowerCase()));
        if (missing.length) {
          issues.push({ location: { file, line: 1 }, path: missing.join(', '), message: `column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing`, expected: `a header with ${required.join(', ')}` });
          return;
        }
        continue;
      }
      yield { get: (c: string) => { const i = column(c); return i < 0 ? '' : record[i] ?? ''; }, line };
    }
  } catch (err) {
    const e = err as { lines?: number; message: string; code?: string };
    if (!e.code?.startsWith('CSV_')) throw err;
    throw new InputParseError([{ location: { file, line: e.lines ?? line + 1 }, path: '', message: e.message, expected: 'a CSV file with one record per line and every quote closed' }]);
  }
}
