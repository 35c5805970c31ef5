import { ExitCode } from '../../shared/errors.js';
import { info, isInteractive, warn } from '../output.js';
import { watchStops } from '../interrupt.js';
import type { PreparedInterview } from './prepare-interview.js';
import { interviewExitCode, printResumeHint } from './interview-outcome.js';
import { evaluateCommandFor } from '../next-steps.js';

/**
 * Runs a prepared interview in the TUI (a terminal) or as plain text (pipes), then stops the
 * voice engines and closes the database. Ctrl-C, SIGTERM, SIGHUP and a closed output stop it the
 * same way in both (interrupt.ts).
 */
export async function runPreparedInterview(prepared: PreparedInterview): Promise<ExitCode> {
  const stop = watchStops();
  let code: ExitCode = ExitCode.failure;
  try {
    if (isInteractive()) {
      const { runTui } = await import('../../tui/run.js');
      const outcome = await runTui({
        interview: prepared.interview,
        offlineReason: prepared.offlineReason,
        offlineHint: prepared.offlineHint,
        evaluate: prepared.options.evaluate ? prepared.evaluate : undefined,
        judgeModel: prepared.judgeModel,
        voice: prepared.voice,
        pushToTalk: prepared.options.voice?.pushToTalk,
        verbose: prepared.options.verbose,
        stop: stop.signal,
        answerNudgeMs: answerNudgeMs(process.env.INTERVIEW_COACH_ANSWER_NUDGE_SEC),
      });
      code = interviewExitCode(outcome, stop.reason);
      printResumeHint(outcome);
      // Esc shows this on the screen; a signal may have closed the screen before anyone read it.
      if (outcome?.evaluation === 'cancelled' && stop.reason) {
        info(`Evaluation cancelled. Evaluate it later with: ${evaluateCommandFor(outcome.sessionId)}`);
      }
      return code;
    }
    if (prepared.offlineReason) warn(prepared.offlineReason, prepared.offlineHint);
    const { runPlainInterview } = await import('./plain-interview.js');
    return (code = await runPlainInterview(prepared, stop.signal));
  } finally {
    prepared.stopWarmUp();
    // Let the closing line be heard, unless the interview was stopped.
    await prepared.voice?.close({ now: stop.reason !== null || code === ExitCode.cancelled });
    prepared.db.close();
    stop.dispose();
  }
}

/** INTERVIEW_COACH_ANSWER_NUDGE_SEC: seconds before the answer timer suggests wrapping up (default 120). */
function answerNudgeMs(value: string | undefined): number | undefined {
  const seconds = Number(value);
  return value && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
