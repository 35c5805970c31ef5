import type { Db } from '../db/open.js';
import { getSession } from '../db/sessions.js';
import { listTurns } from '../db/transcripts.js';
import { latestEvaluation } from '../db/evaluations.js';

/** A whole session as one JSON-ready object (used by `start --json` and `evaluate --json`). */
export function sessionDocument(db: Db, sessionId: string) {
  const s = getSession(db, sessionId);
  if (!s) throw new Error(`session ${sessionId} not found`);
  return {
    id: s.id,
    role: { id: s.role_id, title: s.role_title },
    difficulty: s.difficulty,
    plannedQuestions: s.planned_questions,
    interviewer: s.interviewer,
    offlineReason: s.offline_reason,
    model: s.model,
    host: s.host,
    inputMode: s.input_mode,
    status: s.status,
    endReason: s.end_reason,
    startedAt: s.started_at,
    endedAt: s.ended_at,
    durationMs: s.duration_ms,
    transcript: listTurns(db, sessionId).map((t) => ({
      speaker: t.speaker, kind: t.kind, questionNumber: t.question_number, content: t.content,
      createdAt: t.created_at, durationMs: t.duration_ms, cancelled: t.cancelled === 1,
    })),
    evaluation: latestEvaluation(db, sessionId) ?? null,
  };
}
