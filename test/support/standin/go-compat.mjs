// @ts-check
// The Go side of Ollama as seen on the wire: how Go formats times, parses durations, names JSON
// types and words encoding/json errors. Only as far as the stand-in needs to match byte for byte.

/**
 * Go-style RFC3339 in the local offset with nanoseconds, like a manifest mtime.
 * @param {Date} d
 * @param {number} [nanosExtra] nanoseconds below the millisecond (faked, for realistic digits)
 */
export function localRfc3339(d, nanosExtra = 0) {
  const pad = (/** @type {number} */ v, w = 2) => String(v).padStart(w, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const frac = (pad(d.getMilliseconds(), 3) + pad(nanosExtra % 1_000_000, 6)).replace(/0+$/, '');
  const tz = off === 0 ? 'Z' : `${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${frac ? '.' + frac : ''}${tz}`;
}

/** `time.Now().UTC()` as Go marshals it: RFC3339Nano, trailing zeros trimmed, Z. */
export function nowUtc() {
  const iso = new Date().toISOString(); // 2025-11-20T10:15:02.118Z
  const subMs = Number(process.hrtime.bigint() % 1_000_000n); // fake the sub-millisecond digits
  const frac = (iso.slice(20, 23) + String(subMs).padStart(6, '0')).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? '.' + frac : ''}Z`;
}

/**
 * The Go name of a JSON value's type, as encoding/json puts it in "cannot unmarshal X" errors.
 * @param {unknown} v
 */
export function goType(v) {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v; // string | number | object
}

/**
 * Go's time.ParseDuration, only as far as deciding valid/invalid and its message.
 * @param {string} s
 * @returns {{ ok: true, ms: number } | { ok: false, error: string }}
 */
export function parseGoDuration(s) {
  const quoted = JSON.stringify(s);
  if (/^[-+]?0$/.test(s)) return { ok: true, ms: 0 };
  const m = /^([-+]?)((?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(s);
  if (!m) {
    if (/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return { ok: false, error: `time: missing unit in duration ${quoted}` };
    return { ok: false, error: `time: invalid duration ${quoted}` };
  }
  /** @type {Record<string, number>} */
  const unit = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const [, sign, pieces = ''] = m; // the regex matched, so both groups took part
  let ms = 0;
  for (const [, num, u] of pieces.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    const perUnit = u === undefined ? undefined : unit[u];
    // unreachable (the regex only matches the units in the table), but the checker cannot know
    if (perUnit === undefined) throw new Error(`parseGoDuration: no unit in a piece of ${quoted}`);
    ms += Number(num) * perUnit;
  }
  return { ok: true, ms: sign === '-' ? -ms : ms };
}

/**
 * keep_alive as milliseconds: a number is seconds, a string a Go duration; negative = forever;
 * undefined when absent or unparsable.
 * @param {unknown} v
 */
export function keepAliveMs(v) {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return v * 1000;
  if (typeof v === 'string') {
    const d = parseGoDuration(v);
    return d.ok ? d.ms : undefined;
  }
  return undefined;
}

/**
 * Approximates Go's encoding/json syntax error text for a body JSON.parse rejected.
 * @param {string} text
 * @param {unknown} err
 */
export function goJsonSyntaxError(text, err) {
  const msg = err instanceof Error ? err.message : String(err);
  const trimmed = text.trimStart();
  const first = trimmed[0];
  if (first && !'{["-0123456789tfn'.includes(first))
    return `invalid character '${first}' looking for beginning of value`;
  if (/end of JSON input|Unterminated/i.test(msg)) return 'unexpected EOF';
  const pos = /position (\d+)/.exec(msg);
  const ch = pos ? text[Number(pos[1])] : undefined;
  if (ch === undefined) return 'unexpected EOF';
  if (ch === '\n') return "invalid character '\\n' in string literal";
  return `invalid character '${ch}' looking for beginning of value`;
}
