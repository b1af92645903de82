/**
 * Turns a structurally valid model file into a `Model`, checking every cross-reference and
 * collecting all problems (never stopping at the first). Each section has its own module in
 * `build/`; they share one issue collector.
 */
import { dirname } from 'node:path';
import { buildAges } from './build/ages.js';
import { buildDurations, withDurations } from './build/durations.js';
import { buildHistory } from './build/history.js';
import { buildLeaving, checkEntryLeaving, checkLeavingStocks, populationBandCount, readAgeRange } from './build/age-range.js';
import { buildCapacities } from './build/capacity.js';
import { buildInitial } from './build/initial.js';
import { IssueCollector, type PendingIssue } from './build/issues.js';
import { buildDirectEntries, buildPopulation } from './build/population.js';
import { buildStates } from './build/states.js';
import { buildTime } from './build/time.js';
import { buildTransitions } from './build/transitions.js';
import { buildUncertainty } from './build/uncertainty.js';
import { buildValues } from './build/values.js';
import { buildGroups } from './build/groups.js';
import { buildWorkforce } from './build/workforce.js';
import { buildYearRates, uncertainYearRates } from './build/year-rates.js';
import type { ModelFile } from './schema.js';
import type { Model } from './types.js';

export type { Path, PendingIssue } from './build/issues.js';
export { ROW_SUM_TOLERANCE } from './build/transitions.js';
export { WEEKS_PER_YEAR } from './build/values.js';

/** Builds a `Model` from a parsed file; returns the model only if there are no issues. */
export function buildModel(raw: ModelFile, file: string): { model: Model | null; issues: PendingIssue[] } {
  const c = new IssueCollector();
  const dir = dirname(file);
  const start = buildTime(raw, c);
  const st = buildStates(raw, c);
  const range = readAgeRange(raw, c);
  const ag = buildAges(raw, c, st, range);
  const gr = buildGroups(raw, c, st, ag);
  const leaving = buildLeaving(raw, c, st, ag, gr, range);
  const popBands = populationBandCount(raw, c, ag, range);
  const { matrices, counts } = buildTransitions(raw, c, st, ag, gr);
  const byYear = buildYearRates(raw, c, st, ag, matrices, start);
  const population = buildPopulation(raw, c, st, ag, start, dir, file, ag.bands.slice(0, popBands));
  const directEntries = buildDirectEntries(raw, c, st, ag, gr);
  const initial = buildInitial(raw, c, st, ag, population, start, dir, file);
  checkLeavingStocks(c, st, ag, leaving, initial, directEntries);
  checkEntryLeaving(c, ag, leaving, population, popBands);
  const values = buildValues(raw, c, st, gr, start);
  const capacities = buildCapacities(raw, c, st, population, initial, start);
  const workforce = buildWorkforce(raw, c, values.measures);
  const uncertainty = buildUncertainty(raw, {
    groups: gr.groups,
    capacities,
    states: st.states,
    bands: ag.bands,
    populationBands: ag.bands.slice(0, popBands),
    matrices,
    counts,
    index: st.index,
    stateRef: st.ref,
    resolveAges: ag.resolve,
    add: c.add.bind(c),
    perStep: raw.transitions.per === 'step' || raw.time.step === 'year',
    costPerYear: values.costPerYear,
    population,
    dir,
    file,
    issues: c.issues,
  });

  uncertainYearRates(c, byYear, uncertainty, st);
  const expansions = { history: buildHistory(raw, c, st, gr), durations: buildDurations(raw, c, st) };
  if (c.count) return { model: null, issues: c.issues };
  const v = raw.values ?? {};
  return withDurations(c, expansions, {
    issues: c.issues,
    model: {
      format: 1,
      name: raw.name,
      description: raw.description ?? '',
      file,
      time: { start: raw.time.start, step: raw.time.step, horizonYears: raw.time.horizon_years },
      states: st.states,
      ages: raw.ages ? { bands: ag.bands, ageOutTo: ag.ageOutTo, ...(raw.ages.range !== undefined && { range }), ...(Object.keys(leaving).length > 0 && { leaving }) } : null,
      transitions: { per: raw.transitions.per, negativeRoot: raw.transitions.negative_root ?? 'refuse', matrices, counts, byYear },
      population,
      ...(popBands < ag.bands.length && { populationBands: popBands }),
      directEntries,
      initial,
      values: {
        priceBaseYear: values.priceBaseYear,
        inflation: v.inflation ?? 0,
        discountRate: v.discount_rate ?? 0,
        count: v.count ?? 'average',
        discountFirstPeriod: v.discount_first_period ?? false,
        costPerYear: values.costPerYear,
        mixes: values.mixes,
        groupCosts: values.groupCosts,
        transitionCosts: values.transitionCosts,
        measures: values.measures,
      },
      groups: gr.groups,
      capacities,
      uncertainty,
      workforce,
    },
  });
}
