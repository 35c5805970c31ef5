import type { AppResult } from '../../src/tui/App.js';

/** The session of the App's first result, or a clear failure when there is none or it is an error. */
export function sessionIdOf(results: readonly AppResult[]): string {
  const result = results[0];
  if (!result) throw new Error('the App reported no result');
  if ('error' in result) throw new Error(`the App reported an error: ${result.error.message}`);
  return result.sessionId;
}
