import { ExitCode } from '../../shared/errors.js';
import { isInteractive, warn } from '../output.js';
import type { PreparedInterview } from './prepare-interview.js';

/** Runs a prepared interview in the TUI (a terminal) or as plain text (pipes), then closes the database. */
export async function runPreparedInterview(prepared: PreparedInterview): Promise<ExitCode> {
  let code: ExitCode = ExitCode.failure;
  try {
    if (isInteractive()) {
      const { runTui } = await import('../../tui/run.js');
      return (code = await runTui({
        interview: prepared.interview,
        offlineReason: prepared.offlineReason,
        offlineHint: prepared.offlineHint,
        evaluate: prepared.options.evaluate ? prepared.evaluate : undefined,
        judgeModel: prepared.judgeModel,
        voice: prepared.voice,
        pushToTalk: prepared.options.voice?.pushToTalk,
        verbose: prepared.options.verbose,
        answerNudgeMs: answerNudgeMs(process.env.INTERVIEW_COACH_ANSWER_NUDGE_SEC),
      }));
    }
    if (prepared.offlineReason) warn(prepared.offlineReason, prepared.offlineHint);
    const { runPlainInterview } = await import('./plain-interview.js');
    return (code = await runPlainInterview(prepared));
  } finally {
    prepared.stopWarmUp();
    // Let the closing line be heard, unless the person interrupted.
    await prepared.voice?.close({ now: code === ExitCode.cancelled });
    prepared.db.close();
  }
}

/** INTERVIEW_COACH_ANSWER_NUDGE_SEC: seconds before the answer timer suggests wrapping up (default 120). */
function answerNudgeMs(value: string | undefined): number | undefined {
  const seconds = Number(value);
  return value && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
