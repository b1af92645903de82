/**
 * The ages a validated model counts: its range (0-17 unless `ages.range` says otherwise), its
 * bands, and the bands its population counts (the denominator of rates per 10,000).
 */
import { DEFAULT_RANGE, type AgeRange } from './bands.js';
import type { AgeBand, Model } from './types.js';

/** The model's bands; one band `all` (0-17) for a model without ages. */
export function modelBands(model: Pick<Model, 'ages'>): AgeBand[] {
  return model.ages?.bands ?? [{ label: 'all', from: DEFAULT_RANGE.from, to: DEFAULT_RANGE.to }];
}

/** The ages the model counts, e.g. `{ from: 0, to: 25 }` for a SEND model. */
export function modelRange(model: Pick<Model, 'ages'>): AgeRange {
  return model.ages?.range ?? DEFAULT_RANGE;
}

/** The bands the population counts and follows (the youngest `populationBands`; every band by default). */
export function populationBandsOf(model: Pick<Model, 'ages' | 'populationBands'>): AgeBand[] {
  const bands = modelBands(model);
  return bands.slice(0, model.populationBands ?? bands.length);
}

/** The ages of the population's count, e.g. `{ from: 0, to: 17 }`: the children rates per 10,000 are per. */
export function populationRange(model: Pick<Model, 'ages' | 'populationBands'>): AgeRange {
  const bands = populationBandsOf(model);
  return { from: bands[0].from, to: bands[bands.length - 1].to };
}

/**
 * Active states entered only past the ages the population counts (care leavers, entered from
 * care at 18 in a model whose population counts 0-17): reported apart from the children, their
 * cost outside the cost of services.
 */
export function statesApart(model: Pick<Model, 'ages' | 'populationBands' | 'states'>): string[] {
  const top = populationRange(model).to;
  const out = new Set<string>();
  for (const l of Object.values(model.ages?.leaving ?? {})) {
    if (l.age > top && model.states.some((s) => s.id === l.to && !s.absorbing)) out.add(l.to);
  }
  return [...out];
}

/** `0-17`, `0-25`: a range as written in tables. */
export function rangeLabel(r: AgeRange): string {
  return `${r.from}-${r.to}`;
}
