/**
 * From counted moves to a model: rows of counts per age band, the universal row from the
 * population, sparse rows pooled with the all-ages row (reported, never silent), initial stocks
 * at the window's end.
 */
import { populationAt } from '../model/population.js';
import type { PopulationProjection } from '../model/types.js';
import type { RecordState, TransitionCounts } from './count.js';

/** A row with fewer child-steps than this borrows strength from the all-ages row. */
export const SPARSE_EXPOSURE = 50;
/** Pseudo-counts a sparse row takes from the all-ages row (in proportion to its probabilities). */
export const POOLING_WEIGHT = 50;

/** The fitted rows of one age band. */
export interface FittedBand {
  label: string;
  /** Counts per row `[from][to]` (after pooling), over the model's states. */
  counts: number[][];
  /** Child-steps behind each row, before pooling. */
  exposure: number[];
  /** Rows that were pooled, by state id. */
  pooled: string[];
}

/** A fitted model's content, ready to write. */
export interface FittedModel {
  states: RecordState[];
  bands: FittedBand[];
  /** Children in each band and state at the window's end (universal from the population). */
  initial: number[][];
  /** Entries a year into each state by band, when there is no population to make them rates. */
  directEntries: { band: string; state: RecordState; perYear: number }[];
  years: number;
}

/**
 * Builds the rows. With a population, universal is a state: its row's exposure is the population
 * less the children known to services, and entries are rates per child of that age. Without one,
 * universal is left out: entries become direct entries a year, and moves back to universal go to
 * an exit.
 */
export function fitRows(c: TransitionCounts, population: PopulationProjection | null): FittedModel {
  const n = c.states.length;
  const nb = c.bands.length;
  const K = c.boundaries.length;
  const years = (c.boundaries[K - 1] - c.boundaries[0]) / 365.25;
  const popAt = (k: number) => (population ? populationAt(population, new Date(c.boundaries[k] * 86_400_000)) : null);
  const raw = c.bands.map((_, b) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => c.moves[(b * n + i) * n + j])));
  if (population) {
    for (let b = 0; b < nb; b++) {
      let exposure = 0;
      for (let k = 0; k < K - 1; k++) {
        let known = 0;
        for (let s = 1; s < n; s++) known += c.stocks[(k * nb + b) * n + s];
        exposure += Math.max(0, popAt(k)![b] - known);
      }
      const out = raw[b][0].reduce((a, v, j) => (j === 0 ? a : a + v), 0);
      raw[b][0][0] = Math.max(0, exposure - out);
    }
  }
  // The all-ages row of each state, for pooling.
  const pooledRow = (i: number) => {
    const row = new Array<number>(n).fill(0);
    for (let b = 0; b < nb; b++) for (let j = 0; j < n; j++) row[j] += raw[b][i][j];
    const total = row.reduce((a, v) => a + v, 0);
    return total > 0 ? row.map((v) => v / total) : row.map((_, j) => (j === i ? 1 : 0));
  };
  const bands: FittedBand[] = c.bands.map((band, b) => {
    const exposure = raw[b].map((row) => row.reduce((a, v) => a + v, 0));
    const pooled: string[] = [];
    const counts = raw[b].map((row, i) => {
      if (i === 0) return row; // universal: from the population, or only entries without one
      if (exposure[i] >= SPARSE_EXPOSURE) return row;
      pooled.push(c.states[i]);
      const prior = pooledRow(i);
      return row.map((v, j) => v + POOLING_WEIGHT * prior[j]);
    });
    return { label: band.label, counts, exposure, pooled };
  });
  const last = K - 1;
  const initial = c.bands.map((_, b) => {
    const row = c.states.map((_, s) => (s === 0 ? 0 : c.stocks[(last * nb + b) * n + s]));
    if (population) row[0] = Math.max(0, popAt(last)![b] - row.reduce((a, v) => a + v, 0));
    return row;
  });
  const directEntries = population
    ? []
    : c.bands.flatMap((band, b) => c.states.map((s, j) => ({ band: band.label, state: s, perYear: j === 0 ? 0 : raw[b][0][j] / years })).filter((d) => d.perYear > 0));
  return { states: c.states, bands, initial, directEntries, years };
}
