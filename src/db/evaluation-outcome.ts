/**
 * The rules for an evaluation row that need no schema: which JSON columns it has and whether its
 * plain columns fit a variant. evaluations.ts reads a whole evaluation with them; history.ts
 * summarises the latest one with them without loading the schemas (see its note).
 */

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
  rubric: string | null;
  attempts: number | null;
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
