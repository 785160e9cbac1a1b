/**
 * CronJob schedules, checked as the CronJob controller reads them (the
 * robfig/cron v3 standard parser Kubernetes uses): five fields — minute (0–59),
 * hour (0–23), day of month (1–31), month (1–12 or JAN–DEC), day of week (0–6
 * or SUN–SAT) — each `*`, `?` (day fields only), a value, a range `a-b`, a
 * step `*\/n`, `a-b/n` or `a/n`, or a comma list of those; or one of the
 * descriptors `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`,
 * `@midnight`, `@hourly`. A time zone goes in the CronJob's `timeZone`, never
 * as `TZ=` in the schedule (Kubernetes refuses that). `@every <duration>` is
 * not accepted here: write the interval as cron fields.
 */

const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

interface FieldBounds {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly question?: boolean;
}

const FIELDS: readonly FieldBounds[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, question: true },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], question: true },
];

function value(text: string, f: FieldBounds): number | string {
  const named = f.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + f.min;
  if (!/^[0-9]+$/.test(text)) return `"${text}" is not a ${f.name}`;
  const n = Number(text);
  if (n < f.min || n > f.max) return `${f.name} ${n} is outside ${f.min}–${f.max}`;
  return n;
}

/** The problem of one field's text, or undefined. */
function checkField(text: string, f: FieldBounds): string | undefined {
  for (const part of text.split(',')) {
    if (part === '') return `${f.name} "${text}" has an empty list item`;
    const [range, step, extra] = part.split('/');
    if (extra !== undefined) return `${f.name} "${part}" has more than one '/'`;
    if (step !== undefined && (!/^[0-9]+$/.test(step) || Number(step) < 1)) return `${f.name} step "${step}" is not a whole number of at least 1`;
    if (range === '*' || (range === '?' && f.question === true)) {
      if (range === '?' && step !== undefined) return `${f.name} "${part}" steps over '?'`;
      continue;
    }
    const ends = range.split('-');
    if (ends.length > 2) return `${f.name} "${range}" is not a range such as 1-5`;
    const lo = value(ends[0], f);
    if (typeof lo === 'string') return lo;
    if (ends.length === 2) {
      const hi = value(ends[1], f);
      if (typeof hi === 'string') return hi;
      if (hi < lo) return `${f.name} range "${range}" runs backwards`;
    }
  }
  return undefined;
}

/**
 * The problem with a CronJob schedule, naming what is wrong and an example of
 * a right one; undefined when it parses.
 */
export function checkCronSchedule(schedule: string, what = 'schedule'): string | undefined {
  const fix = 'give five fields such as "0 3 * * *" (03:00 daily) or a descriptor such as "@hourly"';
  const s = schedule.trim();
  if (s === '') return `${what} is empty; ${fix}`;
  if (/^(CRON_)?TZ=/.test(s)) return `${what} "${schedule}" sets a time zone in the schedule, which Kubernetes refuses; give cronJob.timeZone instead`;
  if (s.startsWith('@')) {
    if (DESCRIPTORS.includes(s.toLowerCase())) return undefined;
    return `${what} "${schedule}" is not a descriptor fleetform knows (${DESCRIPTORS.join(', ')}); ${fix}`;
  }
  const fields = s.split(/\s+/);
  if (fields.length !== FIELDS.length) return `${what} "${schedule}" has ${fields.length} field${fields.length === 1 ? '' : 's'}, not 5 (minute hour day-of-month month day-of-week); ${fix}`;
  for (let i = 0; i < FIELDS.length; i++) {
    const p = checkField(fields[i], FIELDS[i]);
    if (p !== undefined) return `${what} "${schedule}": ${p}; ${fix}`;
  }
  return undefined;
}
