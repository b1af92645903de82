/** "Did you mean …?": a close known name is offered, a far one is not. */
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../src/model/suggest.js';

describe('editDistance (Damerau-Levenshtein, optimal string alignment)', () => {
  it.each([
    ['', '', 0],
    ['cin', 'cin', 0],
    ['cin', 'cpp', 2],
    ['cin', 'icn', 1], // one swap of neighbours
    ['cla', 'clas', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('%s -> %s is %i edits', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('didYouMean', () => {
  const states = ['home', 'cin', 'cpp', 'cla', 'left'];

  it.each([
    ['cim', "did you mean 'cin'?"],
    ['CIN', "did you mean 'cin'?"], // case alone
    ['hoem', "did you mean 'home'?"],
    ['lefts', "did you mean 'left'?"],
  ])('%s -> %s', (input, hint) => {
    expect(didYouMean(input, states)).toBe(hint);
  });

  it('offers nothing when no candidate is close', () => {
    expect(didYouMean('adoption', states)).toBeNull();
    expect(didYouMean('x', [])).toBeNull();
  });

  it('allows more edits in longer names', () => {
    expect(didYouMean('residentail_care', ['residential_care', 'foster_care'])).toBe("did you mean 'residential_care'?");
    expect(didYouMean('0-5', ['0-4', '5-9', '10-15', '16-17'])).toBe("did you mean '0-4'?");
  });

  it('does not suggest the input itself', () => {
    expect(didYouMean('cin', ['cin'])).toBeNull();
  });
});
