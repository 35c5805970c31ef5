import type { ZodError } from 'zod';

/**
 * The first problem a schema found, for a one-line message: `questions.0.text: a question needs
 * at least 10 characters`. A problem with the whole value is named `whole` (or stands alone).
 */
export function firstIssue(error: ZodError, whole?: string): string {
  const issue = error.issues[0];
  if (!issue) return 'it does not match the expected shape';
  const where = issue.path.length ? issue.path.map(String).join('.') : whole;
  return where ? `${where}: ${issue.message}` : issue.message;
}
