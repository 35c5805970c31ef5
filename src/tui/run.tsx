import React from 'react';
import { renderUntilExit } from './render-until-exit.js';
import type { PreparedInterview } from '../app/interview/prepare-interview.js';
import { ExitCode, exitCodeForStatus } from '../shared/errors.js';
import { App, type AppResult } from './App.js';

/** Runs the interview in Ink and resolves with the exit code once the screen is closed. */
export async function runTui(prepared: PreparedInterview): Promise<number> {
  const done: { outcome: AppResult | null } = { outcome: null };
  await renderUntilExit(
    <App
      interview={prepared.interview}
      offlineReason={prepared.offlineReason}
      offlineHint={prepared.offlineHint}
      evaluate={prepared.options.evaluate ? prepared.evaluate : undefined}
      judgeModel={prepared.judgeModel}
      voice={prepared.voice}
      pushToTalk={prepared.options.voice?.pushToTalk}
      verbose={prepared.options.voice?.verbose}
      onDone={(r) => (done.outcome = r)}
    />,
  );
  const result = done.outcome;
  if (result === null) return ExitCode.cancelled;
  if ('error' in result) throw result.error;
  if (result.status === 'completed' && result.evaluation === 'failed') return ExitCode.failure;
  if (result.evaluation === 'cancelled') return ExitCode.cancelled;
  return exitCodeForStatus(result.status);
}
