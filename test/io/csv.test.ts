/**
 * Reading CSV files, whole (model inputs) and row by row (record-level returns, split directly
 * when they hold no quote, else by csv-parse: both readers must agree): an empty or cut off
 * file, a row of the wrong length, a broken quote (reported where its field opens) and a file
 * separated by semicolons or tabs are errors that name the file and line, never used silently.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputParseError, type Issue } from '../../src/errors.js';
import { missingColumns, readCsv } from '../../src/io/csv.js';
import { readCsvRows } from '../../src/io/csv-rows.js';

const dir = mkdtempSync(join(tmpdir(), 'carecast-csv-'));
let n = 0;
const write = (text: string): string => {
  const file = join(dir, `f${n++}.csv`);
  writeFileSync(file, text);
  return file;
};

/** The issues of reading `text` whole (none when it reads). */
function wholeIssues(text: string): { file: string; issues: Issue[] } {
  const file = write(text);
  try {
    readCsv(file);
    return { file, issues: [] };
  } catch (e) {
    expect(e).toBeInstanceOf(InputParseError);
    return { file, issues: (e as InputParseError).issues };
  }
}

/** The issues, rows and lines of reading `file` row by row with one reader. */
function readRows(file: string, required: string[], parser: 'auto' | 'csv-parse', columns = required): { issues: Issue[]; rows: string[][]; lines: number[] } {
  const issues: Issue[] = [];
  const rows: string[][] = [];
  const lines: number[] = [];
  try {
    readCsvRows(file, columns, required, issues, (cells, line) => {
      rows.push([...cells]);
      lines.push(line);
    }, parser);
  } catch (e) {
    expect(e).toBeInstanceOf(InputParseError);
    issues.push(...(e as InputParseError).issues);
  }
  return { issues, rows, lines };
}

/** The issues of reading `text` row by row, and the lines of the rows visited: the same from both readers. */
async function streamIssues(text: string, required = ['a']): Promise<{ file: string; issues: Issue[]; lines: number[] }> {
  const file = write(text);
  const auto = readRows(file, required, 'auto');
  expect(auto).toEqual(readRows(file, required, 'csv-parse'));
  return { file, issues: auto.issues, lines: auto.lines };
}

describe('accepted as is', () => {
  const text = '\uFEFFa,b,c\r\n1,"2,000",x\r\n\r\n4, 5 ,"say ""hi"""\r\n';
  it('a byte-order mark, CRLF line ends, blank lines, quoted fields and spaces around fields', async () => {
    const { rows, columns } = readCsv(write(text));
    expect(columns).toEqual(['a', 'b', 'c']);
    expect(rows.map((r) => r.values)).toEqual([{ a: '1', b: '2,000', c: 'x' }, { a: '4', b: '5', c: 'say "hi"' }]);
    const s = await streamIssues(text);
    expect(s.issues).toEqual([]);
    expect(s.lines).toEqual([2, 4]);
  });

  it('trailing empty fields beyond the header in a streamed file', async () => {
    expect((await streamIssues('a,b\n1,2,,\n3,4\n')).issues).toEqual([]);
  });
});

describe('empty and cut-off files', () => {
  it.each([[''], ['\n\n'], ['\uFEFF']])('refuses an empty file (%j), read whole or streamed', async (text) => {
    const w = wholeIssues(text);
    expect(w.issues).toEqual([{ location: { file: w.file }, path: '', message: 'the file is empty', expected: 'a header row, then one row per record' }]);
    const s = await streamIssues(text);
    expect(s.issues).toEqual([{ location: { file: s.file }, path: '', message: 'the file is empty', expected: 'a header row, then one row per record' }]);
  });

  it.each([['a,b\n'], ['a,b'], ['a,b\n\n\n']])('refuses a header with no rows (%j)', async (text) => {
    expect(wholeIssues(text).issues[0].message).toBe('the file has a header but no rows (is it cut short?)');
    expect((await streamIssues(text)).issues.map((i) => i.message)).toEqual(['the file has a header but no rows (is it cut short?)']);
  });

  it.each([
    ['a,b,c\n1,2,3\n4,5', 3, 2],
    ['a,b,c\n1,2,3\n4\n7,8,9\n', 3, 1],
    ['a,b,c\n1,2,3\n4,5,6,7\n', 3, 4],
  ])('refuses a row of the wrong length, naming its line (%j)', async (text, line, fields) => {
    const expected = { location: { line }, expected: '3 fields on every row, as in the header' };
    const w = wholeIssues(text);
    expect(w.issues).toHaveLength(1);
    expect(w.issues[0]).toMatchObject({ ...expected, location: { file: w.file, line } });
    expect(w.issues[0].message).toContain(`the row has ${fields} field`);
    const s = await streamIssues(text);
    expect(s.issues).toHaveLength(1);
    expect(s.issues[0]).toMatchObject({ ...expected, location: { file: s.file, line } });
    expect(s.lines).not.toContain(line); // the short or long row is not used
    if (fields < 3) expect(s.issues[0].message).toContain('is the file truncated?');
  });
});

describe('a broken quote is reported where its field opens, not where parsing gave up', () => {
  it.each([
    ['a,b\n1,2\n"3,4\n5,6\n7,8\n', 3, 'is never closed'],
    ['a,b\n1,2\n3,4\n5,"6\n7,8\n9,10\n11,12\n', 4, 'is never closed'],
    ['a,b\n1,2\n"3,4\n5,6\n7"x,8\n9,9\n', 3, 'has text after its closing quote'],
    ['a,b\n"1 ""x"", y",2\n3,"4\n', 3, 'is never closed'],
  ])('%j: line %i', async (text, line, what) => {
    const w = wholeIssues(text);
    expect(w.issues).toHaveLength(1);
    expect(w.issues[0].location).toEqual({ file: w.file, line });
    expect(w.issues[0].message).toMatch(new RegExp(`^the quoted field that opens on line ${line} ${what}`));
    const s = await streamIssues(text);
    expect(s.issues.map((i) => i.location.line)).toEqual([line]);
    expect(s.issues[0].message).toContain(what);
  });

  it('a quote inside an unquoted field is reported on its line', async () => {
    const w = wholeIssues('a,b\n1,2\n3x"y,4\n5,6\n');
    expect(w.issues[0].location.line).toBe(3);
    expect((await streamIssues('a,b\n1,2\n3x"y,4\n5,6\n')).issues[0].location.line).toBe(3);
  });
});

describe('a file separated by something other than commas', () => {
  it.each([
    ['age;mid_year;population\n0;2024;5034,3\n', "';'"],
    ['age\tmid_year\tpopulation\n0\t2024\t5034.3\n', 'tabs'],
    ['age|mid_year|population\n0|2024|5034.3\n', "'|'"],
  ])('%j: says it seems to use %s, in one issue', async (text, name) => {
    // Refused on reading (when a decimal comma makes a row longer), or by the column check.
    const w = wholeIssues(text);
    const issues = w.issues.length ? w.issues : missingColumns(readCsv(w.file), ['age', ['mid_year', 'year'], 'population']);
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(new RegExp(`^the file seems to use ${name} between fields, and carecast expects commas`));
    const s = await streamIssues(text, ['age', 'population']);
    expect(s.issues).toHaveLength(1);
    expect(s.issues[0].message).toContain(`seems to use ${name}`);
  });

  it('names every accepted spelling of a missing year column', () => {
    const table = readCsv(write('age,date,population\n0,2024,1\n'));
    expect(missingColumns(table, ['age', ['mid_year', 'year'], 'population'])).toEqual([
      { location: { file: table.file, line: 1 }, path: 'mid_year', message: "column 'mid_year' (or 'year') is missing", expected: 'a header with age, mid_year (or year), population' },
    ]);
    const withYear = readCsv(write('age,year,people\n0,2024,1\n'));
    expect(missingColumns(withYear, ['age', ['mid_year', 'year'], 'population'])[0].expected).toBe('a header with age, year, population');
  });
});
