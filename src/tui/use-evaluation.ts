import { useEffect, useState } from 'react';
import type { EvaluationOutcome } from '../core/evaluation/evaluate-session.js';
import { EvaluationCancelled } from '../core/evaluation/ai-evaluation.js';

export type EvaluationState =
  | { phase: 'idle' }
  | { phase: 'running'; since: number; tokens: number }
  | { phase: 'finished'; outcome: EvaluationOutcome }
  | { phase: 'cancelled' }
  | { phase: 'error'; error: Error };

type Settled = Extract<EvaluationState, { phase: 'finished' | 'cancelled' | 'error' }>;

export type EvaluateFn = (
  sessionId: string,
  signal: AbortSignal,
  onProgress?: (p: { tokens: number }) => void,
) => Promise<EvaluationOutcome>;

/**
 * Runs the evaluation once `sessionId` is known (`since`: when the interview ended, for the
 * spinner's clock); cancel() (Esc) or `stop` stops it without touching the interview. The evaluation
 * reports back only through its callbacks; leaving the screen stops it.
 */
export function useEvaluation(evaluate: EvaluateFn, sessionId: string | null, since: number, stop?: AbortSignal) {
  const [tokens, setTokens] = useState(0);
  const [settled, setSettled] = useState<Settled | null>(null);
  const [controller] = useState(() => new AbortController());
  // A stop from outside (a signal) cancels the evaluation the way Esc does; the interview is saved.
  useEffect(() => {
    if (!stop) return;
    const onStop = () => controller.abort();
    if (stop.aborted) onStop();
    stop.addEventListener('abort', onStop, { once: true });
    return () => stop.removeEventListener('abort', onStop);
  }, [stop, controller]);
  useEffect(() => {
    if (!sessionId) return;
    evaluate(sessionId, controller.signal, (p) => setTokens(p.tokens)).then(
      (outcome) => setSettled({ phase: 'finished', outcome }),
      (error: unknown) =>
        setSettled(
          error instanceof EvaluationCancelled
            ? { phase: 'cancelled' }
            : { phase: 'error', error: error instanceof Error ? error : new Error(String(error)) },
        ),
    );
  }, [sessionId, evaluate, controller]);
  useEffect(() => () => controller.abort(), [controller]);
  const state: EvaluationState = settled ?? (sessionId ? { phase: 'running', since, tokens } : { phase: 'idle' });
  return { state, cancel: () => controller.abort() };
}
