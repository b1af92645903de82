/** Places over time for capacity limits: recruitment net of attrition, or places by year. */
import type { Capacity } from '../model/types.js';

/**
 * Units (households or places) at the end of each step, starting from `initial`: each step keeps
 * `(1 - attrition) ** stepYears` of the units and adds `recruited[k]` (units recruited in step k).
 *
 * @example
 * // 100 households, 12% leave a year, 20 recruited a year, yearly steps: 108, 115.04, …
 * unitsByStep(100, 0.12, 1, [20, 20]); // Float64Array [108, 115.04]
 */
export function unitsByStep(initial: number, attritionPerYear: number, stepYears: number, recruited: ArrayLike<number>): Float64Array {
  const keep = (1 - attritionPerYear) ** stepYears;
  const out = new Float64Array(recruited.length);
  let u = initial;
  for (let k = 0; k < recruited.length; k++) {
    u = u * keep + recruited[k];
    out[k] = u;
  }
  return out;
}

/**
 * Places of a capacity at the end of each step. With places by financial year, a step takes its
 * financial year's places (a year not listed keeps the previous one's, the start's before any).
 */
export function capacityPlacesByStep(cap: Capacity, fyOfStep: ArrayLike<number>, stepYears: number): Float64Array {
  const nSteps = fyOfStep.length;
  if (cap.placesByFinancialYear) {
    const out = new Float64Array(nSteps);
    let places = cap.initial * cap.placesPerUnit;
    for (let k = 0; k < nSteps; k++) {
      places = cap.placesByFinancialYear.get(fyOfStep[k]) ?? places;
      out[k] = places;
    }
    return out;
  }
  const units = unitsByStep(cap.initial, cap.attritionPerYear, stepYears, new Float64Array(nSteps).fill(cap.recruitmentPerYear * stepYears));
  return units.map((u) => u * cap.placesPerUnit);
}
