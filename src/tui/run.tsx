import { renderUntilExit } from './render-until-exit.js';
import { ExitCode, exitCodeForStatus } from '../shared/errors.js';
import { App, type AppProps, type AppResult } from './App.js';

/** Runs the interview in Ink and resolves with the exit code once the screen is closed. */
export async function runTui(props: Omit<AppProps, 'onDone'>): Promise<ExitCode> {
  const done: { outcome: AppResult | null } = { outcome: null };
  await renderUntilExit(<App {...props} onDone={(r) => (done.outcome = r)} />);
  const result = done.outcome;
  if (result === null) return ExitCode.cancelled;
  if ('error' in result) throw result.error;
  if (result.status === 'completed' && result.evaluation === 'failed') return ExitCode.failure;
  if (result.evaluation === 'cancelled') return ExitCode.cancelled;
  return exitCodeForStatus(result.status);
}
