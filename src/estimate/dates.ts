/** Dates as councils export them: dd/mm/yyyy, or ISO yyyy-mm-dd. Days count from 1970-01-01 (UTC). */

const DAY_MS = 86_400_000;

/**
 * The day number of a date written dd/mm/yyyy or yyyy-mm-dd, or null if it is not a real date.
 *
 * @example
 * dayNumber('01/04/2017') === dayNumber('2017-04-01'); // true
 */
export function dayNumber(text: string): number | null {
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  let y: number, mo: number, d: number;
  if (m) [d, mo, y] = [+m[1], +m[2], +m[3]];
  else if ((m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00)?)?$/.exec(text))) [y, mo, d] = [+m[1], +m[2], +m[3]];
  else return null;
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / DAY_MS;
}

/** The ISO text of a day number. */
export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Whole years of age on `day` for a child born on `birth`. */
export function ageOn(birth: number, day: number): number {
  const b = new Date(birth * DAY_MS);
  const d = new Date(day * DAY_MS);
  let age = d.getUTCFullYear() - b.getUTCFullYear();
  if (d.getUTCMonth() < b.getUTCMonth() || (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate())) age--;
  return age;
}
