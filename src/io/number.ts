/**
 * Numbers as spreadsheets write them in CSV cells. A comma is accepted only as a thousands
 * separator ("1,234" or "5,034.3"): a decimal comma ("5034,3", as a European-locale spreadsheet
 * writes it) would otherwise be read as 50343, ten times the value, so it is refused.
 */

/** A number read from a cell, or why the text is not one (`separator`: a misplaced comma or point). */
export type NumberRead = { value: number } | { problem: string; separator?: true };

// Digits with an optional decimal part and exponent; commas only between groups of three.
const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?([eE][+-]?\d+)?$/;

/**
 * Reads a decimal number written with a point and optional thousands commas (`1234`, `1,234`,
 * `5,034.3`, `-0.5`, `1e3`). Refuses a comma that cannot be a thousands separator, more than
 * one decimal separator, and JavaScript-only forms (`0x10`, `Infinity`, blanks).
 *
 * @example
 * readNumber('5,034.3'); // { value: 5034.3 }
 * readNumber('5034,3');  // { problem: "has a comma that is not a thousands separator …" }
 */
export function readNumber(text: string): NumberRead {
  const t = text.trim();
  if (PLAIN.test(t)) return { value: Number(t) };
  if (GROUPED.test(t)) return { value: Number(t.replace(/,/g, '')) };
  if (t === '') return { problem: 'is blank' };
  const points = t.split('.').length - 1;
  if (points > 1 || (t.includes(',') && /\.\d*,/.test(t))) return { problem: 'has more than one decimal separator', separator: true };
  if (t.includes(',') && /\d/.test(t)) return { problem: 'has a comma that is not a thousands separator (a decimal comma?)', separator: true };
  return { problem: 'is not a number' };
}

/** What a number cell should look like, for error messages. */
export const NUMBER_FORMS = 'a number with a decimal point, such as 1234, 1,234 or 5034.3';
