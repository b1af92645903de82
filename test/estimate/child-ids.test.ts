/**
 * Child ids interned as integers: each distinct id string gets the next integer on first sight
 * and keeps it, whatever it looks like (digits with or without leading zeros, letters, text
 * beyond ASCII), also past the tables' growth.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChildIds } from '../../src/estimate/child-ids.js';

describe('ChildIds', () => {
  it('gives the integers a Map in order of first sight would (property)', () => {
    const name = fc.oneof(fc.nat({ max: 3000 }).map(String), fc.nat({ max: 99 }).map((n) => `0${n}`), fc.string({ maxLength: 4 }), fc.constantFrom('', '1234567890', '999999999', 'Zoë'));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 4000 }), (names) => {
        const ids = new ChildIds();
        const reference = new Map<string, number>();
        for (const s of names) {
          if (!reference.has(s)) reference.set(s, reference.size);
          expect(ids.of(s)).toBe(reference.get(s));
        }
        expect(ids.size).toBe(reference.size);
        expect(ids.names).toEqual([...reference.keys()]);
      }),
      { numRuns: 200 },
    );
  });

  it('tells apart ids that read as one number (007 and 7) and keeps 100,000 of them', () => {
    const ids = new ChildIds();
    expect([ids.of('7'), ids.of('007'), ids.of('7'), ids.of('07')]).toEqual([0, 1, 0, 2]);
    for (let i = 0; i < 100_000; i++) ids.of(`${i * 7919}`);
    expect(ids.of('7919')).toBe(4);
    expect(ids.size).toBe(3 + 100_000);
    expect(ids.of('0')).toBe(3);
  });
});
