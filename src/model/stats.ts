import type { LaterFailure } from './evaluation.js';

/**
 * The facts `interview-coach stats` aggregates, as db/stats-queries.ts reads them (already
 * filtered by role and date) and core/stats.ts consumes them.
 */

/** One session in the window, oldest first. */
export interface SessionFact {
  id: string;
  roleId: string;
  roleTitle: string;
  /** What a person should read (a dead in_progress session is 'interrupted'). */
  status: 'completed' | 'interrupted' | 'in_progress';
  /** ISO 8601, UTC. */
  startedAt: string;
  /** Practice time; for a session that never finished, up to its last saved turn; null when unknown. */
  durationMs: number | null;
  /** 0-100 from the evaluation the session shows when it is an AI one that succeeded, else null. */
  score: number | null;
}

/** One rubric grade of a scored session. */
export interface DimensionFact {
  sessionId: string;
  name: string;
  /** 1-5 (a grade that was "not tested" is no fact: it is left out). */
  score: number;
  /** False when no quote of the candidate supported the grade ("not verified"): counted as at most 2, and said. */
  verified?: boolean;
}

/** One graded answer of a scored session. */
export interface AnswerFact {
  sessionId: string;
  questionNumber: number;
  question: string;
  /** 1-5. */
  score: number;
}

/** A session left without a score because its scoring evaluation is damaged (said on stderr, never a 0). */
export interface UnreadableScore {
  sessionId: string;
  reason: string;
}

/** A scored session whose latest evaluation attempt failed: its earlier score is counted, and this is said. */
export interface FailedAfterScore {
  sessionId: string;
  /** When the counted evaluation was made (ISO 8601, UTC). */
  scoredAt: string;
  failure: LaterFailure;
}
