import type { AnswerFact, DimensionFact } from '../model/stats.js';
import type { Db } from './open.js';
import type { SessionStatus } from '../model/session.js';

/**
 * The rows behind `interview-coach stats`: two statements whatever the number of sessions
 * (no query per session). The window uses the sessions indexes: `sessions_role_started`
 * with --role, `sessions_started_at` with --since alone. The scoring evaluation of each
 * session is found through `evaluations_session`. Measured on 10k sessions with about 7 KB
 * of feedback each: both statements together take about 0.3 s on a 2-core machine.
 */

export interface StatsWindow {
  roleId?: string | null;
  since?: Date | null;
}

export interface StatsSessionRow {
  id: string;
  role_id: string;
  role_title: string;
  status: SessionStatus;
  pid: number | null;
  started_at: string;
  /** duration_ms, or for a session that never finished, the time to its last saved turn. */
  practice_ms: number | null;
  /** overall_score of the scoring evaluation (the latest ok AI one); null when there is none. */
  score: number | null;
  /** Its rubric grades, as stored; null when there is no scoring evaluation. */
  dimension_scores_json: string | null;
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

/** The id of a session's scoring evaluation: the latest AI one that succeeded (failed and heuristic ones have no score). */
const SCORING_EVALUATION = `(SELECT MAX(e2.id) FROM evaluations e2
    WHERE e2.session_id = s.id AND e2.kind = 'ai' AND e2.status = 'ok' AND e2.overall_score IS NOT NULL)`;

/** Sessions in the window, oldest first, with their practice time, score and rubric grades. */
export function statsSessions(db: Db, w: StatsWindow): StatsSessionRow[] {
  const { sql, params } = windowWhere(w);
  return db
    .prepare(
      `SELECT s.id, s.role_id, s.role_title, s.status, s.pid, s.started_at,
              CASE WHEN s.duration_ms IS NOT NULL THEN s.duration_ms
                   ELSE (SELECT CAST(ROUND((julianday(MAX(t.created_at)) - julianday(s.started_at)) * 86400000) AS INTEGER)
                           FROM transcripts t WHERE t.session_id = s.id)
              END AS practice_ms,
              e.overall_score AS score, e.dimension_scores_json
         FROM sessions s
         LEFT JOIN evaluations e ON e.id = ${SCORING_EVALUATION}
         ${sql}
        ORDER BY s.started_at, s.rowid`,
    )
    .all(...params) as StatsSessionRow[];
}

/**
 * The rubric grades of those rows. The grades are a few hundred bytes per session: parsing
 * them here is cheaper than flattening them in SQL (measured: 10k sessions, about 4x).
 */
export function dimensionFacts(rows: StatsSessionRow[]): DimensionFact[] {
  const facts: DimensionFact[] = [];
  for (const r of rows) {
    if (r.score === null || !r.dimension_scores_json) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(r.dimension_scores_json);
    } catch {
      continue; // a damaged row adds nothing rather than stopping the report
    }
    if (!Array.isArray(parsed)) continue;
    for (const d of parsed as { name?: unknown; score?: unknown }[]) {
      if (d && typeof d.name === 'string' && typeof d.score === 'number')
        facts.push({ sessionId: r.id, name: d.name, score: d.score });
    }
  }
  return facts;
}

// json_each over text that is not valid JSON would raise; such a row contributes nothing instead.
const jsonArray = (column: string) => `json_each(CASE WHEN json_valid(${column}) THEN ${column} ELSE '[]' END)`;

/**
 * The `limit` lowest-scored answers of the scored sessions in the window; ties: the oldest
 * session first, then question order. Per-answer feedback is kilobytes per session, so it stays
 * in SQLite: only score and number are read for every answer, the question text for the few kept.
 * Fields are read from the whole document by path (a.fullkey), which gives null, not an error,
 * for an element that is not an object.
 */
export function statsWeakestAnswers(db: Db, w: StatsWindow, limit: number): AnswerFact[] {
  const { sql, params } = windowWhere(w);
  return db
    .prepare(
      `WITH scored AS (
         SELECT s.id AS session_id, s.started_at, s.rowid AS session_row, ${SCORING_EVALUATION} AS evaluation_id
           FROM sessions s ${sql}
       ),
       graded AS (
         SELECT sc.session_id, sc.started_at, sc.session_row, e.id AS evaluation_id, a.fullkey AS path,
                json_extract(e.per_answer_json, a.fullkey || '.score') AS score,
                json_extract(e.per_answer_json, a.fullkey || '.questionNumber') AS question_number
           FROM scored sc
           JOIN evaluations e ON e.id = sc.evaluation_id, ${jsonArray('e.per_answer_json')} a
       ),
       lowest AS (
         SELECT * FROM graded
          WHERE typeof(score) IN ('integer', 'real') AND score BETWEEN 1 AND 5
            AND typeof(question_number) = 'integer' AND question_number >= 1
          ORDER BY score, started_at, session_row, question_number
          LIMIT ?
       )
       SELECT l.session_id AS sessionId, l.question_number AS questionNumber, l.score,
              CASE WHEN typeof(json_extract(e.per_answer_json, l.path || '.question')) = 'text'
                   THEN json_extract(e.per_answer_json, l.path || '.question') ELSE '' END AS question
         FROM lowest l JOIN evaluations e ON e.id = l.evaluation_id
        ORDER BY l.score, l.started_at, l.session_row, l.question_number`,
    )
    .all(...params, limit) as AnswerFact[];
}

export function countSessions(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;
}

export function roleHasSessions(db: Db, roleId: string): boolean {
  return db.prepare('SELECT 1 FROM sessions WHERE role_id = ? LIMIT 1').get(roleId) !== undefined;
}
