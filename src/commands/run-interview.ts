import { isInteractive, warn } from './output.js';
import type { PreparedInterview } from './prepare-interview.js';

/** Runs a prepared interview in the TUI (a terminal) or as plain text (pipes), then closes the database. */
export async function runPreparedInterview(prepared: PreparedInterview): Promise<number> {
  try {
    if (isInteractive()) {
      // Ink only paints the last frame when it thinks it runs in CI (is-in-ci reads CI at import);
      // a person at a real terminal must get the live screen even if CI happens to be set.
      delete process.env.CI;
      delete process.env.CONTINUOUS_INTEGRATION;
      const { runTui } = await import('../tui/run.js');
      return await runTui(prepared);
    }
    if (prepared.offlineReason) warn(prepared.offlineReason, prepared.offlineHint);
    const { runPlainInterview } = await import('./plain-interview.js');
    return await runPlainInterview(prepared);
  } finally {
    prepared.db.close();
  }
}
