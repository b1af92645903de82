/** Parsing of options several commands share, with usage errors that say what was expected. */
import { UsageError } from '../errors.js';

/** `--format`, checked against the formats a command offers. */
export function parseFormat<T extends string>(value: string, formats: readonly T[]): T {
  if (!(formats as readonly string[]).includes(value)) throw new UsageError(`--format must be one of ${formats.join(', ')}, not '${value}'`);
  return value as T;
}

/** `--years`: a whole number from 1 to 100, or undefined for the model's own horizon. */
export function parseYears(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const years = Number(value);
  if (!Number.isInteger(years) || years < 1 || years > 100) throw new UsageError(`--years must be a whole number of years from 1 to 100, not '${value}'`);
  return years;
}
