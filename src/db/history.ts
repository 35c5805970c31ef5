import type { Db } from './open.js';
import type { InputMode, Interviewer, SessionStatus } from '../model/session.js';
import type { EvaluationSummary, HistoryDocument, HistoryEntry, SearchHit } from '../model/history.js';
import { snippetReader } from './search-snippet.js';
import {
  badJsonColumn,
  laterFailure,
  latestAttemptId,
  outcomeOf,
  shownEvaluationId,
  type EvaluationRow,
} from './evaluation-outcome.js';

export interface HistoryFilter {
  /** 0 = no limit. */
  limit: number;
  role?: string;
  /** ISO timestamp: sessions started at or after it. */
  since?: string;
}

interface HistoryRow {
  id: string;
  started_at: string;
  role_id: string;
  role_title: string;
  difficulty: string;
  input_mode: InputMode;
  interviewer: Interviewer;
  duration_ms: number | null;
  status: SessionStatus;
  pid: number | null;
  process_start: string | null;
  hostname: string | null;
  answers: number;
  /** The outcome of the evaluation the session shows (all null when there is none). */
  eval_kind: EvaluationRow['kind'] | null;
  eval_status: EvaluationRow['status'] | null;
  eval_score: number | null;
  eval_error: string | null;
  eval_created_at: string | null;
  /** The first of its JSON columns that does not parse, if any. */
  eval_bad_json: string | null;
  /** A later attempt (null when the one shown is the latest). */
  later_status: EvaluationRow['status'] | null;
  later_created_at: string | null;
  later_error: string | null;
  later_model: string | null;
  later_host: string | null;
  jd_title: string | null;
  jd_sha256: string | null;
  jd_stored: number;
  resume_title: string | null;
  resume_sha256: string | null;
  resume_stored: number;
}

interface FilterParams {
  role: string | null;
  since: string | null;
  limit: number;
}

// Per-row subqueries use the (session_id, seq) and (session_id, created_at) indexes, so the
// cost follows the rows shown, not the size of the database.
//
// A list needs only the shown evaluation's outcome and score, which are plain columns: it
// does not parse kilobytes of feedback per row (that tripled `history -n 0` on 10,000
// sessions). It does ask SQLite whether each JSON column parses (badJsonColumn), so a
// damaged evaluation reads "unreadable" here as it does everywhere; its full shape is checked
// when the evaluation itself is read (export, replay, evaluate, stats).
const COLUMNS = `
  s.id, s.started_at, s.role_id, s.role_title, s.difficulty, s.input_mode, s.interviewer, s.duration_ms, s.status, s.pid,
  s.process_start, s.hostname,
  s.jd_title, s.jd_sha256, s.jd_text IS NOT NULL AS jd_stored,
  s.resume_title, s.resume_sha256, s.resume_text IS NOT NULL AS resume_stored,
  (SELECT count(*) FROM transcripts t WHERE t.session_id = s.id AND t.kind = 'answer') AS answers,
  e.kind AS eval_kind, e.status AS eval_status, e.overall_score AS eval_score, e.error AS eval_error,
  e.created_at AS eval_created_at, ${badJsonColumn('e')} AS eval_bad_json,
  l.status AS later_status, l.created_at AS later_created_at, l.error AS later_error, l.model AS later_model,
  l.host AS later_host`;
const LATEST_EVALUATION = `
  LEFT JOIN evaluations e ON e.id = ${shownEvaluationId('s.id')}
  LEFT JOIN evaluations l ON l.id = ${latestAttemptId('s.id')} AND l.id > e.id`;
const FILTERS = `(@role IS NULL OR s.role_id = @role) AND (@since IS NULL OR s.started_at >= @since)`;

const filterParams = (f: HistoryFilter): FilterParams => ({
  role: f.role ?? null,
  since: f.since ?? null,
  limit: f.limit > 0 ? f.limit : -1,
});

export function listHistory(db: Db, f: HistoryFilter): HistoryEntry[] {
  return Array.from(iterateHistory(db, f));
}

/**
 * listHistory one row at a time, for output that streams (`history --json`, `export --all`):
 * the rows are read as they are used, never all held at once. The statement stays open, and
 * with it one read snapshot of the database, until the loop ends.
 */
export function* iterateHistory(db: Db, f: HistoryFilter): Generator<HistoryEntry> {
  const rows = db
    .prepare<FilterParams, HistoryRow>(
      `SELECT ${COLUMNS} FROM sessions s ${LATEST_EVALUATION} WHERE ${FILTERS} ORDER BY s.started_at DESC LIMIT @limit`,
    )
    .iterate(filterParams(f));
  for (const row of rows) yield toEntry(row);
}

/**
 * Full-text search over every transcript (FTS5, ranked by bm25): the sessions whose best
 * matching turn ranks highest come first, each with a snippet of that turn.
 */
export function searchHistory(db: Db, text: string, f: HistoryFilter): SearchHit[] {
  const query = ftsQuery(text);
  if (!query) return [];
  const best = db
    .prepare<FilterParams & { query: string }, { session_id: string; rank: number; turn_id: number; hits: number }>(
      `WITH hits AS MATERIALIZED (SELECT rowid, bm25(transcripts_fts) AS rank FROM transcripts_fts WHERE transcripts_fts MATCH @query)
       SELECT t.session_id AS session_id, min(h.rank) AS rank, h.rowid AS turn_id, count(*) AS hits
         FROM hits h JOIN transcripts t ON t.id = h.rowid JOIN sessions s ON s.id = t.session_id
        WHERE ${FILTERS}
        GROUP BY t.session_id ORDER BY rank LIMIT @limit`,
    )
    .all({ query, ...filterParams(f) });
  // Snippets only for the rows shown: computing one per match would cost far more on a big database.
  const snippet = snippetReader(db);
  const words = ftsWords(text);
  const session = db.prepare<[string], HistoryRow>(
    `SELECT ${COLUMNS} FROM sessions s ${LATEST_EVALUATION} WHERE s.id = ?`,
  );
  return best.flatMap((b) => {
    const row = session.get(b.session_id);
    if (!row) return []; // deleted between the two statements
    return [
      {
        ...toEntry(row),
        snippet: snippet(b.turn_id, b.session_id, words).replace(/\s+/g, ' '),
        rank: b.rank,
        hits: b.hits,
      },
    ];
  });
}

function toEntry(r: HistoryRow): HistoryEntry {
  return {
    id: r.id,
    startedAt: r.started_at,
    roleId: r.role_id,
    roleTitle: r.role_title,
    difficulty: r.difficulty,
    inputMode: r.input_mode,
    interviewer: r.interviewer,
    durationMs: r.duration_ms,
    status: r.status,
    pid: r.pid,
    processStart: r.process_start,
    hostname: r.hostname,
    answers: r.answers,
    evaluation: summary(r),
    jd: historyDocument(r.jd_title, r.jd_sha256, r.jd_stored),
    resume: historyDocument(r.resume_title, r.resume_sha256, r.resume_stored),
  };
}

function historyDocument(title: string | null, sha256: string | null, stored: number): HistoryDocument | null {
  return sha256 === null ? null : { title: title ?? '', sha256, textStored: stored === 1 };
}

/** The shown evaluation's outcome, by the same rules as reading it whole (db/evaluations.ts). */
function summary(r: HistoryRow): EvaluationSummary | null {
  if (r.eval_kind === null || r.eval_status === null) return null;
  const kind = r.eval_kind;
  const outcome = outcomeOf({
    kind,
    status: r.eval_status,
    overall_score: r.eval_score,
    error: r.eval_error,
    bad_json: r.eval_bad_json,
  });
  const later =
    r.later_status === null
      ? null
      : laterFailure({
          status: r.later_status,
          created_at: r.later_created_at ?? '',
          error: r.later_error,
          model: r.later_model,
          host: r.later_host,
        });
  return { kind, ...outcome, createdAt: r.eval_created_at ?? '', laterFailure: later };
}

/** Words a person typed, as an FTS5 query: every word must occur, punctuation never breaks the syntax. */
export function ftsQuery(text: string): string {
  return ftsWords(text)
    .map((w) => `"${w}"`)
    .join(' ');
}

/** The words of a search as a person typed them (letters, digits and underscores). */
function ftsWords(text: string): string[] {
  return text.match(/[\p{L}\p{N}_]+/gu) ?? [];
}
