import type { EvaluateProgress } from '../../core/evaluation/ai-evaluation.js';
import { EvaluationCancelled } from '../../core/evaluation/ai-evaluation.js';
import type { EvaluationOutcome } from '../../core/evaluation/evaluate-session.js';
import { formatEvaluation } from '../../core/evaluation/format-evaluation.js';
import { evaluationFailedMessage, retryEvaluationHint } from '../../core/evaluation/failure-message.js';
import { info, printLine, warn } from '../output.js';
import { StderrSpinner } from '../stderr-spinner.js';
import { evaluateCommandFor } from '../next-steps.js';

export type EvaluationResult = 'ok' | 'failed' | 'skipped' | 'cancelled';

/**
 * Runs an evaluation without a TUI: spinner on stderr, the result as plain text on stdout.
 * `stop` (the run's stop signal: Ctrl-C, SIGTERM, SIGHUP) cancels the evaluation only: the
 * interview is already saved, and reads "completed, not evaluated" until it is evaluated.
 */
export async function runEvaluation(
  evaluate: (signal: AbortSignal, onProgress: (p: EvaluateProgress) => void) => Promise<EvaluationOutcome>,
  opts: {
    model: string | null;
    sessionId: string;
    print: boolean;
    /** For the band next to the score. */ difficulty?: string;
    /** Deep round: the phases' titles, graded phase by phase. */
    phases?: readonly string[] | null;
  },
  stop: AbortSignal,
): Promise<EvaluationResult> {
  if (stop.aborted) return cancelled(opts.sessionId);
  const spinner = new StderrSpinner();
  spinner.start(opts.model ? `Evaluating with ${opts.model}… (Ctrl-C to skip)` : 'Evaluating…');
  try {
    const outcome = await evaluate(stop, () => {});
    spinner.stop();
    if ('skipped' in outcome) {
      info(outcome.skipped);
      return 'skipped';
    }
    const e = outcome.evaluation;
    // A failure has nothing graded to print: it is said once, on stderr, with the next step.
    if (e.status === 'failed' || e.status === 'unreadable') {
      warn(
        e.status === 'failed' ? evaluationFailedMessage(e.error) : `The evaluation cannot be read back: ${e.error}`,
        retryEvaluationHint(opts.sessionId),
      );
      return 'failed';
    }
    if (opts.print) {
      printLine(process.stdout, formatEvaluation(e, opts.sessionId, opts.difficulty, opts.phases));
      printLine(process.stdout);
    }
    return 'ok';
  } catch (err) {
    spinner.stop();
    if (err instanceof EvaluationCancelled) return cancelled(opts.sessionId);
    throw err;
  }
}

function cancelled(sessionId: string): 'cancelled' {
  warn('Evaluation cancelled; the interview is saved.', `Evaluate it later with: ${evaluateCommandFor(sessionId)}`);
  return 'cancelled';
}
