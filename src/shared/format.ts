/**
 * How the app writes ids, times, durations and counts: one function per form, used everywhere.
 * Times are shown in the person's local time zone; stored times are ISO 8601 UTC.
 */

/** The first 8 characters of a session id: what every command accepts as a unique prefix. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

const two = (n: number) => String(n).padStart(2, '0');

function parse(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `2026-11-25` in local time (the text itself when it is not a date). */
export function localDate(iso: string): string {
  const d = parse(iso);
  return d ? `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}` : iso;
}

/** `2026-11-25 14:03` in local time; with `seconds`, `2026-11-25 14:03:12`. */
export function localDateTime(iso: string, opts: { seconds?: boolean } = {}): string {
  const d = parse(iso);
  if (!d) return iso;
  const seconds = opts.seconds ? `:${two(d.getSeconds())}` : '';
  return `${localDate(iso)} ${two(d.getHours())}:${two(d.getMinutes())}${seconds}`;
}

/** A filter's start as typed: `2026-11-01` when it is local midnight, else `2026-11-01 09:30`. */
export function localDateOrDateTime(iso: string): string {
  const d = parse(iso);
  if (!d) return iso;
  return d.getHours() || d.getMinutes() ? localDateTime(iso) : localDate(iso);
}

/** The local UTC offset at that moment: `UTC+01:00`. */
export function utcOffset(iso: string): string {
  const d = parse(iso);
  if (!d) return 'UTC';
  const minutes = -d.getTimezoneOffset();
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/** A position in a recording or a session: `00:03:07` (hours always shown; below zero is zero). */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${two(Math.floor(total / 3600))}:${two(Math.floor((total % 3600) / 60))}:${two(total % 60)}`;
}

/** How long something took: `0:07`, `12:30`, `1:02:03` (rounded to the second); `—` when unknown. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = two(total % 60);
  return h ? `${h}:${two(m)}:${s}` : `${m}:${s}`;
}

/** A total of practice time: `h:mm`, rounded to the minute (`0:00`, `0:45`, `12:05`). */
export function hoursMinutes(ms: number): string {
  const minutes = Math.round(Math.max(0, ms) / 60_000);
  return `${Math.floor(minutes / 60)}:${two(minutes % 60)}`;
}

/** A wait or a limit in words: `200 ms`, `1.5 s`, `30 s`, `2 min`. */
export function approxDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${Math.round(ms / 100) / 10} s`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

/** `1 session`, `3 sessions`; irregular plurals are given. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** Rounded to one decimal: 4.25 -> 4.3. */
export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A size in bytes as a person reads it: `512 B`, `97.7 KB`, `64 KB`, `2.3 MB` (1 KB = 1024 bytes). */
export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (round1(bytes / 1024) < 1024) return `${round1(bytes / 1024)} KB`;
  return `${round1(bytes / (1024 * 1024))} MB`;
}
