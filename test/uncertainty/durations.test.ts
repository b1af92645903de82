/**
 * Monte Carlo on a model with duration bands reads its figures by the model's own states: the
 * children of a state's sub-states are summed (test/model/banded-models.ts, COUNCIL with bands on
 * plans and care), and equal the same model's without bands when the bands keep its rates.
 */
import { describe, expect, it } from 'vitest';
import { monteCarlo } from '../../src/uncertainty/montecarlo.js';
import { expectClose, yamlModel } from '../helpers.js';
import { COUNCIL } from '../model/banded-models.js';

describe('draws of a model with duration bands', () => {
  it('are read by the model’s own states, and match the model without bands', async () => {
    const plain = await monteCarlo(yamlModel(COUNCIL), [], { draws: 2, seed: 1 });
    const banded = await monteCarlo(yamlModel(`${COUNCIL}durations:\n  cpp: { bands: [3, 12, 24] }\n  care: { bands: [6, 12, 24, 60], exact: true }\n`), [], { draws: 2, seed: 1 });
    expect(banded.states).toEqual(plain.states);
    expect(banded.groups).toEqual(plain.groups);
    expect(banded.figures.length).toBe(plain.figures.length);
    plain.figures.forEach((v, i) => expectClose(banded.figures[i], v, 1e-9, `figure ${i}`));
  });
});
