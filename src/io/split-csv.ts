/**
 * The fast path for record-level exports without quotes: the file split on commas and line ends
 * in one pass over its text, giving exactly the records csv-parse gives with `bom`, `trim` and
 * `relax_column_count` (the same fields, trimmed the same way, the same records for blank lines
 * and a last line without its line end). csv-parse takes four fifths of the time of reading such
 * a file; a file this cannot split the same way (a double quote, a UTF-16 byte-order mark, lines
 * ending in a bare CR) is left to it.
 */

import { isAscii } from 'node:buffer';

const QUOTE = 0x22;
const LF = 10;
const CR = 13;
const COMMA = 44;
/** Decoded a piece at a time, each ending at a line end, so a file longer than V8's longest string splits too. */
const PIECE_BYTES = 1 << 26;

/** Whether `buf` splits here: no double quote, no UTF-16 byte-order mark, lines that end in LF or CRLF. */
export function splittable(buf: Buffer): boolean {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return false;
  if (buf.indexOf(QUOTE) >= 0) return false;
  const cr = buf.indexOf(CR);
  // csv-parse takes the first line end it meets as the only one: a bare CR makes CR the line end.
  return cr < 0 || buf[cr + 1] === LF || (buf.indexOf(LF) >= 0 && buf.indexOf(LF) < cr);
}

/** One record of a split file: its fields as offsets into the text read. */
export class SplitRecord {
  text = '';
  /** Field `i` is `text` from `bounds[2i]` to `bounds[2i + 1]`. */
  bounds = new Int32Array(64);
  length = 0;

  /** The value of field `i`, trimmed as csv-parse trims (JavaScript's white space and line ends). */
  cell(i: number): string {
    const a = this.bounds[2 * i];
    const b = this.bounds[2 * i + 1];
    const t = this.text;
    if (b > a) {
      const first = t.charCodeAt(a);
      const last = t.charCodeAt(b - 1);
      if (first > 32 && first < 127 && last > 32 && last < 127) return t.slice(a, b);
    }
    return t.slice(a, b).trim();
  }

  /** Adds the field from `a` to `b`. */
  push(a: number, b: number): void {
    if (2 * this.length + 2 > this.bounds.length) {
      const wider = new Int32Array(this.bounds.length * 2);
      wider.set(this.bounds);
      this.bounds = wider;
    }
    this.bounds[2 * this.length] = a;
    this.bounds[2 * this.length + 1] = b;
    this.length++;
  }
}

/**
 * Splits `buf` (which `splittable` accepted) into records, handing each to `take` in order; the
 * record is reused, so `take` reads it before returning. `take` returning false stops the split.
 * The text is decoded `pieceBytes` at a time (tests make pieces small).
 */
export function splitCsv(buf: Buffer, take: (record: SplitRecord) => boolean, pieceBytes = PIECE_BYTES): void {
  let from = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  // The first line end decides, as in csv-parse (`splittable` refused a bare CR before it).
  const lf = buf.indexOf(LF, from);
  const crlf = lf > from && buf[lf - 1] === CR;
  const record = new SplitRecord();
  while (from < buf.length) {
    const to = pieceEnd(buf, from, crlf, pieceBytes);
    // ASCII (most exports) decodes as Latin-1, twice as fast as UTF-8 and the same text.
    record.text = buf.toString(isAscii(buf.subarray(from, to)) ? 'latin1' : 'utf8', from, to);
    if (!splitText(record, crlf, take)) return;
    from = to;
  }
}

/** Where the piece from `from` ends: just after the last line end within `bytes`, or the end of the file. */
function pieceEnd(buf: Buffer, from: number, crlf: boolean, bytes: number): number {
  if (buf.length - from <= bytes) return buf.length;
  let i = buf.lastIndexOf(LF, from + bytes - 1);
  while (i > from && crlf && buf[i - 1] !== CR) i = buf.lastIndexOf(LF, i - 1);
  if (i > from) return i + 1;
  // A record longer than a piece: the piece runs to its end.
  i = buf.indexOf(LF, from + bytes);
  while (i >= 0 && crlf && buf[i - 1] !== CR) i = buf.indexOf(LF, i + 1);
  return i < 0 ? buf.length : i + 1;
}

/** Splits one piece; false when `take` stopped. */
function splitText(record: SplitRecord, crlf: boolean, take: (record: SplitRecord) => boolean): boolean {
  const text = record.text;
  const n = text.length;
  let fieldStart = 0;
  record.length = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      record.push(fieldStart, i);
      fieldStart = i + 1;
    } else if (c === LF) {
      // With CRLF line ends, a bare LF is part of a field (csv-parse trims it like a space).
      if (crlf && text.charCodeAt(i - 1) !== CR) continue;
      record.push(fieldStart, crlf ? i - 1 : i);
      if (!take(record)) return false;
      record.length = 0;
      fieldStart = i + 1;
    }
  }
  // A last line without its line end is a record unless it is only white space.
  if (record.length > 0 || text.slice(fieldStart).trim() !== '') {
    record.push(fieldStart, n);
    if (!take(record)) return false;
  }
  return true;
}
