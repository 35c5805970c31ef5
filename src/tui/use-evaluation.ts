import { useEffect, useRef, useState } from 'react';
import type { EvaluationOutcome } from '../core/evaluation/evaluate-session.js';
import { EvaluationCancelled } from '../core/evaluation/ai-evaluation.js';

export type EvaluationState =
  | { phase: 'idle' }
  | { phase: 'running'; since: number; tokens: number }
  | { phase: 'finished'; outcome: EvaluationOutcome }
  | { phase: 'cancelled' }
  | { phase: 'error'; error: Error };

export type EvaluateFn = (
  sessionId: string,
  signal: AbortSignal,
  onProgress?: (p: { tokens: number }) => void,
) => Promise<EvaluationOutcome>;

/** Runs the evaluation once `sessionId` is known; cancel() (Esc) stops it without touching the interview. */
export function useEvaluation(evaluate: EvaluateFn, sessionId: string | null) {
  const [state, setState] = useState<EvaluationState>({ phase: 'idle' });
  const controller = useRef(new AbortController());
  useEffect(() => {
    if (!sessionId) return;
    const since = Date.now();
    setState({ phase: 'running', since, tokens: 0 });
    evaluate(sessionId, controller.current.signal, (p) => setState({ phase: 'running', since, tokens: p.tokens })).then(
      (outcome) => setState({ phase: 'finished', outcome }),
      (error) => setState(error instanceof EvaluationCancelled ? { phase: 'cancelled' } : { phase: 'error', error }),
    );
  }, [sessionId]);
  return { state, cancel: () => controller.current.abort() };
}
