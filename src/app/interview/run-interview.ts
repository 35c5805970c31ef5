import { ExitCode } from '../../shared/errors.js';
import { isInteractive, warn } from '../output.js';
import type { PreparedInterview } from './prepare-interview.js';

/** Runs a prepared interview in the TUI (a terminal) or as plain text (pipes), then closes the database. */
export async function runPreparedInterview(prepared: PreparedInterview): Promise<number> {
  let code: number = ExitCode.failure;
  try {
    if (isInteractive()) {
      const { runTui } = await import('../../tui/run.js');
      return (code = await runTui(prepared));
    }
    if (prepared.offlineReason) warn(prepared.offlineReason, prepared.offlineHint);
    const { runPlainInterview } = await import('./plain-interview.js');
    return (code = await runPlainInterview(prepared));
  } finally {
    // Let the closing line be heard, unless the person interrupted.
    await prepared.voice?.close({ now: code === ExitCode.cancelled });
    prepared.db.close();
  }
}
