/**
 * Numbers in CSV cells: a point is the decimal separator and a comma only a thousands separator.
 * A decimal comma ("5034,3", as a European-locale spreadsheet writes it) is refused, never read
 * as 50343.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readNumber } from '../../src/io/number.js';

describe('readNumber', () => {
  it.each([
    ['5034.3', 5034.3],
    ['5,034.3', 5034.3],
    ['1,234', 1234],
    ['1,234,567', 1234567],
    ['12,345,678.25', 12345678.25],
    ['0', 0],
    ['-0.5', -0.5],
    ['.5', 0.5],
    ['12.', 12],
    [' 42 ', 42],
    ['1e3', 1000],
    ['+7', 7],
  ])('reads %s as %d', (text, value) => {
    expect(readNumber(text)).toEqual({ value });
  });

  it.each(['5034,3', '1,23', '1,2345', '1,234,56', '12,3.5', ',5', '5,'])('refuses %s: a comma that cannot be a thousands separator', (text) => {
    const r = readNumber(text);
    expect(r).toHaveProperty('separator', true);
    expect('problem' in r && r.problem).toMatch(/comma|more than one decimal separator/);
  });

  it.each(['1.234,5', '1.234.567', '5.034.3', '1,234.5,6'])('refuses %s: more than one decimal separator', (text) => {
    expect(readNumber(text)).toEqual({ problem: 'has more than one decimal separator', separator: true });
  });

  it.each(['', '  ', 'n/a', '0x10', 'Infinity', '1_000', '12abc', '£5'])('refuses %j: not a decimal number', (text) => {
    expect(readNumber(text)).toHaveProperty('problem');
    expect(readNumber(text)).not.toHaveProperty('value');
  });

  it('reads back any number written plainly, or with thousands commas', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const plain = `${whole}.${String(cents).padStart(2, '0')}`;
        const grouped = `${whole.toLocaleString('en-GB')}.${String(cents).padStart(2, '0')}`;
        expect(readNumber(plain)).toEqual({ value: Number(plain) });
        expect(readNumber(grouped)).toEqual({ value: Number(plain) });
      }),
    );
  });
});
