/**
 * The scenario file format, version 1, as a zod schema of the raw YAML. References to the model
 * (states, age bands, placement types) are checked in `resolve.ts`; scenarios/README.md documents
 * every field.
 */
import * as z from 'zod';
import { distributionSchema } from '../model/schema.js';

const ID = /^[a-z][a-z0-9_]*$/;
const id = z.string().regex(ID, { message: 'an id is lower-case letters, digits and _, starting with a letter' });
const nonNeg = z.number({ message: 'expected a number' }).finite().nonnegative({ message: 'must not be negative' });
const date = z.string({ message: 'expected a date written YYYY-MM-DD' });
const bandLabel = z.union([z.string(), z.number().int().nonnegative()], { message: 'expected an age band such as 0-4 or 17' }).transform(String);
const ages = z.union([z.literal('all'), bandLabel, z.array(bandLabel).min(1)]);
const states = z.union([z.string(), z.array(z.string()).min(1)]);

const timing = {
  start: date.optional(),
  phase_in_months: z.number().min(0, { message: 'must not be negative' }).max(1200).optional(),
  end: date.optional(),
};

const rateChangeSchema = z.strictObject({
  id: id.optional(),
  label: z.string().optional(),
  from: z.string(),
  to: states.optional(),
  ages: ages.optional(),
  multiply: nonNeg.optional(),
  relative_risk: nonNeg.optional(),
  add: z.number().min(-1).max(1).optional(),
  set: z.number().min(0, { message: 'a probability must be at least 0' }).max(1, { message: 'a probability must be at most 1' }).optional(),
  clip: z.boolean().optional(),
  uncertainty: distributionSchema.optional(),
  ...timing,
});

const costChangeSchema = z.strictObject({
  id: id.optional(),
  label: z.string().optional(),
  state: z.string(),
  type: z.string().optional(),
  multiply: nonNeg.optional(),
  per_week: nonNeg.optional(),
  per_year: nonNeg.optional(),
  ...timing,
});

const mixShiftSchema = z.strictObject({
  id: id.optional(),
  label: z.string().optional(),
  state: z.string(),
  from: z.string(),
  to: z.string(),
  move: z.number().min(0, { message: 'a share must be at least 0' }).max(1, { message: 'a share must be at most 1' }),
  uncertainty: distributionSchema.optional(),
  ...timing,
});

const programmeSchema = z.strictObject({
  id,
  label: z.string().optional(),
  fixed_per_year: nonNeg.optional(),
  per_child: nonNeg.optional(),
  serves: z
    .strictObject({
      state: states,
      ages: ages.optional(),
      basis: z.enum(['starts', 'caseload']),
      share: z.number().min(0).max(1).optional(),
    })
    .optional(),
  uncertainty: distributionSchema.optional(),
  ...timing,
});

const capacityChangeSchema = z.strictObject({
  id: id.optional(),
  label: z.string().optional(),
  state: z.string(),
  recruit_per_year: nonNeg.optional(),
  attrition_per_year: z.number().min(0, { message: 'attrition must be at least 0' }).max(1, { message: 'attrition is a share a year, at most 1' }).optional(),
  places: z.number({ message: 'expected places (negative to close them)' }).finite().optional(),
  cost_per_recruit: nonNeg.optional(),
  support_per_year: nonNeg.optional(),
  setup_cost: nonNeg.optional(),
  fixed_per_year: nonNeg.optional(),
  uncertainty: distributionSchema.optional(),
  ...timing,
});

const workforceChangeSchema = z.strictObject({
  measure: z.string().optional(),
  label: z.string().optional(),
  caseload_multiply: z.number().positive({ message: 'a caseload factor must be above 0' }).max(10).optional(),
  recruitment: nonNeg.optional(),
  agency_premium: z.number().min(0, { message: 'must not be negative' }).max(5, { message: 'at most 5 (six times the permanent cost)' }).optional(),
  agency_cap: z.number().min(0, { message: 'a share must be at least 0' }).max(1, { message: 'a share must be at most 1' }).optional(),
  ...timing,
});

/** Raw scenario file as written by a user. */
export const scenarioFileSchema = z.strictObject({
  carecast: z.literal(1, { message: 'the format version must be 1 (write `carecast: 1`)' }),
  scenario: z.string({ message: "expected the scenario's name" }),
  /** A few words for chart legends and sheet names (the name is used in full in captions and tables). */
  short_label: z.string().min(1, { message: 'a short label must not be empty' }).optional(),
  description: z.string().optional(),
  extends: z.string().optional(),
  sources: z.array(z.string()).optional(),
  timing: z.strictObject(timing).optional(),
  changes: z.array(rateChangeSchema).optional(),
  costs: z.array(costChangeSchema).optional(),
  placement_mix: z.array(mixShiftSchema).optional(),
  programmes: z.array(programmeSchema).optional(),
  capacity: z.array(capacityChangeSchema).optional(),
  inflation: z.number().min(-0.5).max(1).optional(),
  population: z
    .strictObject({ file: z.string().optional(), area: z.string().optional(), growth: z.number().min(-0.5).max(0.5).optional() })
    .optional(),
  direct_entries: z.strictObject({ multiply: nonNeg }).optional(),
  workforce: z.array(workforceChangeSchema).optional(),
  remove: z.array(z.string()).optional(),
});

export type ScenarioFile = z.infer<typeof scenarioFileSchema>;
export type RawRateChange = z.infer<typeof rateChangeSchema>;
export type RawCostChange = z.infer<typeof costChangeSchema>;
export type RawMixShift = z.infer<typeof mixShiftSchema>;
export type RawProgramme = z.infer<typeof programmeSchema>;
export type RawWorkforceChange = z.infer<typeof workforceChangeSchema>;
