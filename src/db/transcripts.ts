import { statement } from './statements.js';
import type { Db } from './open.js';
import type { AskedBy, NewTurn, Speaker, Turn, TurnKind } from '../model/turn.js';
import { TurnMetrics } from '../model/turn-metrics.js';
import { readJsonColumn } from './json-column.js';
import { textColumn } from './clean-columns.js';

/** A row of the transcripts table, as SQLite returns it. */
interface TurnRow {
  id: number;
  session_id: string;
  seq: number;
  speaker: Speaker;
  /** Written only by appendTurn, from TurnKind. */
  kind: TurnKind;
  question_number: number | null;
  content: string;
  created_at: string;
  duration_ms: number | null;
  cancelled: number;
  audio_url: string | null;
  metrics_json: string | null;
  /** CHECK constraint: 'model', 'app', 'model+app' or NULL. */
  asked_by: AskedBy | null;
}

type TurnValues = [
  sessionId: string,
  sameSessionId: string,
  speaker: Speaker,
  kind: TurnKind,
  questionNumber: number | null,
  content: string,
  createdAt: string,
  durationMs: number | null,
  cancelled: 0 | 1,
  audioUrl: string | null,
  metricsJson: string | null,
  askedBy: AskedBy | null,
];

/**
 * One statement per completed turn, committed at once (autocommit): a crash or a kill
 * loses at most the turn in flight.
 */
export function appendTurn(db: Db, sessionId: string, turn: NewTurn, now = new Date()): number {
  const info = statement<TurnValues>(
    db,
    `INSERT INTO transcripts (session_id, seq, speaker, kind, question_number, content, created_at, duration_ms, cancelled, audio_url, metrics_json, asked_by)
       VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM transcripts WHERE session_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    sessionId,
    sessionId,
    turn.speaker,
    turn.kind,
    turn.questionNumber,
    textColumn(turn.content),
    now.toISOString(),
    turn.durationMs ?? null,
    turn.cancelled ? 1 : 0,
    turn.audioUrl ?? null,
    turn.metrics ? JSON.stringify(turn.metrics) : null,
    turn.askedBy ?? null,
  );
  return Number(info.lastInsertRowid);
}

export function listTurns(db: Db, sessionId: string): Turn[] {
  return statement<[string], TurnRow>(db, 'SELECT * FROM transcripts WHERE session_id = ? ORDER BY seq')
    .all(sessionId)
    .map(toTurn);
}

function toTurn(r: TurnRow): Turn {
  return {
    id: r.id,
    sessionId: r.session_id,
    seq: r.seq,
    speaker: r.speaker,
    kind: r.kind,
    questionNumber: r.question_number,
    content: r.content,
    createdAt: r.created_at,
    durationMs: r.duration_ms,
    cancelled: r.cancelled === 1,
    audioUrl: r.audio_url,
    metrics: r.metrics_json === null ? null : readJsonColumn(TurnMetrics, 'metrics_json', r.metrics_json),
    askedBy: r.asked_by,
  };
}

/**
 * Barge-in: the person spoke over an interviewer turn, which is kept as far as it was heard and
 * marked cancelled (the next request is built from it: the model is told what was heard).
 */
export function cutInterviewerTurn(db: Db, turnId: number, heard: string): void {
  db.prepare<[string, number]>(
    "UPDATE transcripts SET content = ?, cancelled = 1 WHERE id = ? AND speaker = 'interviewer'",
  ).run(textColumn(heard), turnId);
}

/** The interviewer's spoken audio is ready after its text was saved: attach it (and its timings) then. */
export function setTurnAudio(db: Db, turnId: number, audioUrl: string | null, metrics?: TurnMetrics): void {
  db.prepare<[string | null, string | null, number]>(
    'UPDATE transcripts SET audio_url = COALESCE(?, audio_url), metrics_json = COALESCE(?, metrics_json) WHERE id = ?',
  ).run(audioUrl, metrics ? JSON.stringify(metrics) : null, turnId);
}
