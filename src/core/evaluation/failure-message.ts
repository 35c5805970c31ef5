/**
 * What a person reads about a failed evaluation, in one wording wherever it is shown (the
 * evaluation runner's line on stderr, the TUI, replay, exports), naming only flags that
 * `evaluate` accepts.
 */
import type { LaterFailure } from '../../model/evaluation.js';
import { localDate, localDateTime, shortId } from '../../shared/format.js';

/** `Evaluation failed, no score was given: <reason>` */
export function evaluationFailedMessage(error: string): string {
  return `Evaluation failed, no score was given: ${error}`;
}

/** The next step after a failure: the command again, and the flags that change where or how it grades. */
export function retryEvaluationHint(sessionId: string): string {
  return `Retry with: interview-coach evaluate ${shortId(sessionId)} (--host <url> or --model <name> for another Ollama or judge, --heuristic for feedback without AI)`;
}

/**
 * The note next to an evaluation when a later attempt failed:
 * `latest attempt failed 2026-12-01 14:20 (showing the 12:03 evaluation): <reason>`
 * (the date of the one shown is left out when it is the same day; the reason comes last, so a
 * line cut to the width of a table keeps the rest). With `sentence`, it ends with a full stop
 * unless the reason already does.
 */
export function laterFailureNote(failure: LaterFailure, shownCreatedAt: string, sentence = false): string {
  const shown =
    localDate(shownCreatedAt) === localDate(failure.createdAt)
      ? localDateTime(shownCreatedAt).slice(11)
      : localDateTime(shownCreatedAt);
  const note = `latest attempt failed ${localDateTime(failure.createdAt)} (showing the ${shown} evaluation): ${failure.error}`;
  return sentence && !/[.!?]$/.test(note) ? `${note}.` : note;
}
