import type { Db } from './open.js';
import type { EvaluationAttempt } from '../model/evaluation.js';
import { badJsonColumn, outcomeOf, shownEvaluationId, type EvaluationRow } from './evaluation-outcome.js';
import { lineColumn } from './clean-columns.js';

type AttemptRow = Pick<
  EvaluationRow,
  | 'id'
  | 'created_at'
  | 'kind'
  | 'status'
  | 'overall_score'
  | 'error'
  | 'model'
  | 'host'
  | 'samples'
  | 'attempts'
  | 'duration_ms'
> & { bad_json: string | null; shown: 0 | 1 };

/**
 * Every evaluation attempt of a session, oldest first (`evaluate --list`, `history --json`).
 * Plain columns only, like history's list: the outcome of each is read by the same rules as
 * reading it whole, without parsing its feedback. One statement prepared for many sessions.
 */
export function evaluationAttemptsReader(db: Db): (sessionId: string) => EvaluationAttempt[] {
  // The shown id depends on the session alone, not on the row: SQLite computes it once per call.
  const statement = db.prepare<{ session: string }, AttemptRow>(
    `SELECT e.id, e.created_at, e.kind, e.status, e.overall_score, e.error, e.model, e.host, e.samples, e.attempts,
            e.duration_ms, ${badJsonColumn('e')} AS bad_json, e.id = ${shownEvaluationId('@session')} AS shown
       FROM evaluations e WHERE e.session_id = @session ORDER BY e.id`,
  );
  return (sessionId) => statement.all({ session: sessionId }).map(toAttempt);
}

function toAttempt(r: AttemptRow): EvaluationAttempt {
  const outcome = outcomeOf(r);
  return {
    id: r.id,
    createdAt: r.created_at,
    kind: r.kind,
    status: outcome.status,
    score: outcome.score,
    error: outcome.status === 'ok' ? null : lineColumn(outcome.error),
    model: r.model,
    host: r.host,
    samples: r.samples,
    attempts: r.attempts,
    durationMs: r.duration_ms,
    shown: r.shown === 1,
  };
}
