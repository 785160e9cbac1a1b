/**
 * ISO calendar days (`YYYY-MM-DD`, read as UTC days): the form every date of
 * the catalogue and every date given in options takes, and the arithmetic the
 * support checks need. Pure: nothing here reads the clock.
 */

/** An ISO calendar date, `YYYY-MM-DD`, read as a UTC day. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when the value is a string naming a real calendar day in `YYYY-MM-DD` form. */
export function isIsoDate(text: unknown): text is IsoDate {
  if (typeof text !== 'string') return false;
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function utcMillis(day: IsoDate): number {
  if (!isIsoDate(day)) throw new Error(`"${day}" is not a calendar day in YYYY-MM-DD form (this is a bug in fleetform)`);
  return Date.parse(`${day}T00:00:00Z`);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((utcMillis(to) - utcMillis(from)) / 86_400_000);
}

/** The day `days` days after `day` (before, for a negative count). */
export function addDays(day: IsoDate, days: number): IsoDate {
  return new Date(utcMillis(day) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The UTC day of an instant, such as the timestamps of `aws eks describe-cluster-versions`. */
export function utcDayOf(instant: string): IsoDate | undefined {
  const t = Date.parse(instant);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}
