import type { Evaluation } from '../../model/evaluation.js';
import { answerGrade } from './grade-text.js';

/** A deep round's phase in an evaluation: its grade as a person reads it, and the 1-5 score (null offline). */
export interface PhaseResult {
  result: string;
  score: number | null;
}

/**
 * How phase `number` did in the evaluation (each phase is graded as one question). A phase the
 * round never reached has no answers, so no grade: it is said, never made up. Null when there is
 * no graded evaluation to read it from (none, failed, unreadable).
 */
export function phaseResult(e: Evaluation | null | undefined, number: number): PhaseResult | null {
  if (!e || e.status !== 'ok') return null;
  if (e.kind === 'ai') {
    const a = e.perAnswer.find((p) => p.questionNumber === number);
    return a ? { result: answerGrade(a), score: a.score } : { result: 'not reached', score: null };
  }
  const a = e.perAnswer.find((p) => p.questionNumber === number);
  if (!a) return { result: 'not reached', score: null };
  return { result: a.skipped ? 'skipped' : 'answered (no grade offline)', score: null };
}
