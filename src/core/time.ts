/**
 * Time wording for people: "in 12 min", "3 days ago", and instants as
 * "2026-11-23T16:30:00Z (Mon, 23 Nov 2026 17:30 local)". Pure and deterministic given `now`.
 */

import { requireDate, requireNumber, requireTimeZone } from './arguments';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Which clock an instant is shown in, besides its ISO form (always UTC). */
export type TimeZoneChoice = 'local' | 'utc';

/**
 * How far `target` is from `now`, in words: "in 45 s", "in 12 min", "in 2 h 5 min", "3 days ago",
 * "just now" (under a second either way). Amounts are rounded down, so "in 12 min" means at least 12.
 *
 * @example
 * relativeTime(new Date('2026-01-01T00:12:30Z'), new Date('2026-01-01T00:00:00Z')); // "in 12 min"
 */
export function relativeTime(target: Date, now: Date): string {
  requireDate(target, 'The instant');
  requireDate(now, 'The current time');
  const diff = target.getTime() - now.getTime();
  if (!Number.isFinite(diff)) return 'at an unknown time';
  const span = Math.abs(diff);
  if (span < SECOND) return 'just now';
  const amount = describeSpan(span);
  return diff > 0 ? `in ${amount}` : `${amount} ago`;
}

/**
 * A positive duration in words, rounded down to its largest unit: "45 s", "12 min", "2 h 5 min",
 * "3 days", "4 months", "2 years". Hours keep their minutes (below 10 h) because "1 h" for 1 h 59 min misleads.
 *
 * @example
 * describeSpan(30 * 24 * 3600 * 1000); // "30 days"
 */
export function describeSpan(ms: number): string {
  if (!Number.isFinite(requireNumber(ms, 'The duration'))) return 'an unknown length of time';
  if (ms < MINUTE) return `${Math.floor(ms / SECOND)} s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < DAY) {
    const hours = Math.floor(ms / HOUR);
    const minutes = Math.floor((ms % HOUR) / MINUTE);
    return hours < 10 && minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  const days = Math.floor(ms / DAY);
  if (days < 60) return plural(days, 'day');
  if (days < 365) return plural(Math.floor(days / 30), 'month');
  return plural(Math.floor(days / 365), 'year');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * ISO 8601 in UTC without zero milliseconds ("2026-11-23T16:30:00Z"), or `undefined` when the
 * date is out of the range a Date can show (e.g. a NumericDate far in the future).
 */
export function isoInstant(date: Date): string | undefined {
  requireDate(date, 'The instant');
  if (!Number.isFinite(date.getTime())) return undefined;
  return date.toISOString().replace('.000Z', 'Z');
}

// Formatters are costly to build (~0.1 ms): one per zone choice, built on first use. Node reads TZ
// when a formatter is built, so the local one is rebuilt when TZ changes (tests change it).
let utcFormatter: Intl.DateTimeFormat | undefined;
let localFormatter: { tz: string | undefined; format: Intl.DateTimeFormat } | undefined;

function formatterFor(zone: TimeZoneChoice): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'short', day: 'numeric', month: 'short', year: 'numeric',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  };
  if (zone === 'local') {
    const tz = typeof process === 'undefined' ? undefined : process.env.TZ;
    if (!localFormatter || localFormatter.tz !== tz) localFormatter = { tz, format: new Intl.DateTimeFormat('en-GB', options) };
    return localFormatter.format;
  }
  utcFormatter ??= new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' });
  return utcFormatter;
}

/**
 * A calendar date and clock time in the chosen zone, with the zone named:
 * "Mon, 23 Nov 2026 17:30 local" or "Mon, 23 Nov 2026 16:30 UTC".
 *
 * @example
 * calendarTime(new Date('2026-11-23T16:30:00Z'), 'utc'); // "Mon, 23 Nov 2026 16:30 UTC"
 */
export function calendarTime(date: Date, zone: TimeZoneChoice): string {
  requireDate(date, 'The instant');
  requireTimeZone(zone, 'The time zone');
  if (!Number.isFinite(date.getTime())) return 'an out-of-range date';
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of formatterFor(zone).formatToParts(date)) part[p.type] = p.value;
  return `${part.weekday}, ${part.day} ${part.month} ${part.year} ${part.hour}:${part.minute} ${zone === 'utc' ? 'UTC' : 'local'}`;
}

/**
 * An instant as ISO plus calendar time: "2026-11-23T16:30:00Z (Mon, 23 Nov 2026 17:30 local)".
 *
 * @example
 * describeInstant(new Date('2026-11-23T16:30:00Z'), 'utc'); // "2026-11-23T16:30:00Z (Mon, 23 Nov 2026 16:30 UTC)"
 */
export function describeInstant(date: Date, zone: TimeZoneChoice): string {
  requireTimeZone(zone, 'The time zone');
  const iso = isoInstant(date);
  if (iso === undefined) return 'a date beyond the range of the calendar';
  return `${iso} (${calendarTime(date, zone)})`;
}
