/**
 * The database's last line of defence: every text column that can hold untrusted text (the
 * model's, the host's, a role file's, the candidate's) is cleaned as it is written, whatever
 * the caller did before. Nothing stored can then carry an escape sequence, a control, a bidi
 * control or a zero-width character into a later `replay`, `export` or `history`. Cleaning
 * clean text changes nothing, so callers that clean first pay only the check.
 */
import { cleanLine, cleanText } from '../shared/sanitize.js';

/** A multi-line text column (a turn, a reply, feedback): newlines and tabs are kept. */
export function textColumn(value: string): string;
export function textColumn(value: string | null): string | null;
export function textColumn(value: string | null): string | null {
  return value === null ? null : cleanText(value);
}

/** A one-line text column (a title, a reason, an error, a model name). */
export function lineColumn(value: string): string;
export function lineColumn(value: string | null): string | null;
export function lineColumn(value: string | null): string | null {
  return value === null ? null : cleanLine(value);
}

/** A JSON column whose strings are cleaned as multi-line text (numbers and keys as they are). */
export function cleanJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? cleanText(v) : v));
}
