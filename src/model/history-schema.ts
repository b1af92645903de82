/**
 * The `history` section of a model file (zod): states split by "been here before", expanded when
 * the model is built (`history.ts`). models/README.md documents it.
 */
import * as z from 'zod';

const probability = z
  .number({ message: 'expected a probability' })
  .min(0, { message: 'a probability must be at least 0' })
  .max(1, { message: 'a probability must be at most 1' });
const share = z.number().min(0, { message: 'a share must be at least 0' }).max(1, { message: 'a share must be at most 1' });

/** One history flag, keyed by the state whose starts are first or repeat (e.g. `cpp`). */
export const historySchema = z.strictObject({
  /** States that remember a child left the flagged state (each gets a copy for those children). */
  carried_by: z.array(z.string()).min(1, { message: 'name at least one state that remembers, e.g. [cin]' }),
  /** Months the memory lasts on average (a child forgets with probability 1/months a step); absent: for good. */
  forget_after: z.number({ message: 'expected months' }).positive({ message: 'months must be above 0' }).optional(),
  /** Words for the repeat copy, e.g. `second or subsequent plan` (default: `repeat`). */
  repeat_label: z.string().min(1).optional(),
  /** Moves (per step) of children who were there before, replacing the state's own: keyed by the flagged or a carrying state. */
  rows: z.record(z.string(), z.record(z.string(), probability)).optional(),
  /** Share of the start stock who were there before: of the flagged state, and of each carrying state. */
  initial: z.record(z.string(), share).optional(),
});

/** The section: history flags by state id. */
export const historiesSchema = z.record(z.string(), historySchema);
