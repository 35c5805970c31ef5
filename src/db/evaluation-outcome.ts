/**
 * The rules for an evaluation row that need no schema: which JSON columns it has and whether its
 * plain columns fit a variant. evaluations.ts reads a whole evaluation with them; history.ts
 * summarises the one shown with them without loading the schemas (see its note).
 */
import type { LaterFailure } from '../model/evaluation.js';
import { lineColumn } from './clean-columns.js';

/** A row of the evaluations table, as SQLite returns it (kind and status have CHECK constraints). */
export interface EvaluationRow {
  id: number;
  session_id: string;
  kind: 'ai' | 'heuristic';
  status: 'ok' | 'failed';
  overall_score: number | null;
  dimension_scores_json: string | null;
  strengths_json: string | null;
  areas_json: string | null;
  per_answer_json: string | null;
  detailed_feedback: string | null;
  evidence_note: string | null;
  error: string | null;
  model: string | null;
  host: string | null;
  rubric: string | null;
  attempts: number | null;
  samples: number | null;
  duration_ms: number | null;
  created_at: string;
}

export const NO_REASON = 'a failed evaluation without its reason';

/** Why the row's scalar columns fit no variant, or null when they fit. Shared with history's summary. */
export function scoreProblem(r: Pick<EvaluationRow, 'kind' | 'status' | 'overall_score' | 'error'>): string | null {
  if (r.status === 'failed') return r.error === null ? NO_REASON : null;
  if (r.kind === 'ai' && r.overall_score === null) return 'an AI evaluation without its overall_score';
  if (r.kind === 'heuristic' && r.overall_score !== null) {
    return 'a heuristic evaluation with an overall_score (it never has one)';
  }
  return null;
}

/** The JSON columns of an evaluation, in the order they are checked. */
export const EVALUATION_JSON_COLUMNS = [
  'dimension_scores_json',
  'strengths_json',
  'areas_json',
  'per_answer_json',
] as const;

/**
 * Which of a session's evaluations it shows, everywhere one is shown (history, replay, export,
 * stats, retry): the latest AI evaluation that succeeded, else the latest heuristic one, else
 * the latest attempt (failed, or unreadable). So a failed attempt never hides a result, and
 * facts without AI never hide a grade; `evaluate --list` shows every attempt. `session` is the
 * SQL expression of the session's id. Uses the (session_id, …) index: a few rows per session.
 */
export function shownEvaluationId(session: string): string {
  return `(SELECT id FROM evaluations WHERE session_id = ${session}
    ORDER BY status = 'ok' AND kind = 'ai' DESC, status = 'ok' DESC, id DESC LIMIT 1)`;
}

/** The session's latest attempt, whatever became of it (a later failure is noted next to what is shown). */
export function latestAttemptId(session: string): string {
  return `(SELECT MAX(id) FROM evaluations WHERE session_id = ${session})`;
}

/**
 * SQL: the first JSON column of evaluation `alias` that does not parse (json_valid, in C), or
 * NULL. Lists read this instead of parsing kilobytes of feedback per row, so a damaged
 * evaluation reads "unreadable" there as it does everywhere.
 */
export function badJsonColumn(alias: string): string {
  return `CASE WHEN ${alias}.status = 'ok' THEN CASE
    ${EVALUATION_JSON_COLUMNS.map((c) => `WHEN ${alias}.${c} IS NOT NULL AND NOT json_valid(${alias}.${c}) THEN '${c}'`).join('\n    ')}
  END END`;
}

/** An evaluation's outcome from its plain columns (and badJsonColumn), by the same rules as reading it whole. */
export type Outcome =
  { status: 'ok'; score: number | null } | { status: 'failed' | 'unreadable'; score: null; error: string };

export function outcomeOf(
  r: Pick<EvaluationRow, 'kind' | 'status' | 'overall_score' | 'error'> & { bad_json: string | null },
): Outcome {
  const scalar = scoreProblem(r);
  const json = r.bad_json === null ? null : `${r.bad_json} is not valid JSON`;
  // The same order as the full read: a failure's reason, else the JSON columns, then the score.
  const problem = r.status === 'failed' ? scalar : (json ?? scalar);
  if (r.status === 'failed' && problem === null) return { status: 'failed', score: null, error: r.error ?? '' };
  if (problem !== null) return { status: 'unreadable', score: null, error: problem };
  return { status: 'ok', score: r.kind === 'ai' ? r.overall_score : null };
}

/** `latest`, when it failed: the note next to the evaluation shown (a later heuristic one is no failure). */
export function laterFailure(latest: Pick<EvaluationRow, 'status' | 'created_at' | 'error' | 'model' | 'host'>) {
  if (latest.status !== 'failed') return null;
  return {
    createdAt: latest.created_at,
    error: lineColumn(latest.error) ?? NO_REASON,
    model: latest.model,
    host: latest.host,
  } satisfies LaterFailure;
}
