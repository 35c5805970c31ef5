import type { z } from 'zod';
import {
  AiPerAnswer,
  DimensionScores,
  HeuristicPerAnswer,
  Observations,
  type Evaluation,
  type LaterFailure,
  type NewEvaluation,
  type UnreadableEvaluation,
} from '../model/evaluation.js';
import { isUnreadable, type Unreadable } from '../model/unreadable.js';
import {
  NO_REASON,
  laterFailure,
  latestAttemptId,
  scoreProblem,
  shownEvaluationId,
  type EvaluationRow,
} from './evaluation-outcome.js';
import { readJsonColumn } from './json-column.js';
import type { Db } from './open.js';
import { cleanJson, lineColumn, textColumn } from './clean-columns.js';
import { statement } from './statements.js';

type EvaluationValues = [
  sessionId: string,
  kind: 'ai' | 'heuristic',
  status: 'ok' | 'failed',
  overallScore: number | null,
  dimensionScoresJson: string | null,
  strengthsJson: string | null,
  areasJson: string | null,
  perAnswerJson: string | null,
  detailedFeedback: string | null,
  evidenceNote: string | null,
  error: string | null,
  model: string | null,
  host: string | null,
  rubric: string | null,
  attempts: number | null,
  samples: number | null,
  durationMs: number | null,
  createdAt: string,
];

export function insertEvaluation(db: Db, e: NewEvaluation, now = new Date()): Evaluation {
  // A failed evaluation has nothing graded: its JSON columns stay NULL.
  const json = (v: unknown[]) => (e.status === 'ok' ? cleanJson(v) : null);
  const info = db
    .prepare<EvaluationValues>(
      `INSERT INTO evaluations (session_id, kind, status, overall_score, dimension_scores_json, strengths_json, areas_json,
         per_answer_json, detailed_feedback, evidence_note, error, model, host, rubric, attempts, samples, duration_ms, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      e.sessionId,
      e.kind,
      e.status,
      e.overallScore,
      json(e.dimensions),
      json(e.strengths),
      json(e.areas),
      json(e.perAnswer),
      textColumn(e.detailedFeedback),
      textColumn(e.evidenceNote),
      lineColumn(e.error),
      e.model,
      e.host ?? null,
      e.rubric,
      e.attempts,
      e.samples ?? null,
      e.durationMs,
      now.toISOString(),
    );
  // Read back through the same checks as every other read: what callers get is what is stored.
  const saved = evaluationsById(db)(Number(info.lastInsertRowid));
  if (!saved) throw new Error(`evaluation ${info.lastInsertRowid} is missing right after it was saved`);
  return saved;
}

/** One prepared statement for many reads by id (history and stats read one evaluation per session). */
export function evaluationsById(db: Db): (id: number) => Evaluation | undefined {
  const statement = db.prepare<[number], EvaluationRow>('SELECT * FROM evaluations WHERE id = ?');
  return (id) => {
    const row = statement.get(id);
    return row && toEvaluation(row);
  };
}

/** The session's latest attempt, whatever became of it (what a session shows is shownEvaluation). */
export function latestEvaluation(db: Db, sessionId: string): Evaluation | undefined {
  // Cached: export --all reads every session's, one call each.
  const row = statement<[string], EvaluationRow>(
    db,
    `SELECT * FROM evaluations WHERE id = ${latestAttemptId('?')}`,
  ).get(sessionId);
  return row && toEvaluation(row);
}

/** The evaluation a session shows (see shownEvaluationId), and a failed attempt made after it. */
export interface ShownEvaluation {
  evaluation: Evaluation;
  laterFailure: LaterFailure | null;
}

export function shownEvaluation(db: Db, sessionId: string): ShownEvaluation | undefined {
  const row = db
    .prepare<[string], EvaluationRow>(`SELECT * FROM evaluations WHERE id = ${shownEvaluationId('?')}`)
    .get(sessionId);
  if (!row) return undefined;
  const latest = db
    .prepare<[string], EvaluationRow>(`SELECT * FROM evaluations WHERE id = ${latestAttemptId('?')}`)
    .get(sessionId);
  return { evaluation: toEvaluation(row), laterFailure: latest && latest.id > row.id ? laterFailure(latest) : null };
}

/**
 * The row as one variant of the union, its JSON columns checked. A row that fits no variant
 * (damaged JSON, an AI result without its score, a failure without its reason) is unreadable.
 */
function toEvaluation(r: EvaluationRow): Evaluation {
  // Every variant is laid out in this key order: the JSON export's documented order.
  const layout = {
    id: r.id,
    sessionId: r.session_id,
    kind: r.kind,
    status: r.status,
    overallScore: null,
    dimensions: [],
    strengths: [],
    areas: [],
    perAnswer: [],
    detailedFeedback: r.detailed_feedback,
    evidenceNote: r.evidence_note,
    // Cleaned on read too: rows written before errors were cleaned may quote a host's escapes.
    error: lineColumn(r.error),
    model: r.model,
    host: r.host,
    rubric: r.rubric,
    attempts: r.attempts,
    samples: r.samples,
    durationMs: r.duration_ms,
    createdAt: r.created_at,
  };
  const unreadableAs = (reason: string): UnreadableEvaluation => ({
    ...layout,
    status: 'unreadable',
    detailedFeedback: null,
    evidenceNote: null,
    error: reason,
  });
  if (r.status === 'failed') {
    return r.error === null ? unreadableAs(NO_REASON) : { ...layout, status: 'failed', error: lineColumn(r.error) };
  }
  const dimensions = readList(DimensionScores, 'dimension_scores_json', r.dimension_scores_json);
  if (isUnreadable(dimensions)) return unreadableAs(dimensions.unreadable);
  const strengths = readList(Observations, 'strengths_json', r.strengths_json);
  if (isUnreadable(strengths)) return unreadableAs(strengths.unreadable);
  const areas = readList(Observations, 'areas_json', r.areas_json);
  if (isUnreadable(areas)) return unreadableAs(areas.unreadable);
  const graded = { ...layout, status: 'ok' as const, dimensions, strengths, areas, error: null };

  if (r.kind === 'ai') {
    const perAnswer = readList(AiPerAnswer, 'per_answer_json', r.per_answer_json);
    if (isUnreadable(perAnswer)) return unreadableAs(perAnswer.unreadable);
    if (r.overall_score === null) return unreadableAs(scoreProblem(r) ?? '');
    return { ...graded, kind: 'ai', overallScore: r.overall_score, perAnswer };
  }
  const perAnswer = readList(HeuristicPerAnswer, 'per_answer_json', r.per_answer_json);
  if (isUnreadable(perAnswer)) return unreadableAs(perAnswer.unreadable);
  if (r.overall_score !== null) return unreadableAs(scoreProblem(r) ?? '');
  return { ...graded, kind: 'heuristic', perAnswer };
}

/** A list column: NULL reads as empty (rows written before the column was filled), anything else is checked. */
function readList<T>(schema: z.ZodType<T[]>, column: string, text: string | null): T[] | Unreadable {
  return text === null ? [] : readJsonColumn(schema, column, text);
}
