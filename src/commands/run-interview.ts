import { ExitCode } from '../core/errors.js';
import { isInteractive, warn } from './output.js';
import type { PreparedInterview } from './prepare-interview.js';

/** Runs a prepared interview in the TUI (a terminal) or as plain text (pipes), then closes the database. */
export async function runPreparedInterview(prepared: PreparedInterview): Promise<number> {
  let code: number = ExitCode.failure;
  try {
    if (isInteractive()) {
      // Ink only paints the last frame when it thinks it runs in CI (is-in-ci reads CI at import);
      // a person at a real terminal must get the live screen even if CI happens to be set.
      delete process.env.CI;
      delete process.env.CONTINUOUS_INTEGRATION;
      const { runTui } = await import('../tui/run.js');
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
