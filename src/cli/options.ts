/**
 * Parsing of command-line values, one rule for every command: numbers are plain decimal digits
 * (JavaScript's `Number()` would take `0x5`, `1e1`, ` 5`, `5.` and `''`), and a misspelt choice
 * gets a "did you mean".
 */
import { UsageError } from '../errors.js';
import { withSuggestion } from '../model/suggest.js';

/** `value` as a whole number from `min` to `max`; digits only (leading zeros allowed), else a usage error naming `flag`. */
export function parseWholeNumber(flag: string, value: string | undefined, min: number, max: number, what = 'a whole number'): number {
  const n = value !== undefined && /^[0-9]{1,15}$/.test(value) ? Number(value) : NaN;
  // Years read as years (2100), counts with separators (100,000).
  const shown = (x: number) => (what === 'a year' ? String(x) : x.toLocaleString('en-GB'));
  if (!(n >= min && n <= max)) throw new UsageError(`${flag} must be ${what} from ${shown(min)} to ${shown(max)}, written in digits, not '${value ?? ''}'`);
  return n;
}

/** A year such as 2019 (1990 to 2100), digits only. */
export function parseYear(flag: string, value: string | undefined): number {
  return parseWholeNumber(flag, value, 1990, 2100, 'a year');
}

/** `value` if it is one of `choices`; else a usage error listing them, with a "did you mean" when one is close. */
export function parseChoice<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(withSuggestion(`${flag} must be one of ${choices.join(', ')}, not '${value}'`, value, choices));
}

/** `--format`, checked against the formats a command offers. */
export function parseFormat<T extends string>(value: string, formats: readonly T[]): T {
  return parseChoice('--format', value, formats);
}

/** `--years`: a whole number from 1 to 100, or undefined for the model's own horizon. */
export function parseYears(value: string | undefined): number | undefined {
  return value === undefined ? undefined : parseWholeNumber('--years', value, 1, 100, 'a whole number of years');
}

/**
 * `--seed`: a number or a word. A number is written in its shortest form first, so `042`,
 * `42.0` and `42` are one seed (and seed 42 keeps the draws it always gave); a word is used as
 * given, case and all.
 */
export function parseSeed(value: string): string {
  if (!/^[\w.-]{1,64}$/.test(value)) throw new UsageError(`--seed must be a number or a word (letters, digits, . _ -, at most 64), not '${value}'`);
  const m = /^(-?)([0-9]+)(?:\.([0-9]*))?$/.exec(value);
  if (!m) return value;
  const whole = m[2].replace(/^0+(?=.)/, '');
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  const sign = m[1] && (whole !== '0' || fraction) ? '-' : '';
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}
