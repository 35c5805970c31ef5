import type { Db } from './open.js';
import type { SessionRow } from './sessions.js';

export interface HistoryFilter {
  /** 0 = no limit. */
  limit: number;
  role?: string;
  /** ISO timestamp: sessions started at or after it. */
  since?: string;
}

export interface HistoryRow extends Pick<
  SessionRow,
  'id' | 'started_at' | 'role_id' | 'role_title' | 'input_mode' | 'interviewer' | 'duration_ms' | 'status' | 'pid'
> {
  answers: number;
  eval_kind: 'ai' | 'heuristic' | null;
  eval_status: 'ok' | 'failed' | null;
  score: number | null;
}

export interface SearchHit extends HistoryRow {
  snippet: string;
  rank: number;
  hits: number;
}

// Per-row subqueries use the (session_id, seq) and (session_id, created_at) indexes, so the
// cost follows the rows shown, not the size of the database.
const COLUMNS = `
  s.id, s.started_at, s.role_id, s.role_title, s.input_mode, s.interviewer, s.duration_ms, s.status, s.pid,
  (SELECT count(*) FROM transcripts t WHERE t.session_id = s.id AND t.kind = 'answer') AS answers,
  e.kind AS eval_kind, e.status AS eval_status, e.overall_score AS score`;
const LATEST_EVALUATION = `
  LEFT JOIN evaluations e ON e.id = (SELECT id FROM evaluations WHERE session_id = s.id ORDER BY id DESC LIMIT 1)`;
const FILTERS = `(@role IS NULL OR s.role_id = @role) AND (@since IS NULL OR s.started_at >= @since)`;

export function listHistory(db: Db, f: HistoryFilter): HistoryRow[] {
  return db
    .prepare(
      `SELECT ${COLUMNS} FROM sessions s ${LATEST_EVALUATION} WHERE ${FILTERS} ORDER BY s.started_at DESC LIMIT @limit`,
    )
    .all({ role: f.role ?? null, since: f.since ?? null, limit: f.limit > 0 ? f.limit : -1 }) as HistoryRow[];
}

/**
 * Full-text search over every transcript (FTS5, ranked by bm25): the sessions whose best
 * matching turn ranks highest come first, each with a snippet of that turn.
 */
export function searchHistory(db: Db, text: string, f: HistoryFilter): SearchHit[] {
  const query = ftsQuery(text);
  if (!query) return [];
  const best = db
    .prepare(
      `WITH hits AS MATERIALIZED (SELECT rowid, bm25(transcripts_fts) AS rank FROM transcripts_fts WHERE transcripts_fts MATCH @query)
       SELECT t.session_id AS session_id, min(h.rank) AS rank, h.rowid AS turn_id, count(*) AS hits
         FROM hits h JOIN transcripts t ON t.id = h.rowid JOIN sessions s ON s.id = t.session_id
        WHERE ${FILTERS}
        GROUP BY t.session_id ORDER BY rank LIMIT @limit`,
    )
    .all({ query, role: f.role ?? null, since: f.since ?? null, limit: f.limit > 0 ? f.limit : -1 }) as {
    session_id: string;
    rank: number;
    turn_id: number;
    hits: number;
  }[];
  // Snippets only for the rows shown: computing one per match would cost far more on a big database.
  const snippet = db.prepare(
    `SELECT snippet(transcripts_fts, 0, '[', ']', '…', 12) AS s FROM transcripts_fts WHERE transcripts_fts MATCH @query AND rowid = @id`,
  );
  const session = db.prepare(`SELECT ${COLUMNS} FROM sessions s ${LATEST_EVALUATION} WHERE s.id = ?`);
  return best.map((b) => ({
    ...(session.get(b.session_id) as HistoryRow),
    snippet: (snippet.get({ query, id: b.turn_id }) as { s: string }).s.replace(/\s+/g, ' '),
    rank: b.rank,
    hits: b.hits,
  }));
}

/** Words a person typed, as an FTS5 query: every word must occur, punctuation never breaks the syntax. */
export function ftsQuery(text: string): string {
  const words = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  return words.map((w) => `"${w}"`).join(' ');
}
