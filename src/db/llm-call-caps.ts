/**
 * How big a saved model call may get: each text (reply, thinking, error, and the JSON of the
 * messages and of the options) is stored with at most 64 KB of UTF-8. A long session sends its
 * whole transcript with every call, and a runaway model can write until num_predict: without a
 * cap the calls log would outgrow the sessions it explains. A cut never falls inside a
 * character, says so where it was made, and leaves the JSON columns valid JSON of their shape.
 */
import type { LlmCallMessage } from '../model/llm-call.js';
import { byteSize } from '../shared/format.js';

export const CALL_TEXT_CAP = 64 * 1024;

/**
 * Before any message is dropped, every message keeps at least this much of its JSON: below that
 * the messages say too little to be worth keeping all of them.
 */
const MIN_MESSAGE_JSON = 1024;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const jsonBytes = (value: unknown) => bytes(JSON.stringify(value) ?? '');

/** The longest start of `text` that fits in `maxBytes` of UTF-8, never ending inside a character. */
export function utf8Prefix(text: string, maxBytes: number): string {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= maxBytes) return text;
  let end = Math.max(0, maxBytes);
  // Step back over continuation bytes (10xxxxxx) to the first byte of the character at the cut.
  while (end > 0 && ((buf[end] ?? 0) & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8');
}

const cutNote = (kept: number, total: number) => `… [cut at ${byteSize(kept)} of ${byteSize(total)}]`;

/** The text itself when it fits in `cap` bytes, else its start and `… [cut at 64 KB of 97.7 KB]`, in `cap` bytes. */
export function capText(text: string, cap = CALL_TEXT_CAP): string {
  const size = bytes(text);
  if (size <= cap) return text;
  const note = cutNote(cap, size);
  return utf8Prefix(text, cap - bytes(note)) + note;
}

/**
 * The messages as JSON in at most `cap` bytes. Too big: the longest contents are cut first,
 * all down to one level (each marked where it was cut); when that level would fall below
 * MIN_MESSAGE_JSON, the oldest messages after the first (the system prompt) are replaced by one
 * message of role `cut` that says how many were left out, so the latest ones (the instruction)
 * stay whole.
 */
export function messagesJson(messages: readonly LlmCallMessage[], cap = CALL_TEXT_CAP): string {
  // Exactly the stored shape; a role is one word, so cutting it needs no note.
  const list = messages.map((m) => ({ role: utf8Prefix(m.role, 64), content: m.content }));
  const size = jsonBytes(list);
  if (size <= cap) return JSON.stringify(list);
  let kept = list;
  if (contentLevel(list, cap) < MIN_MESSAGE_JSON && list.length > 2) {
    const dropped = fewestToDrop(list, cap, size);
    kept = withoutOldest(list, dropped, size);
  }
  const level = contentLevel(kept, cap);
  const capped = kept.map((m) => (jsonBytes(m.content) > level ? { ...m, content: cutToJson(m.content, level) } : m));
  const json = JSON.stringify(capped);
  // The arithmetic above is exact; this only guards the promise made to the column.
  return bytes(json) <= cap ? json : JSON.stringify([{ role: 'cut', content: cutNote(0, size) }]);
}

/**
 * The largest size (in bytes of JSON, quotes included) every content may keep so that the list
 * fits in `cap`: contents at or under it stay whole, the others are cut to it.
 */
function contentLevel(list: readonly LlmCallMessage[], cap: number): number {
  const contents = list.map((m) => jsonBytes(m.content));
  const rest = jsonBytes(list) - contents.reduce((a, b) => a + b, 0);
  const total = (level: number) => rest + contents.reduce((a, c) => a + Math.min(c, level), 0);
  let low = 0;
  let high = Math.max(0, ...contents);
  if (total(high) <= cap) return high;
  // total() grows with the level: the largest level that fits.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (total(mid) <= cap) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** How many messages after the first must go so that the rest keep MIN_MESSAGE_JSON each (the last always stays). */
function fewestToDrop(list: readonly LlmCallMessage[], cap: number, size: number): number {
  let low = 1;
  let high = list.length - 2;
  // Dropping more leaves more room for each of the rest: the smallest number that is enough.
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (contentLevel(withoutOldest(list, mid, size), cap) >= MIN_MESSAGE_JSON) high = mid;
    else low = mid + 1;
  }
  return low;
}

function withoutOldest(list: readonly LlmCallMessage[], count: number, size: number): LlmCallMessage[] {
  const note = {
    role: 'cut',
    content: `[${count} older messages cut here: the messages came to ${byteSize(size)}, over the ${byteSize(CALL_TEXT_CAP)} kept per call]`,
  };
  return [...list.slice(0, 1), note, ...list.slice(1 + count)];
}

/** `content` cut so that its JSON string, note included, takes at most `maxJson` bytes (as much of it as fits). */
function cutToJson(content: string, maxJson: number): string {
  const size = bytes(content);
  // JSON is never shorter than the text, so no more than maxJson bytes of it can fit.
  const head = utf8Prefix(content, maxJson);
  const cutAt = (keep: number) => {
    const prefix = utf8Prefix(head, keep);
    return prefix + cutNote(bytes(prefix), size);
  };
  // Escapes (\n, \") make the JSON longer by an amount that depends on where the cut falls: search.
  let low = 0;
  let high = bytes(head);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (jsonBytes(cutAt(mid)) <= maxJson) low = mid;
    else high = mid - 1;
  }
  return cutAt(low);
}

/**
 * The options as JSON in at most `cap` bytes. Too big (a huge `format` schema, say): the biggest
 * values are replaced, one by one, by a note saying how big they were.
 */
export function optionsJson(options: Record<string, unknown>, cap = CALL_TEXT_CAP): string {
  const json = JSON.stringify(options);
  let size = bytes(json);
  if (size <= cap) return json;
  const total = size;
  const out: Record<string, unknown> = { ...options };
  const biggest = Object.entries(options)
    .map(([key, value]) => ({ key, size: jsonBytes(value) }))
    .sort((a, b) => b.size - a.size);
  for (const { key, size: valueSize } of biggest) {
    if (size <= cap) break;
    const note = `[cut: ${byteSize(valueSize)} of JSON, over the ${byteSize(CALL_TEXT_CAP)} kept per call]`;
    out[key] = note;
    size += jsonBytes(note) - valueSize;
  }
  const capped = JSON.stringify(out);
  return bytes(capped) <= cap ? capped : JSON.stringify({ cut: cutNote(0, total) });
}
