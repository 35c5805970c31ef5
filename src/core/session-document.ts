import type { Db } from '../db/open.js';
import { effectiveStatus, getSession } from '../db/sessions.js';
import type { Interviewer, SessionStatus } from '../model/session.js';
import { listTurns, type TurnRow } from '../db/transcripts.js';
import type { TurnKind } from '../model/turn.js';
import { latestEvaluation } from '../db/evaluations.js';
import type { EvaluationRecord } from '../model/evaluation.js';
import { listHistory } from '../db/history.js';

/** Bumped only when a field is removed or changes meaning; new fields may be added within a version. */
export const SESSION_SCHEMA_VERSION = 1;

/** One turn of the transcript, in order (`seq` starts at 1). */
export interface SessionTurn {
  seq: number;
  speaker: 'interviewer' | 'candidate';
  kind: TurnKind;
  /** The main question this turn belongs to (follow-ups and their answers share it); null for greeting/closing. */
  questionNumber: number | null;
  content: string;
  /** ISO 8601 (UTC): when the turn was complete. */
  createdAt: string;
  /** For answers: how long the candidate took. */
  durationMs: number | null;
  /** The interviewer's reply was stopped (Esc) while streaming; the part shown is kept. */
  cancelled: boolean;
  /** Recorded audio of the turn (voice mode), or null. */
  audioUrl: string | null;
  /** Speech metrics of the turn (voice mode): the stored metrics JSON, parsed, or null. */
  metrics: unknown;
}

/**
 * A whole session as one JSON-ready object: `export --format json`, `start --json`,
 * `evaluate --json`. The field list is documented in `interview-coach export --help`.
 */
export interface SessionDocument {
  schemaVersion: typeof SESSION_SCHEMA_VERSION;
  id: string;
  role: { id: string; title: string };
  difficulty: string;
  plannedQuestions: number;
  interviewer: Interviewer;
  offlineReason: string | null;
  model: string | null;
  host: string | null;
  inputMode: 'text' | 'voice';
  /** A session still marked in progress whose process is gone reads as interrupted. */
  status: SessionStatus;
  endReason: string | null;
  startedAt: string;
  endedAt: string | null;
  durationMs: number | null;
  /** Set for `interview-coach retry` sessions: the session and question answered again. */
  retryOf: string | null;
  retryQuestion: number | null;
  transcript: SessionTurn[];
  /** The latest evaluation, or null when the session was never evaluated. */
  evaluation: EvaluationRecord | null;
}

/** A whole session as one JSON-ready object (used by `start --json`, `evaluate --json` and `export`). */
export function sessionDocument(db: Db, sessionId: string): SessionDocument {
  const s = getSession(db, sessionId);
  if (!s) throw new Error(`session ${sessionId} not found`);
  return {
    schemaVersion: SESSION_SCHEMA_VERSION,
    id: s.id,
    role: { id: s.roleId, title: s.roleTitle },
    difficulty: s.difficulty,
    plannedQuestions: s.plannedQuestions,
    interviewer: s.interviewer,
    offlineReason: s.offlineReason,
    model: s.model,
    host: s.host,
    inputMode: s.inputMode,
    status: effectiveStatus(s),
    endReason: s.endReason,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    durationMs: s.durationMs,
    retryOf: s.retryOf,
    retryQuestion: s.retryQuestion,
    transcript: listTurns(db, sessionId).map(toTurn),
    evaluation: latestEvaluation(db, sessionId) ?? null,
  };
}

/** Every session, newest first. */
export function allSessionDocuments(db: Db): SessionDocument[] {
  return listHistory(db, { limit: 0 }).map((row) => sessionDocument(db, row.id));
}

function toTurn(t: TurnRow): SessionTurn {
  return {
    seq: t.seq,
    speaker: t.speaker,
    kind: t.kind,
    questionNumber: t.question_number,
    content: t.content,
    createdAt: t.created_at,
    durationMs: t.duration_ms,
    cancelled: t.cancelled === 1,
    audioUrl: t.audio_url ?? null,
    metrics: parseMetrics(t.metrics_json),
  };
}

/** Metrics are written by the voice pipeline; a row that does not parse is reported as none rather than failing the export. */
function parseMetrics(json: string | null | undefined): unknown {
  if (!json) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return null;
  }
}
