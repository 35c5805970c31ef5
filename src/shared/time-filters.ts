import { UsageError } from './errors.js';

/**
 * Time filters typed on the command line: `stats --since`, `purge --older-than`.
 * Pure functions (the clock is a parameter); bad input is a UsageError (exit 2).
 *
 * Units, case-insensitive, a whole number >= 1 before them:
 *   h hours · d days · w weeks · m months · y years
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** parseAge: a month is 30 days and a year 365 days (an age has no calendar to count on). */
const UNIT_MS: Record<Span['unit'], number> = { h: HOUR, d: DAY, w: 7 * DAY, m: 30 * DAY, y: 365 * DAY };

const SPAN = /^(\d+)\s*([hdwmy])$/i;

const AGE_FORMS =
  'a whole number and a unit: 12h (hours), 90d (days), 2w (weeks), 3m (months of 30 days), 1y (365 days)';
const SINCE_FORMS =
  'a date (2026-11-01), a date and time (2026-11-01T09:30, local time unless it ends in Z or +hh:mm), or a span back from now (12h, 7d, 4w, 3m for months, 1y)';

interface Span {
  count: number;
  unit: 'h' | 'd' | 'w' | 'm' | 'y';
}

function isUnit(unit: string | undefined): unit is Span['unit'] {
  return unit !== undefined && Object.hasOwn(UNIT_MS, unit);
}

function readSpan(text: string): Span | undefined {
  const m = SPAN.exec(text.trim());
  if (!m) return undefined;
  const count = Number(m[1]);
  const unit = m[2]?.toLowerCase();
  if (!Number.isSafeInteger(count) || count < 1 || !isUnit(unit)) return undefined;
  return { count, unit };
}

/**
 * How old, in milliseconds: `90d`, `12h`, `2w`, `3m` (= 90 days), `1y` (= 365 days).
 * For `purge --older-than`: compare `now - started_at > parseAge(text)`.
 */
export function parseAge(text: string): number {
  const span = readSpan(text);
  const ms = span && span.count * UNIT_MS[span.unit];
  if (!span || !ms || !Number.isSafeInteger(ms) || ms > 8.64e15) {
    throw new UsageError(`Cannot read "${text}" as an age: use ${AGE_FORMS}.`);
  }
  return ms;
}

// 2026-11-01, 2026-11-01T09:30, 2026-11-01 09:30:15.250, 2026-11-01T09:30Z, 2026-11-01T09:30:00+02:00
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * The start of a `--since` window.
 * - An ISO date is the start of that day in local time; a date and time without a zone is local time.
 * - `12h`, `7d`, `4w` go back exactly that long; `3m` and `1y` go back calendar months and years
 *   (31 May minus 3m is 28 February), keeping the time of day.
 */
export function parseSince(text: string, now: Date = new Date()): Date {
  const trimmed = text.trim();
  const span = readSpan(trimmed);
  let result: Date | undefined;
  if (span) {
    result =
      span.unit === 'm' || span.unit === 'y'
        ? monthsBefore(now, span.unit === 'y' ? span.count * 12 : span.count)
        : new Date(now.getTime() - span.count * UNIT_MS[span.unit]);
  } else {
    result = parseIso(trimmed);
  }
  if (!result || Number.isNaN(result.getTime())) {
    throw new UsageError(`Cannot read "${text}" as a time: use ${SINCE_FORMS}.`);
  }
  return result;
}

function parseIso(text: string): Date | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0', zone] = m;
  const parts = [
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    Number(ms.padEnd(3, '0')),
  ] as const;
  if (parts[3] > 23 || parts[4] > 59 || parts[5] > 59) return undefined;
  // Check the day exists (2026-02-30 must not roll over into March).
  const probe = new Date(Date.UTC(parts[0], parts[1], parts[2]));
  if (probe.getUTCFullYear() !== parts[0] || probe.getUTCMonth() !== parts[1] || probe.getUTCDate() !== parts[2])
    return undefined;
  if (!zone) {
    const local = new Date(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6]);
    local.setFullYear(parts[0]); // years 0-99 would otherwise mean 1900-1999
    return local;
  }
  const utc = Date.UTC(...parts);
  if (zone.toUpperCase() === 'Z') return new Date(utc);
  const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!z) return undefined;
  const offsetMin = Number(z[2]) * 60 + Number(z[3]);
  if (Number(z[2]) > 23 || Number(z[3]) > 59) return undefined;
  return new Date(utc - (z[1] === '+' ? 1 : -1) * offsetMin * 60_000);
}

/** The same local time `months` calendar months earlier, clamped to the end of a shorter month. */
function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  const day = d.getDate();
  d.setDate(1);
  d.setMonth(d.getMonth() - months);
  const lastDay = new Date(d.getFullYear(), d.getMonth() + 1, 0).getDate();
  d.setDate(Math.min(day, lastDay));
  return d;
}
