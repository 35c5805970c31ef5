import { randomUUID } from 'node:crypto';
import type { Db } from './open.js';
import { statement } from './statements.js';
import type { Difficulty } from '../model/difficulty.js';
import {
  SessionPlan,
  type InputMode,
  type Interviewer,
  type PlannedQuestion,
  type Session,
  type SessionStatus,
} from '../model/session.js';
import type { Unreadable } from '../model/unreadable.js';
import { GroundingFacts, type SessionDocumentRef } from '../model/grounding.js';
import { readJsonColumn } from './json-column.js';
import { cleanJson, lineColumn } from './clean-columns.js';
import { thisProcess } from '../shared/process.js';

export interface NewSession {
  roleId: string;
  roleTitle: string;
  difficulty: Difficulty;
  plan: PlannedQuestion[];
  model: string | null;
  host: string | null;
  inputMode: InputMode;
  interviewer: Interviewer;
  offlineReason: string | null;
  /** Set for `interview-coach retry`: the session and question answered again. */
  retryOf?: string | null;
  retryQuestion?: number | null;
}

/** A row of the sessions table, as SQLite returns it (difficulty is written only by createSession). */
interface SessionRow {
  id: string;
  role_id: string;
  role_title: string;
  difficulty: Difficulty;
  planned_questions: number;
  plan_json: string;
  model: string | null;
  host: string | null;
  judge_model: string | null;
  input_mode: InputMode;
  interviewer: Interviewer;
  offline_reason: string | null;
  status: SessionStatus;
  end_reason: string | null;
  started_at: string;
  ended_at: string | null;
  duration_ms: number | null;
  pid: number | null;
  process_start: string | null;
  hostname: string | null;
  retry_of: string | null;
  retry_question: number | null;
  jd_title: string | null;
  jd_sha256: string | null;
  jd_text: string | null;
  resume_title: string | null;
  resume_sha256: string | null;
  resume_text: string | null;
  grounding_json: string | null;
}

type SessionValues = [
  id: string,
  roleId: string,
  roleTitle: string,
  difficulty: Difficulty,
  plannedQuestions: number,
  planJson: string,
  model: string | null,
  host: string | null,
  inputMode: InputMode,
  interviewer: Interviewer,
  offlineReason: string | null,
  startedAt: string,
  pid: number,
  processStart: string | null,
  hostname: string,
  retryOf: string | null,
  retryQuestion: number | null,
];

export function createSession(db: Db, s: NewSession, now = new Date()): string {
  const id = randomUUID();
  // The owner is told apart from a later process with the same pid by its start time and host.
  const owner = thisProcess();
  db.prepare<SessionValues>(
    `INSERT INTO sessions (id, role_id, role_title, difficulty, planned_questions, plan_json, model, host,
                           input_mode, interviewer, offline_reason, status, started_at, pid, process_start, hostname,
                           retry_of, retry_question)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'in_progress', ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    s.roleId,
    lineColumn(s.roleTitle),
    s.difficulty,
    s.plan.length,
    cleanJson(s.plan),
    s.model,
    s.host,
    s.inputMode,
    s.interviewer,
    lineColumn(s.offlineReason),
    now.toISOString(),
    owner.pid,
    owner.start,
    owner.host,
    s.retryOf ?? null,
    s.retryQuestion ?? null,
  );
  return id;
}

/** The interviewer changed mid-session (e.g. Ollama went away and we fell back to the question bank). */
export function setInterviewer(db: Db, id: string, interviewer: Interviewer, reason: string | null): void {
  db.prepare<[Interviewer, string | null, string]>(
    'UPDATE sessions SET interviewer = ?, offline_reason = ? WHERE id = ?',
  ).run(interviewer, lineColumn(reason), id);
}

/**
 * The session talks to Ollama with these (a new session, or a resumed one, whose flags may name
 * another host or model): what `evaluate`, `resume` and `retry` reuse later.
 */
export function rememberLlm(db: Db, id: string, llm: { model: string; host: string; judgeModel: string }): void {
  db.prepare<[string, string, string, string]>(
    'UPDATE sessions SET model = ?, host = ?, judge_model = ? WHERE id = ?',
  ).run(llm.model, llm.host, llm.judgeModel, id);
}

/** The model that graded the session last (an AI evaluation that succeeded): its judge from now on. */
export function rememberJudge(db: Db, id: string, judgeModel: string): void {
  db.prepare<[string, string]>('UPDATE sessions SET judge_model = ? WHERE id = ?').run(judgeModel, id);
}

/**
 * `resume`: the session is live again, in this process (its owner from now on). The time it lay interrupted is not
 * practice: it is added to paused_ms. It runs from where the session stopped (its ended_at
 * after a clean interruption; after a crash, which left no ended_at, its last saved turn, or
 * its start when no turn was saved) to now.
 */
export function reopenSession(
  db: Db,
  id: string,
  interviewer: Interviewer,
  offlineReason: string | null,
  now = new Date(),
): void {
  const owner = thisProcess();
  db.prepare<[string, number, string | null, string, Interviewer, string | null, string]>(
    `UPDATE sessions
        SET paused_ms = paused_ms + MAX(0, CAST(ROUND((julianday(?) - julianday(COALESCE(ended_at,
              (SELECT MAX(t.created_at) FROM transcripts t WHERE t.session_id = sessions.id), started_at)))
              * 86400000) AS INTEGER)),
            status = 'in_progress', end_reason = NULL, ended_at = NULL, duration_ms = NULL,
            pid = ?, process_start = ?, hostname = ?,
            interviewer = ?, offline_reason = COALESCE(?, offline_reason)
      WHERE id = ?`,
  ).run(now.toISOString(), owner.pid, owner.start, owner.host, interviewer, lineColumn(offlineReason), id);
}

export function finishSession(
  db: Db,
  id: string,
  status: Exclude<SessionStatus, 'in_progress'>,
  reason: string,
  now = new Date(),
): void {
  db.prepare<[SessionStatus, string, string, string, string]>(
    `UPDATE sessions
        SET status = ?, end_reason = ?, ended_at = ?,
            duration_ms = CAST(ROUND((julianday(?) - julianday(started_at)) * 86400000) AS INTEGER) - paused_ms
      WHERE id = ?`,
  ).run(status, lineColumn(reason), now.toISOString(), now.toISOString(), id);
}

export function getSession(db: Db, id: string): Session | undefined {
  // Cached: export --all reads every session, one call each.
  const row = statement<[string], SessionRow>(db, 'SELECT * FROM sessions WHERE id = ?').get(id);
  return row && toSession(row);
}

function toSession(r: SessionRow): Session {
  return {
    id: r.id,
    roleId: r.role_id,
    roleTitle: r.role_title,
    difficulty: r.difficulty,
    plannedQuestions: r.planned_questions,
    plan: readJsonColumn(SessionPlan, 'plan_json', r.plan_json),
    model: r.model,
    host: r.host,
    judgeModel: r.judge_model,
    inputMode: r.input_mode,
    interviewer: r.interviewer,
    offlineReason: r.offline_reason,
    status: r.status,
    endReason: r.end_reason,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    durationMs: r.duration_ms,
    pid: r.pid,
    processStart: r.process_start,
    hostname: r.hostname,
    retryOf: r.retry_of,
    retryQuestion: r.retry_question,
    jd: documentRef(r.jd_title, r.jd_sha256, r.jd_text),
    resume: documentRef(r.resume_title, r.resume_sha256, r.resume_text),
    grounding: r.grounding_json === null ? null : readJsonColumn(GroundingFacts, 'grounding_json', r.grounding_json),
  };
}

function documentRef(title: string | null, sha256: string | null, text: string | null): SessionDocumentRef | null {
  return sha256 === null ? null : { title: title ?? '', sha256, text };
}

/** What a session started with --jd/--resume keeps of them: always the title and hash, the text and facts unless --no-store. */
export interface SessionGrounding {
  jd: (Omit<SessionDocumentRef, 'text'> & { text: string }) | null;
  resume: (Omit<SessionDocumentRef, 'text'> & { text: string }) | null;
  facts: GroundingFacts | null;
  /** --no-store: keep only the titles and hashes. */
  store: boolean;
}

export function saveGrounding(db: Db, id: string, g: SessionGrounding): void {
  const text = (d: SessionGrounding['jd']) => (g.store && d ? d.text : null);
  db.prepare<
    [string | null, string | null, string | null, string | null, string | null, string | null, string | null, string]
  >(
    `UPDATE sessions SET jd_title = ?, jd_sha256 = ?, jd_text = ?, resume_title = ?, resume_sha256 = ?, resume_text = ?,
                         grounding_json = ?
      WHERE id = ?`,
  ).run(
    g.jd ? lineColumn(g.jd.title) : null,
    g.jd?.sha256 ?? null,
    text(g.jd),
    g.resume ? lineColumn(g.resume.title) : null,
    g.resume?.sha256 ?? null,
    text(g.resume),
    g.store && g.facts ? cleanJson(g.facts) : null,
    id,
  );
}

/** Sessions whose id starts with `prefix` (like git's short ids), newest first. */
export function findSessionsByPrefix(db: Db, prefix: string, limit = 10): Session[] {
  const escaped = prefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  return db
    .prepare<[string, number], SessionRow>(
      "SELECT * FROM sessions WHERE id LIKE ? ESCAPE '\\' ORDER BY started_at DESC LIMIT ?",
    )
    .all(`${escaped}%`, limit)
    .map(toSession);
}

/**
 * SQL: the session `s` has at least one answer (a skipped question is not one). A session left
 * before its first answer is kept, but is not what `replay last` or `export last` mean.
 */
export const HAS_ANSWER = "EXISTS (SELECT 1 FROM transcripts t WHERE t.session_id = s.id AND t.kind = 'answer')";

/** `last`: the newest session with at least one answer. */
export function latestAnsweredSession(db: Db): Session | undefined {
  const row = db
    .prepare<[], SessionRow>(
      `SELECT * FROM sessions s WHERE ${HAS_ANSWER} ORDER BY started_at DESC, rowid DESC LIMIT 1`,
    )
    .get();
  return row && toSession(row);
}

/** Ids of the sessions started after `startedAt` that have no answer, newest first: what `last` passed over. */
export function unansweredSessionsAfter(db: Db, startedAt: string): string[] {
  return db
    .prepare<[string], { id: string }>(
      `SELECT id FROM sessions s WHERE started_at > ? AND NOT ${HAS_ANSWER} ORDER BY started_at DESC, rowid DESC`,
    )
    .all(startedAt)
    .map((r) => r.id);
}

/** The session's planned questions ([] for an unknown session; Unreadable when plan_json is damaged). */
export function sessionPlan(db: Db, id: string): PlannedQuestion[] | Unreadable {
  const row = db
    .prepare<[string], Pick<SessionRow, 'plan_json'>>('SELECT plan_json FROM sessions WHERE id = ?')
    .get(id);
  return row ? readJsonColumn(SessionPlan, 'plan_json', row.plan_json) : [];
}

/** The id of the newest `retry` session of `sessionId`, if any. */
export function latestRetryOf(db: Db, sessionId: string): string | undefined {
  const row = db
    .prepare<[string], Pick<SessionRow, 'id'>>(
      'SELECT id FROM sessions WHERE retry_of = ? ORDER BY started_at DESC, rowid DESC LIMIT 1',
    )
    .get(sessionId);
  return row?.id;
}
