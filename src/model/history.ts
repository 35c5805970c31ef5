import type { Evaluation, LaterFailure } from './evaluation.js';
import type { InputMode, Interviewer, SessionStatus } from './session.js';

/**
 * What a list of sessions shows of the session's evaluation (the one it shows: see
 * db/evaluation-outcome.ts shownEvaluationId): its kind and outcome, the score only where one
 * exists (an AI evaluation that succeeded), why when there is none to read, and a failed
 * attempt made after it.
 */
export type EvaluationSummary = (
  | { kind: Evaluation['kind']; status: 'ok'; score: number | null }
  | { kind: Evaluation['kind']; status: 'failed' | 'unreadable'; score: null; error: string }
) & { createdAt: string; laterFailure: LaterFailure | null };

/** One row of `interview-coach history` (db/history.ts maps it). */
export interface HistoryEntry {
  id: string;
  /** ISO 8601, UTC. */
  startedAt: string;
  roleId: string;
  roleTitle: string;
  difficulty: string;
  inputMode: InputMode;
  interviewer: Interviewer;
  durationMs: number | null;
  /** As stored: see effectiveStatus for what a person should read. */
  status: SessionStatus;
  /** Who runs it: the pid, that process's start time and the host (see effectiveStatus). */
  pid: number | null;
  processStart: string | null;
  hostname: string | null;
  /** Answers given (skipped questions not counted). */
  answers: number;
  /** The evaluation the session shows, or null when the session was never evaluated. */
  evaluation: EvaluationSummary | null;
  /** The job description and résumé it was grounded in (start --jd/--resume), or null. */
  jd: HistoryDocument | null;
  resume: HistoryDocument | null;
}

/** What a list shows of a document: its title and hash, and whether its text was kept (not with --no-store). */
export interface HistoryDocument {
  title: string;
  sha256: string;
  textStored: boolean;
}

/** A session found by `history --search`, with the best-matching turn. */
export interface SearchHit extends HistoryEntry {
  /** That turn's text around the match, the matched words in [brackets]. */
  snippet: string;
  /** bm25: lower is better. */
  rank: number;
  /** How many turns of the session match. */
  hits: number;
}
