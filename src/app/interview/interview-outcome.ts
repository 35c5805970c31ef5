import type { StopReason } from '../../model/stop-reason.js';
import { ExitCode } from '../../shared/errors.js';
import { resumeCommandFor } from '../next-steps.js';
import { info } from '../output.js';
import type { EvaluationResult } from './run-evaluation.js';

/** How an interview run ended, in the TUI or piped: the session, how it ended, its evaluation. */
export interface InterviewOutcome {
  sessionId: string;
  status: 'completed' | 'interrupted';
  evaluation: EvaluationResult;
}

/**
 * The exit code of an interview (README's table): 130 when it or its evaluation was stopped
 * (Ctrl-C, SIGINT, SIGTERM, SIGHUP; Esc skipping the evaluation is a choice: 0), 1 when the evaluation failed, else 0. A reader that left
 * (`start | head -1`) is not a failure: 0. No outcome: the screen closed before the interview
 * got going, which only a stop does.
 */
export function interviewExitCode(outcome: InterviewOutcome | null, stop: StopReason | null): ExitCode {
  if (stop?.kind === 'output-closed') return ExitCode.ok;
  if (stop || !outcome || outcome.status === 'interrupted' || outcome.evaluation === 'cancelled') {
    return ExitCode.cancelled;
  }
  // Esc during the evaluation is the person's choice to skip it ('skipped'): 0, like --no-evaluate.
  return outcome.evaluation === 'failed' ? ExitCode.failure : ExitCode.ok;
}

/** What an interrupted session says on stderr. */
export function resumeHint(sessionId: string): string {
  return `Continue it with: ${resumeCommandFor(sessionId)}`;
}

/** An interrupted interview says on stderr how to go on with it. */
export function printResumeHint(outcome: InterviewOutcome | null): void {
  if (outcome?.status === 'interrupted') info(resumeHint(outcome.sessionId));
}
