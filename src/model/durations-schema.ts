/**
 * The `durations` section of a model file (zod): duration bands on a state, expanded when the
 * model is built into ordinary sub-states (`durations.ts`). models/README.md documents it.
 */
import * as z from 'zod';

const probability = z
  .number({ message: 'expected a probability' })
  .min(0, { message: 'a probability must be at least 0' })
  .max(1, { message: 'a probability must be at most 1' });

/** Duration bands of one state, keyed by the state's id. */
export const durationSchema = z.strictObject({
  /** Upper ends of the bands in months, rising: `[3, 12, 24]` gives < 3, 3-12, 12-24 and 24+. */
  bands: z.array(z.number({ message: 'expected months' }).int({ message: 'a band ends at a whole number of months' }).positive({ message: 'a band ends after 0 months' })).min(1, { message: 'give at least one band end, e.g. [6, 12]' }),
  /** One sub-state per step in each closed band (exact durations), or one per band (default). */
  exact: z.boolean().optional(),
  /** Per band (`'3-12'`, `'24+'`): moves (per step) replacing the state's own, in every age band. */
  rows: z.record(z.string(), z.record(z.string(), probability)).optional(),
  /** Per band: a factor on every move out of the state (the stay probability takes up the change). */
  factor: z.record(z.string(), z.number({ message: 'expected a factor, e.g. 0.8' }).finite().nonnegative({ message: 'a factor must not be negative' })).optional(),
  /** How the stock at the start date is spread over the bands. */
  initial: z
    .union([z.enum(['steady', 'new']), z.record(z.string(), z.number().min(0, { message: 'a share must be at least 0' }).max(1, { message: 'a share must be at most 1' }))])
    .optional(),
});

/** The section: duration bands by state id. */
export const durationsSchema = z.record(z.string(), durationSchema);

export type DurationsFile = z.infer<typeof durationsSchema>;
