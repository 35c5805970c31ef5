import type { Db } from './open.js';
import type { TurnKind } from '../model/turn.js';

export interface NewTurn {
  speaker: 'interviewer' | 'candidate';
  kind: TurnKind;
  questionNumber: number | null;
  content: string;
  durationMs?: number | null;
  cancelled?: boolean;
  audioUrl?: string | null;
  metrics?: Record<string, unknown> | null;
}

export interface TurnRow {
  id: number;
  session_id: string;
  seq: number;
  speaker: 'interviewer' | 'candidate';
  kind: TurnKind;
  question_number: number | null;
  content: string;
  created_at: string;
  duration_ms: number | null;
  cancelled: number;
  audio_url: string | null;
  metrics_json: string | null;
}

/**
 * One statement per completed turn, committed at once (autocommit): a crash or a kill
 * loses at most the turn in flight.
 */
export function appendTurn(db: Db, sessionId: string, turn: NewTurn, now = new Date()): number {
  const info = db
    .prepare(
      `INSERT INTO transcripts (session_id, seq, speaker, kind, question_number, content, created_at, duration_ms, cancelled, audio_url, metrics_json)
       VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM transcripts WHERE session_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      sessionId,
      sessionId,
      turn.speaker,
      turn.kind,
      turn.questionNumber,
      turn.content,
      now.toISOString(),
      turn.durationMs ?? null,
      turn.cancelled ? 1 : 0,
      turn.audioUrl ?? null,
      turn.metrics ? JSON.stringify(turn.metrics) : null,
    );
  return Number(info.lastInsertRowid);
}

export function listTurns(db: Db, sessionId: string): TurnRow[] {
  return db.prepare('SELECT * FROM transcripts WHERE session_id = ? ORDER BY seq').all(sessionId) as TurnRow[];
}

/** The interviewer's spoken audio is ready after its text was saved: attach it (and its timings) then. */
export function setTurnAudio(db: Db, turnId: number, audioUrl: string | null, metrics?: Record<string, unknown>): void {
  db.prepare(
    'UPDATE transcripts SET audio_url = COALESCE(?, audio_url), metrics_json = COALESCE(?, metrics_json) WHERE id = ?',
  ).run(audioUrl, metrics ? JSON.stringify(metrics) : null, turnId);
}
