import type { Evaluation } from '../../model/evaluation.js';

/** One judgement of one fixture, as the figures need it (from the stored Evaluation). */
export interface Judgement {
  fixtureId: string;
  /** 0-based run number. */
  run: number;
  /** The judge gave a usable evaluation (within its attempts). */
  ok: boolean;
  /** Attempts the judge needed (1: usable at once); null when not recorded. */
  attempts: number | null;
  overall: number | null;
  answers: { questionNumber: number; score: number; verified: boolean | null }[];
  dimensions: { id: string; score: number | null; verified: boolean }[];
}

/**
 * What a stored evaluation says for the figures. Evidence counts as verified when the guards
 * said so; rows without the flag (judges before 0.2) count non-empty evidence as verified.
 * A per-answer grade without a quote field says nothing either way (null).
 */
export function judgementOf(fixtureId: string, run: number, e: Evaluation): Judgement {
  const ok = e.kind === 'ai' && e.status === 'ok';
  if (!ok || e.kind !== 'ai') {
    return { fixtureId, run, ok: false, attempts: e.attempts, overall: null, answers: [], dimensions: [] };
  }
  return {
    fixtureId,
    run,
    ok,
    attempts: e.attempts,
    overall: e.overallScore,
    answers: e.perAnswer.map((a) => ({
      questionNumber: a.questionNumber,
      score: a.score,
      verified: a.verified ?? (a.quote === undefined ? null : a.quote.trim() !== ''),
    })),
    dimensions: e.dimensions.map((d) => ({
      id: d.id,
      score: d.score,
      verified: d.verified ?? d.evidence.trim() !== '',
    })),
  };
}
