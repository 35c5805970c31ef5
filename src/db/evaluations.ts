import type { EvaluationRecord, NewEvaluation } from '../model/evaluation.js';
import type { Db } from './open.js';

interface Row {
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

export function insertEvaluation(db: Db, e: NewEvaluation, now = new Date()): EvaluationRecord {
  const json = (v: unknown[]) => (e.status === 'ok' ? JSON.stringify(v) : null);
  const info = db
    .prepare(
      `INSERT INTO evaluations (session_id, kind, status, overall_score, dimension_scores_json, strengths_json, areas_json,
         per_answer_json, detailed_feedback, evidence_note, error, model, rubric, attempts, duration_ms, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      e.sessionId,
      e.kind,
      e.status,
      e.status === 'ok' ? e.overallScore : null,
      json(e.dimensions),
      json(e.strengths),
      json(e.areas),
      json(e.perAnswer),
      e.detailedFeedback,
      e.evidenceNote,
      e.error,
      e.model,
      e.rubric,
      e.attempts,
      e.durationMs,
      now.toISOString(),
    );
  return latestEvaluationById(db, Number(info.lastInsertRowid))!;
}

function latestEvaluationById(db: Db, id: number): EvaluationRecord | undefined {
  const row = db.prepare('SELECT * FROM evaluations WHERE id = ?').get(id) as Row | undefined;
  return row && toRecord(row);
}

export function latestEvaluation(db: Db, sessionId: string): EvaluationRecord | undefined {
  const row = db.prepare('SELECT * FROM evaluations WHERE session_id = ? ORDER BY id DESC LIMIT 1').get(sessionId) as
    Row | undefined;
  return row && toRecord(row);
}

function toRecord(r: Row): EvaluationRecord {
  const parse = <T>(s: string | null, fallback: T): T => (s ? (JSON.parse(s) as T) : fallback);
  return {
    id: r.id,
    sessionId: r.session_id,
    kind: r.kind,
    status: r.status,
    overallScore: r.overall_score,
    dimensions: parse(r.dimension_scores_json, []),
    strengths: parse(r.strengths_json, []),
    areas: parse(r.areas_json, []),
    perAnswer: parse(r.per_answer_json, []),
    detailedFeedback: r.detailed_feedback,
    evidenceNote: r.evidence_note,
    error: r.error,
    model: r.model,
    rubric: r.rubric,
    attempts: r.attempts,
    durationMs: r.duration_ms,
    createdAt: r.created_at,
  };
}
