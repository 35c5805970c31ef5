import type { AnswerFact, DimensionFact, FailedAfterScore, SessionFact, UnreadableScore } from '../model/stats.js';
import type { Db } from './open.js';
import type { SessionStatus } from '../model/session.js';
import { effectiveStatus } from './session-status.js';
import { evaluationsById } from './evaluations.js';
import { laterFailure, latestAttemptId, shownEvaluationId, type EvaluationRow } from './evaluation-outcome.js';
import { dimensionVerified } from '../model/evaluation.js';

/**
 * The facts behind `interview-coach stats`. The window uses the sessions indexes:
 * `sessions_role_started` with --role, `sessions_started_at` with --since alone. The evaluation
 * each session shows (the one history and replay show too: shownEvaluationId) is found through
 * `evaluations_session`, then read by id through
 * the same checks as every other read of an evaluation, so a damaged one gives no score
 * anywhere (history, export, stats alike).
 */

export interface StatsWindow {
  roleId?: string | null;
  since?: Date | null;
}

/** Everything stats aggregates in the window, oldest session first. */
export interface StatsFacts {
  sessions: SessionFact[];
  dimensions: DimensionFact[];
  answers: AnswerFact[];
  /** Sessions whose scoring evaluation could not be read: no score, and the reason. */
  unreadable: UnreadableScore[];
  /** Scored sessions whose latest attempt failed (the score counted is the earlier one). */
  failedAfterScore: FailedAfterScore[];
}

interface StatsSessionRow {
  id: string;
  role_id: string;
  role_title: string;
  status: SessionStatus;
  pid: number | null;
  process_start: string | null;
  hostname: string | null;
  started_at: string;
  /** duration_ms, or for a session that never finished, the time to its last saved turn (less paused_ms). */
  practice_ms: number | null;
  /** The evaluation the session shows, or null when there is none. */
  evaluation_id: number | null;
  /** The session's latest attempt (after evaluation_id when a later one failed). */
  latest_id: number | null;
}

function windowWhere(w: StatsWindow): { sql: string; params: string[] } {
  const terms: string[] = [];
  const params: string[] = [];
  if (w.roleId) {
    terms.push('s.role_id = ?');
    params.push(w.roleId);
  }
  if (w.since) {
    // started_at is always written by Date#toISOString, so text order is time order.
    terms.push('s.started_at >= ?');
    params.push(w.since.toISOString());
  }
  return { sql: terms.length ? `WHERE ${terms.join(' AND ')}` : '', params };
}

/** Sessions in the window with their practice time, score, rubric grades and graded answers. */
export function statsFacts(db: Db, w: StatsWindow): StatsFacts {
  const { sql, params } = windowWhere(w);
  const rows = db
    .prepare<string[], StatsSessionRow>(
      `SELECT s.id, s.role_id, s.role_title, s.status, s.pid, s.process_start, s.hostname, s.started_at,
              CASE WHEN s.duration_ms IS NOT NULL THEN s.duration_ms
                   ELSE (SELECT CAST(ROUND((julianday(MAX(t.created_at)) - julianday(s.started_at)) * 86400000) AS INTEGER)
                                - s.paused_ms
                           FROM transcripts t WHERE t.session_id = s.id)
              END AS practice_ms,
              ${shownEvaluationId('s.id')} AS evaluation_id, ${latestAttemptId('s.id')} AS latest_id
         FROM sessions s
         ${sql}
        ORDER BY s.started_at, s.rowid`,
    )
    .all(...params);
  const evaluation = evaluationsById(db);
  const attempt = db.prepare<[number], Pick<EvaluationRow, 'status' | 'created_at' | 'error' | 'model' | 'host'>>(
    'SELECT status, created_at, error, model, host FROM evaluations WHERE id = ?',
  );
  const facts: StatsFacts = { sessions: [], dimensions: [], answers: [], unreadable: [], failedAfterScore: [] };
  for (const r of rows) {
    const e = r.evaluation_id === null ? undefined : evaluation(r.evaluation_id);
    const scored = e?.status === 'ok' && e.kind === 'ai' ? e : null;
    // A heuristic evaluation never has a score: one that is damaged takes none away.
    if (e?.status === 'unreadable' && e.kind === 'ai') facts.unreadable.push({ sessionId: r.id, reason: e.error });
    facts.sessions.push({
      id: r.id,
      roleId: r.role_id,
      roleTitle: r.role_title,
      status: effectiveStatus({ status: r.status, pid: r.pid, processStart: r.process_start, hostname: r.hostname }),
      startedAt: r.started_at,
      durationMs: r.practice_ms,
      score: scored ? scored.overallScore : null,
    });
    if (!scored) continue;
    const later = r.latest_id !== null && r.latest_id > scored.id ? attempt.get(r.latest_id) : undefined;
    const failure = later ? laterFailure(later) : null;
    if (failure) facts.failedAfterScore.push({ sessionId: r.id, scoredAt: scored.createdAt, failure });
    // "Not tested" grades are no evidence either way: left out, as they are of the overall score.
    for (const d of scored.dimensions)
      if (d.score !== null)
        facts.dimensions.push({ sessionId: r.id, name: d.name, score: d.score, verified: dimensionVerified(d) });
    for (const a of scored.perAnswer)
      facts.answers.push({ sessionId: r.id, questionNumber: a.questionNumber, question: a.question, score: a.score });
  }
  return facts;
}

export function countSessions(db: Db): number {
  return db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM sessions').get()?.n ?? 0;
}

export function roleHasSessions(db: Db, roleId: string): boolean {
  return db.prepare<[string]>('SELECT 1 FROM sessions WHERE role_id = ? LIMIT 1').get(roleId) !== undefined;
}
