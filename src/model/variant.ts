/** A model with another population projection: the entry state's initial stock derived again. */
import { populationAt } from './population.js';
import { parseIsoDate } from './time.js';
import type { Model, PopulationProjection } from './types.js';

/**
 * The model following `projection` instead of its own; the initial stock of the entry state is
 * derived again (population minus the other states) in the bands where the model derived it.
 * A model without a projection is returned as it is.
 */
export function modelWithProjection(model: Model, projection: PopulationProjection): Model {
  if (model.population?.kind !== 'projection') return model;
  const e = model.states.findIndex((s) => s.id === model.population!.entryState);
  const target = populationAt(projection, parseIsoDate(model.time.start)!);
  const initial = model.initial.map((row) => row.slice());
  for (const b of model.population.derivedBands) {
    const others = initial[b].reduce((t, v, s) => (s !== e && !model.states[s].absorbing ? t + v : t), 0);
    initial[b][e] = Math.max(0, target[b] - others);
  }
  return { ...model, population: { ...model.population, projection }, initial };
}
