import type { z } from 'zod';
import { firstIssue } from '../model/schema-issue.js';
import { unreadable, type Unreadable } from '../model/unreadable.js';

/**
 * Reads one JSON column against its schema. Every JSON column goes through here, so a damaged
 * row is treated the same everywhere: the value, or Unreadable with the column and the first
 * problem found. Never a throw, never a guess.
 */
export function readJsonColumn<T>(schema: z.ZodType<T>, column: string, text: string): T | Unreadable {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return unreadable(`${column} is not valid JSON`);
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : unreadable(wrongShape(column, parsed.error));
}

/** `questions_json has the wrong shape (2.text: a question needs at least 10 characters)`. */
export function wrongShape(what: string, error: z.ZodError): string {
  return `${what} has the wrong shape (${firstIssue(error)})`;
}
