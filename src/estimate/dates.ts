/** Dates as councils export them: dd/mm/yyyy, or ISO yyyy-mm-dd. Days count from 1970-01-01 (UTC). */

const DAY_MS = 86_400_000;

/**
 * The day number of a date written dd/mm/yyyy or yyyy-mm-dd, or null if it is not a real date.
 *
 * @example
 * dayNumber('01/04/2017') === dayNumber('2017-04-01'); // true
 */
export function dayNumber(text: string): number | null {
  let y: number, mo: number, d: number;
  const c2 = text.charCodeAt(2);
  if (text.length === 10 && c2 === 47 /* / */ && text.charCodeAt(5) === 47) {
    d = digits(text, 0, 2);
    mo = digits(text, 3, 5);
    y = digits(text, 6, 10);
  } else if (text.length >= 10 && text.charCodeAt(4) === 45 /* - */ && text.charCodeAt(7) === 45 && (text.length === 10 || /^[T ]00:00(:00)?$/.test(text.slice(10)))) {
    y = digits(text, 0, 4);
    mo = digits(text, 5, 7);
    d = digits(text, 8, 10);
  } else {
    const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text); // d/m/yyyy without leading zeros
    if (!m) return null;
    [d, mo, y] = [+m[1], +m[2], +m[3]];
  }
  if (!(y >= 1800 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo))) return null;
  return daysFromCivil(y, mo, d);
}

/**
 * The day number of year `y`, month `m` (1-12), day `d`, as `Date.UTC(y, m - 1, d) / 86_400_000`
 * gives it (a day past the month's end rolls into the next, so 29 February of a common year is
 * 1 March), in integer arithmetic (H. Hinnant's days_from_civil): no Date per record.
 */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The year, month (1-12) and day of a day number, as a UTC Date gives them (H. Hinnant's civil_from_days). */
export function civilOfDay(day: number): { y: number; m: number; d: number } {
  const z = Math.floor(day) + 719_468; // a part of a day is that day, as in a Date
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

/** The number written in `text` from `a` to `b` (digits only), or NaN. */
function digits(text: string, a: number, b: number): number {
  let v = 0;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** The ISO text of a day number. */
export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Whole years of age on `day` for a child born on `birth`. */
export function ageOn(birth: number, day: number): number {
  const b = civilOfDay(birth);
  const d = civilOfDay(day);
  let age = d.y - b.y;
  if (d.m < b.m || (d.m === b.m && d.d < b.d)) age--;
  return age;
}
