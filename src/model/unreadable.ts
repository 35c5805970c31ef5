/**
 * A stored value that did not survive being read back: text that is not JSON, or JSON of the
 * wrong shape (an edited file, a half-written disk, a row from another program). db/ returns it
 * in place of the value, with the reason, so each screen says what it cannot show instead of
 * crashing or guessing.
 */
export interface Unreadable {
  /** Why, e.g. `per_answer_json: 0.score: Invalid input: expected number, received string`. */
  unreadable: string;
}

export function unreadable(reason: string): Unreadable {
  return { unreadable: reason };
}

export function isUnreadable(value: unknown): value is Unreadable {
  return typeof value === 'object' && value !== null && 'unreadable' in value && typeof value.unreadable === 'string';
}
