import { describe, expect, it } from 'vitest';
import {
  approxDuration,
  clock,
  duration,
  hoursMinutes,
  localDate,
  localDateOrDateTime,
  localDateTime,
  plural,
  round1,
  byteSize,
  shortId,
  utcOffset,
} from '../src/shared/format.js';

// Moments built in local time, so the expected text holds in any time zone.
const local = (...parts: [number, number, number, number?, number?, number?]) =>
  new Date(parts[0], parts[1] - 1, parts[2], parts[3] ?? 0, parts[4] ?? 0, parts[5] ?? 0).toISOString();

describe('shared/format', () => {
  it('shortId: the first 8 characters', () => {
    expect(shortId('3f9a1c2e-0000-4000-8000-000000000000')).toBe('3f9a1c2e');
    expect(shortId('abc')).toBe('abc');
  });

  it.each([
    [local(2026, 11, 25, 14, 3, 12), '2026-11-25', '2026-11-25 14:03', '2026-11-25 14:03:12', '2026-11-25 14:03'],
    [local(2026, 1, 2, 0, 0, 0), '2026-01-02', '2026-01-02 00:00', '2026-01-02 00:00:00', '2026-01-02'],
    [local(2026, 12, 31, 23, 59, 59), '2026-12-31', '2026-12-31 23:59', '2026-12-31 23:59:59', '2026-12-31 23:59'],
    ['not a date', 'not a date', 'not a date', 'not a date', 'not a date'],
  ])('dates of %s', (iso, date, dateTime, withSeconds, dateOrDateTime) => {
    expect(localDate(iso)).toBe(date);
    expect(localDateTime(iso)).toBe(dateTime);
    expect(localDateTime(iso, { seconds: true })).toBe(withSeconds);
    expect(localDateOrDateTime(iso)).toBe(dateOrDateTime);
  });

  it('utcOffset matches the offset of the moment', () => {
    const iso = local(2026, 7, 1, 12);
    const minutes = -new Date(iso).getTimezoneOffset();
    const expected = `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;
    expect(utcOffset(iso)).toBe(expected);
    expect(utcOffset('nope')).toBe('UTC');
  });

  it.each([
    [0, '00:00:00'],
    [999, '00:00:00'],
    [187_000, '00:03:07'],
    [3_723_000, '01:02:03'],
    [-5_000, '00:00:00'],
  ])('clock(%d) = %s', (ms, text) => expect(clock(ms)).toBe(text));

  it.each([
    [null, '—'],
    [undefined, '—'],
    [Number.NaN, '—'],
    [0, '0:00'],
    [7_400, '0:07'],
    [750_000, '12:30'],
    [3_599_600, '1:00:00'],
    [3_723_000, '1:02:03'],
    [-1, '0:00'],
  ])('duration(%s) = %s', (ms, text) => expect(duration(ms)).toBe(text));

  it.each([
    [0, '0:00'],
    [29_999, '0:00'],
    [45 * 60_000, '0:45'],
    [(12 * 60 + 5) * 60_000, '12:05'],
    [125 * 3_600_000, '125:00'],
    [30_000, '0:01'],
    [-10, '0:00'],
  ])('hoursMinutes(%d) = %s', (ms, text) => expect(hoursMinutes(ms)).toBe(text));

  it.each([
    [200, '200 ms'],
    [1_500, '1.5 s'],
    [30_000, '30 s'],
    [119_000, '119 s'],
    [120_000, '2 min'],
  ])('approxDuration(%d) = %s', (ms, text) => expect(approxDuration(ms)).toBe(text));

  it('plural and round1', () => {
    expect(plural(1, 'session')).toBe('1 session');
    expect(plural(0, 'session')).toBe('0 sessions');
    expect(plural(2, 'long pause')).toBe('2 long pauses');
    expect(plural(3, 'child', 'children')).toBe('3 children');
    expect(round1(4.25)).toBe(4.3);
    expect(round1(2)).toBe(2);
  });

  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [100_000, '97.7 KB'],
    [65_536, '64 KB'],
    [1024 * 1024 - 1, '1 MB'],
    [2_400_000, '2.3 MB'],
  ])('byteSize(%d) = %s', (bytes, text) => expect(byteSize(bytes)).toBe(text));
});
