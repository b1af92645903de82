/**
 * The model file format, version 1, as a zod schema of the raw YAML. Structure and types are
 * checked here; cross-references (state ids, bands, row sums) are checked in `build.ts`.
 * models/README.md documents every field.
 */
import * as z from 'zod';
import { durationsSchema } from './durations-schema.js';
import { historiesSchema } from './history-schema.js';

const ID = /^[a-z][a-z0-9_]*$/;
const id = z.string().regex(ID, { message: 'an id is lower-case letters, digits and _, starting with a letter' });
const nonNeg = z.number({ message: 'expected a number' }).finite().nonnegative({ message: 'must not be negative' });
const probability = z.union([
  z.number({ message: 'expected a probability' }).min(0, { message: 'a probability must be at least 0' }).max(1, { message: 'a probability must be at most 1' }),
  z.literal('rest'),
], { message: "expected a probability between 0 and 1, or 'rest'" });
// YAML reads `17` or `[16, 17]` as numbers; a band label is text either way.
const bandLabel = z.union([z.string(), z.number().int().nonnegative()], { message: "expected an age band such as 0-4 or 17" }).transform(String);
const ages = z.union([z.literal('all'), bandLabel, z.array(bandLabel)]);

const stateSchema = z.strictObject({
  id,
  label: z.string().optional(),
  /** A few words for chart legends (the label is used in full in captions and tables). */
  short_label: z.string().min(1, { message: 'a short label must not be empty' }).optional(),
  absorbing: z.boolean().optional(),
});

const matrixSchema = z.strictObject({
  ages: ages.optional(),
  rows: z.record(z.string(), z.record(z.string(), probability)).optional(),
  counts: z.record(z.string(), z.record(z.string(), nonNeg)).optional(),
});

// A financial year as `2025` or `2025/26`; checked (and matched to the model's years) in build/year-rates.ts.
const yearKeyed = <T extends z.ZodType>(v: T) => z.record(z.string(), v);

/** A move whose probability changes by financial year (models/README.md, `transitions.by_year`). */
const yearRateSchema = z.strictObject({
  from: z.string(),
  to: z.union([z.string(), z.array(z.string()).min(1)]),
  ages: ages.optional(),
  value: yearKeyed(z.number({ message: 'expected a probability' }).min(0, { message: 'a probability must be at least 0' }).max(1, { message: 'a probability must be at most 1' })).optional(),
  factor: yearKeyed(nonNeg).optional(),
  trend: z
    .strictObject({
      change: z.number({ message: 'expected the change a year in the log of the probability, e.g. -0.04' }).min(-1).max(1),
      damping: z.number().min(0, { message: 'damping is from 0 to below 1' }).lt(1, { message: 'damping must be below 1 (an undamped trend grows without limit: give yearly values instead)' }),
      from: z.union([z.string(), z.number().int()]).transform(String).optional(),
    })
    .optional(),
});

const placementSchema = z.strictObject({
  label: z.string().optional(),
  share: z.number().min(0, { message: 'a share must be at least 0' }).max(1, { message: 'a share must be at most 1' }),
  per_week: nonNeg.optional(),
  per_year: nonNeg.optional(),
});

const costSchema = z.strictObject({
  per_week: nonNeg.optional(),
  per_year: nonNeg.optional(),
  mix: z.record(z.string().regex(ID, { message: 'a placement type id is lower-case letters, digits and _, starting with a letter' }), placementSchema).optional(),
});

/** A distribution as written: its kind and the spread of the value it describes. */
export const distributionSchema = z.strictObject({
  distribution: z.enum(['gamma', 'lognormal', 'beta', 'normal']),
  cv: z.number().positive({ message: 'a coefficient of variation must be above 0' }).max(10).optional(),
  sd: z.number().positive({ message: 'a standard deviation must be above 0' }).optional(),
  mean: z.number().optional(),
  low: z.number().optional(),
  high: z.number().optional(),
});

/** A shock to moves lasting a financial year (models/README.md, `uncertainty.year_shocks`). */
const yearShockSchema = z.strictObject({
  label: z.string().optional(),
  from: z.union([z.string(), z.array(z.string()).min(1)]),
  to: z.union([z.string(), z.array(z.string()).min(1)]),
  ages: ages.optional(),
  sd: z.number({ message: 'expected the sd of the log factor a year, e.g. 0.05' }).finite().nonnegative({ message: 'an sd must not be negative' }).max(2, { message: 'an sd of the log factor is at most 2' }),
  persistence: z.number({ message: 'expected a share, 0 to 1' }).min(0, { message: 'persistence must be at least 0' }).max(1, { message: 'persistence must be at most 1' }).optional(),
});

const uncertaintySchema = z.strictObject({
  transitions: z
    .array(
      z.strictObject({
        rows: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
        ages: ages.optional(),
        sample_size: z.union([z.number().positive({ message: 'a sample size must be above 0' }), z.literal('counts')]),
      }),
    )
    .optional(),
  probabilities: z.array(distributionSchema.extend({ from: z.string(), to: z.string(), ages: ages.optional() })).optional(),
  costs: z.record(z.string(), distributionSchema).optional(),
  population_growth: distributionSchema.optional(),
  capacity: z.record(z.string(), distributionSchema).optional(),
  population_variants: z
    .array(
      z.strictObject({
        label: z.string(),
        weight: z.number().positive({ message: 'a weight must be above 0' }),
        growth: z.number().min(-0.5).max(0.5).optional(),
        file: z.string().optional(),
        area: z.string().optional(),
      }),
    )
    .min(2, { message: 'give at least two variants to choose between' })
    .optional(),
  year_shocks: z.array(yearShockSchema).optional(),
});

/** A capacity limit on a state, keyed by the state's id. */
const capacitySchema = z.strictObject({
  label: z.string().optional(),
  overflow: z.string(),
  places: nonNeg.optional(),
  households: nonNeg.optional(),
  places_per_household: z.number().positive({ message: 'places per household must be above 0' }).max(10).optional(),
  recruitment_per_year: nonNeg.optional(),
  attrition_per_year: z.number().min(0, { message: 'attrition must be at least 0' }).max(1, { message: 'attrition is a share a year, at most 1' }).optional(),
  places_by_year: z.record(z.string(), nonNeg).optional(),
});

/**
 * A group of states reported together and named in rows, scenarios and costs (e.g. `cic`, every
 * placement type); `split` says where a move into the group lands, by age band.
 */
const groupSchema = z.strictObject({
  id,
  label: z.string().optional(),
  states: z.array(z.string()).min(1),
  split: z.array(z.strictObject({ ages: ages.optional(), shares: z.record(z.string(), z.number().min(0, { message: 'a share must be at least 0' }).max(1, { message: 'a share must be at most 1' })) })).min(1).optional(),
});

const fileRef = z.strictObject({ file: z.string(), area: z.string().optional() });

/** Raw model file as written by a user. */
export const modelFileSchema = z.strictObject({
  carecast: z.literal(1, { message: 'the format version must be 1 (write `carecast: 1`)' }),
  name: z.string(),
  description: z.string().optional(),
  time: z.strictObject({
    start: z.string({ message: 'expected a date written YYYY-MM-DD' }),
    step: z.enum(['month', 'quarter', 'year']),
    horizon_years: z.number().int().positive().max(100),
  }),
  states: z.array(stateSchema).min(1),
  ages: z
    .strictObject({
      /** Ages the model counts, e.g. 0-25 (default 0-17); checked in build/age-range.ts. */
      range: bandLabel.optional(),
      bands: z.union([z.literal('single'), z.array(bandLabel).min(1)]),
      age_out_to: z.union([id, z.record(z.string(), z.string())]),
      /** States whose children leave before the top of the range: state or group → age and where. */
      leave: z.record(z.string(), z.strictObject({ at: z.number({ message: 'expected an age, e.g. 18' }).int({ message: 'expected a whole age' }).nonnegative(), to: z.string() })).optional(),
    })
    .optional(),
  transitions: z.strictObject({
    per: z.enum(['year', 'step']),
    negative_root: z.enum(['refuse', 'clip']).optional(),
    matrices: z.array(matrixSchema).min(1),
    by_year: z.array(yearRateSchema).optional(),
  }),
  population: z
    .strictObject({
      entry_state: z.string(),
      /** Ages the population counts and follows (default: the model's range); checked in build/age-range.ts. */
      ages: bandLabel.optional(),
      projection: fileRef.optional(),
      births: z.record(z.string(), nonNeg).optional(),
    })
    .optional(),
  direct_entries: z
    .array(z.strictObject({ state: z.string(), ages: bandLabel.optional(), per_year: nonNeg }))
    .optional(),
  initial: z.union([
    z.strictObject({ file: z.string() }),
    z.record(z.string(), z.union([nonNeg, z.record(z.string(), nonNeg)])),
  ]),
  values: z
    .strictObject({
      price_base: z.string().optional(),
      inflation: z.number().min(-0.5).max(1).optional(),
      discount_rate: z.number().min(0).max(1).optional(),
      count: z.enum(['start', 'end', 'average']).optional(),
      discount_first_period: z.boolean().optional(),
      costs: z.record(z.string(), costSchema).optional(),
      transition_costs: z
        .array(z.strictObject({ from: z.string(), to: z.string(), cost: nonNeg, label: z.string().optional() }))
        .optional(),
      measures: z
        .array(
          z.strictObject({
            id,
            label: z.string().optional(),
            per_year: z.record(z.string(), z.number().finite()),
            discount_rate: z.number().min(0).max(1).optional(),
            kind: z.enum(['total', 'fte']).optional(),
            totals: z.boolean().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  capacity: z.record(z.string(), capacitySchema).optional(),
  uncertainty: uncertaintySchema.optional(),
  groups: z.array(groupSchema).optional(),
  // Ranges are checked in build/workforce.ts, so each message can say what the field means.
  workforce: z
    .array(
      z.strictObject({
        measure: z.string(),
        label: z.string().optional(),
        permanent_fte: z.number({ message: 'expected FTE' }).finite(),
        establishment: z.union([z.number().finite(), z.literal('needed')], { message: "expected FTE posts, or 'needed'" }).optional(),
        turnover: z.number({ message: 'expected a share a year, e.g. 0.12' }).finite(),
        recruitment: z.union([z.number().finite(), z.literal('vacancies')], { message: "expected FTE a year, or 'vacancies'" }),
        cost_per_fte: z.number({ message: 'expected £ a year' }).finite(),
        agency_premium: z.number({ message: 'expected a share, e.g. 0.5 for 50% more' }).finite(),
      }),
    )
    .optional(),
  report: z
    .strictObject({
      groups: z.array(groupSchema).optional(),
    })
    .optional(),
  /** Duration bands on states (durations-schema.ts). */
  durations: durationsSchema.optional(),
  /** History flags: states split by "been here before" (history-schema.ts). */
  history: historiesSchema.optional(),
});

export type ModelFile = z.infer<typeof modelFileSchema>;
