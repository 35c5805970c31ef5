import { renderUntilExit } from './render-until-exit.js';
import { App, type AppProps, type AppResult } from './App.js';

/**
 * Runs the interview in Ink until the screen is closed, and says how it ended: the session,
 * its status and its evaluation; null when the screen closed before the interview began.
 */
export async function runTui(props: Omit<AppProps, 'onDone'>): Promise<Exclude<AppResult, { error: Error }> | null> {
  const done: { outcome: AppResult | null } = { outcome: null };
  await renderUntilExit(<App {...props} onDone={(r) => (done.outcome = r)} />);
  const result = done.outcome;
  if (result !== null && 'error' in result) throw result.error;
  return result;
}
