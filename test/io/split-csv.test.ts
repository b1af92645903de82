/**
 * The direct splitter for files without quotes gives exactly the records csv-parse gives (with
 * `bom`, `trim`, `relax_column_count`): the same fields trimmed the same way, a record for each
 * blank line, a last line without its line end, CRLF files with a stray LF, any size of piece;
 * files it cannot split that way (a quote, a UTF-16 byte-order mark, bare CR line ends) are left
 * to csv-parse. Reading row by row gives the same rows, lines and problems on both paths.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputParseError, type Issue } from '../../src/errors.js';
import { readCsvRows } from '../../src/io/csv-rows.js';
import { splitCsv, splittable } from '../../src/io/split-csv.js';

/** The records csv-parse gives for `buf`, as the row reader asks for them. */
const parsed = (buf: Buffer): string[][] => parse(buf, { bom: true, trim: true, relax_column_count: true });

/** The records the splitter gives, decoded `piece` bytes at a time. */
function split(buf: Buffer, piece?: number): string[][] {
  const out: string[][] = [];
  splitCsv(buf, (r) => {
    out.push(Array.from({ length: r.length }, (_, i) => r.cell(i)));
    return true;
  }, piece);
  return out;
}

// Text without quotes, rich in what trips splitters: separators, line ends of both kinds, white
// space csv-parse trims (tab, no-break space, ideographic space, a byte-order mark), non-ASCII.
const piece = fc.constantFrom('a', 'b', '7', '01/04/2017', ',', ',', '\n', '\n', '\r\n', '\r', ' ', '\t', '\u00a0', '\u3000', '\ufeff', 'é', '€', ';');
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

describe('the splitter gives the records csv-parse gives', () => {
  it('for any text without quotes that it takes (property)', () => {
    fc.assert(
      fc.property(text, fc.boolean(), fc.integer({ min: 1, max: 12 }), (body, bom, pieceBytes) => {
        const buf = Buffer.from((bom ? '\ufeff' : '') + body);
        fc.pre(splittable(buf));
        expect(split(buf)).toEqual(parsed(buf));
        expect(split(buf, pieceBytes)).toEqual(parsed(buf));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['a byte-order mark, CRLF and spaces', '\ufeffa,b\r\n 1 , 2 \r\n'],
    ['blank lines, also of white space', 'a,b\n\n1,2\n  \n3,4\n'],
    ['a last line without its line end', 'a,b\n1,2'],
    ['a last line of white space only', 'a,b\n1,2\n \t'],
    ['a lone LF inside a CRLF file (part of a field)', 'a,b\r\n1\n2,3\r\n'],
    ['a CR inside an LF file (trimmed at a field end)', 'a,b\n1\r,2\r\n'],
    ['white space beyond ASCII', 'a,b\n\u00a01\u3000,\ufeff2\u2029\n'],
    ['trailing empty fields', 'a,b\n1,2,,\n'],
    ['non-ASCII text', 'a,b\nJosé,€5\n'],
  ])('%s', (_, body) => {
    const buf = Buffer.from(body);
    expect(splittable(buf)).toBe(true);
    expect(split(buf)).toEqual(parsed(buf));
    expect(split(buf, 3)).toEqual(parsed(buf));
  });

  it.each([
    ['a double quote', 'a,b\n"1",2\n'],
    ['a UTF-16 byte-order mark', '\ufffea,b\n'],
    ['bare CR line ends', 'a,b\r1,2\r'],
  ])('leaves a file with %s to csv-parse', (_, body) => {
    const buf = body.startsWith('\ufffe') ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\0,\0b\0', 'latin1')]) : Buffer.from(body);
    expect(splittable(buf)).toBe(false);
  });
});

describe('reading row by row: the same rows, lines and problems on both paths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'carecast-split-'));
  let n = 0;
  const read = (file: string, parser: 'auto' | 'csv-parse') => {
    const issues: Issue[] = [];
    const rows: [number, ...string[]][] = [];
    try {
      readCsvRows(file, ['a', 'b', 'c'], ['a', 'b'], issues, (cells, line) => rows.push([line, ...cells]), parser);
    } catch (e) {
      expect(e).toBeInstanceOf(InputParseError);
      issues.push(...(e as InputParseError).issues);
    }
    return { issues, rows };
  };

  it('for any header and body without quotes (property)', () => {
    const header = fc.constantFrom('a,b', 'a,b,c', 'A, b ,c', 'b;a', 'a', '', 'a,b,c,d');
    fc.assert(
      fc.property(header, text, fc.constantFrom('\n', '\r\n'), (h, body, eol) => {
        const file = join(dir, `p${n++}.csv`);
        writeFileSync(file, h + eol + body);
        expect(read(file, 'auto')).toEqual(read(file, 'csv-parse'));
      }),
      { numRuns: 1500 },
    );
  });

  it('a header in any case, columns picked by name, a missing optional column blank', () => {
    const file = join(dir, 'case.csv');
    writeFileSync(file, 'B,x,A\r\n2,y,1\r\n');
    expect(read(file, 'auto')).toEqual({ issues: [], rows: [[2, '1', '2', '']] });
  });
});
