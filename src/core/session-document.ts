import type { Db } from '../db/open.js';
import { getSession } from '../db/sessions.js';
import { effectiveStatus } from '../db/session-status.js';
import type { Interviewer, SessionStatus } from '../model/session.js';
import { listTurns } from '../db/transcripts.js';
import type { Turn } from '../model/turn.js';
import { evaluationsById, shownEvaluation } from '../db/evaluations.js';
import type { Evaluation, LaterFailure } from '../model/evaluation.js';
import { scoreBand, type Band } from './evaluation/band.js';
import { hasScore } from './evaluation/grade-text.js';
import { iterateHistory } from '../db/history.js';
import { llmCallReader } from '../db/llm-calls.js';
import type { SavedLlmCall } from '../model/llm-call.js';
import type { GroundingFacts, SessionDocumentRef } from '../model/grounding.js';
import { isUnreadable, type Unreadable } from '../model/unreadable.js';
import { sessionRound } from '../db/session-round.js';
import type { PhaseId } from '../model/design-round.js';
import { phaseSpec } from './interview/deep-phases.js';
import { phaseResult } from './evaluation/phase-results.js';

/** Bumped only when a field is removed or changes meaning; new fields may be added within a version. */
export const SESSION_SCHEMA_VERSION = 1;

/**
 * One turn of the transcript, in order (`seq` starts at 1): a saved Turn without the ids that
 * the document already gives. `metrics` is `{ unreadable: reason }` when the stored JSON is damaged.
 */
export type SessionTurn = Omit<Turn, 'id' | 'sessionId'>;

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
  /** The model that grades it (chosen at the start, then the one that last graded it successfully). */
  judgeModel: string | null;
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
  /**
   * The job description and résumé it was grounded in (`start --jd/--resume`): title, sha256 and
   * text (null when started with --no-store); null when none was given. Always set by
   * sessionDocument; optional in the type so documents built elsewhere (tests) need not.
   */
  jd?: SessionDocumentRef | null;
  resume?: SessionDocumentRef | null;
  /** What the model read in them: {requirements, claims}; null without documents, with --no-store, or offline. */
  grounding?: GroundingFacts | Unreadable | null;
  /**
   * The deep system-design round (`start --format deep`): its problem, and each phase with its
   * budget and its result in the evaluation shown; null for an interview of questions.
   * Always set by sessionDocument; optional in the type so documents built elsewhere need not.
   */
  round?: DocumentRound | Unreadable | null;
  transcript: SessionTurn[];
  /** The evaluation the session shows (with its band), or null when the session was never evaluated. */
  evaluation: DocumentEvaluation | null;
  /** Every model call of the session, in order (`export --with-calls` only; the shape of `calls --json`). */
  calls?: SavedLlmCall[];
}

/**
 * A deep round as the document gives it. Per phase: `result` is its grade as a person reads it
 * ("4/5", "not reached", "answered (no grade offline)") and `score` its 1-5 grade; both null
 * while the session has no graded evaluation.
 */
export interface DocumentRound {
  problem: { id: string; title: string; statement: string };
  phases: {
    number: number;
    id: PhaseId;
    title: string;
    budgetSec: number;
    result: string | null;
    score: number | null;
  }[];
}

/**
 * An evaluation as the document gives it: the stored record plus `band`, where its overall score
 * stands at the session's difficulty ("below" | "meets" | "above"; null when there is no score),
 * and `laterFailure`, a failed attempt made after it (null when there is none).
 * Always set by sessionDocument; optional in the type so documents built elsewhere (tests) need not.
 */
export type DocumentEvaluation = Evaluation & { band?: Band | null; laterFailure?: LaterFailure | null };

/** The stored evaluation with its band at this difficulty (computed on read: the thresholds live in one place). */
export function withBand(e: Evaluation, difficulty: string): DocumentEvaluation {
  const score = e.status === 'ok' && e.kind === 'ai' && hasScore(e) ? e.overallScore : null;
  return { ...e, band: scoreBand(score, difficulty) };
}

export interface DocumentOptions {
  /** Adds `calls`: the session's model calls, each text up to 64 KB. */
  withCalls?: boolean;
  /** This evaluation instead of the one the session shows (`evaluate --json`: the one just made). */
  evaluationId?: number;
}

/** A whole session as one JSON-ready object (used by `start --json`, `evaluate --json` and `export`). */
export function sessionDocument(db: Db, sessionId: string, opts: DocumentOptions = {}): SessionDocument {
  const doc = documentOf(db, sessionId, opts.withCalls ? llmCallReader(db) : undefined);
  const chosen = opts.evaluationId === undefined ? undefined : evaluationsById(db)(opts.evaluationId);
  if (!chosen) return doc;
  const evaluation = { ...withBand(chosen, doc.difficulty), laterFailure: null };
  return { ...doc, round: roundOf(db, sessionId, evaluation), evaluation };
}

/**
 * Every session, newest first, one document at a time: `export --all` writes each and drops it
 * before the next is read, so memory does not grow with the number of sessions. The whole run
 * reads one snapshot of the database (with calls: one statement prepared for all of them).
 */
export function* eachSessionDocument(db: Db, opts: DocumentOptions = {}): Generator<SessionDocument> {
  const readCalls = opts.withCalls ? llmCallReader(db) : undefined;
  for (const row of iterateHistory(db, { limit: 0 })) yield documentOf(db, row.id, readCalls);
}

function documentOf(db: Db, sessionId: string, readCalls?: (sessionId: string) => SavedLlmCall[]): SessionDocument {
  const s = getSession(db, sessionId);
  if (!s) throw new Error(`session ${sessionId} not found`);
  const evaluation = evaluationOf(db, sessionId, s.difficulty);
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
    judgeModel: s.judgeModel,
    inputMode: s.inputMode,
    status: effectiveStatus(s),
    endReason: s.endReason,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    durationMs: s.durationMs,
    retryOf: s.retryOf,
    retryQuestion: s.retryQuestion,
    jd: s.jd,
    resume: s.resume,
    grounding: s.grounding,
    round: roundOf(db, sessionId, evaluation),
    transcript: listTurns(db, sessionId).map(transcriptEntry),
    evaluation,
    ...(readCalls ? { calls: readCalls(sessionId) } : {}),
  };
}

function evaluationOf(db: Db, sessionId: string, difficulty: string): DocumentEvaluation | null {
  const shown = shownEvaluation(db, sessionId);
  return shown ? { ...withBand(shown.evaluation, difficulty), laterFailure: shown.laterFailure } : null;
}

function roundOf(db: Db, sessionId: string, e: Evaluation | null): DocumentRound | Unreadable | null {
  const round = sessionRound(db, sessionId);
  if (!round || isUnreadable(round)) return round;
  const { id, title, statement } = round.problem;
  return {
    problem: { id, title, statement },
    phases: round.phases.map((p, i) => {
      const graded = phaseResult(e, i + 1);
      return {
        number: i + 1,
        id: p.id,
        title: phaseSpec(p.id).title,
        budgetSec: p.budgetSec,
        result: graded?.result ?? null,
        score: graded?.score ?? null,
      };
    }),
  };
}

/** The documented fields, in the documented order (the JSON export is a format people script against). */
function transcriptEntry(t: Turn): SessionTurn {
  return {
    seq: t.seq,
    speaker: t.speaker,
    kind: t.kind,
    questionNumber: t.questionNumber,
    content: t.content,
    createdAt: t.createdAt,
    durationMs: t.durationMs,
    cancelled: t.cancelled,
    audioUrl: t.audioUrl,
    metrics: t.metrics,
    askedBy: t.askedBy,
  };
}
