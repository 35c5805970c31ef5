/**
 * Every JSON column is checked when read back: a damaged row (bad JSON, or JSON of the wrong
 * shape) becomes a typed unreadable value with the column and the reason; it never throws and
 * never passes as valid data. Real SQLite files, damaged with UPDATE as an editor or a bad
 * disk would.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../src/db/open.js';
import { createSession, getSession, sessionPlan } from '../src/db/sessions.js';
import { appendTurn, listTurns } from '../src/db/transcripts.js';
import { insertEvaluation, latestEvaluation } from '../src/db/evaluations.js';
import { getStoredRole, listStoredRoles, upsertRoles } from '../src/db/roles.js';
import { listHistory } from '../src/db/history.js';
import { statsFacts } from '../src/db/stats-queries.js';
import { sessionQuestions } from '../src/core/evaluation/session-questions.js';
import { savedPlan } from '../src/core/interview/plan.js';
import { builtinRoles } from '../src/core/roles/catalog.js';
import type { NewEvaluation } from '../src/model/evaluation.js';
import { isUnreadable } from '../src/model/unreadable.js';
import { CoachError } from '../src/shared/errors.js';
import { compareFeedback } from '../src/app/handlers/retry.js';
import { at } from './support/at.js';

const NOT_JSON = '{"truncated": [1, 2';

function freshDb(): Db {
  return openDatabase(join(mkdtempSync(join(tmpdir(), 'ic-damaged-')), 'interview-coach.db'));
}

function session(db: Db): string {
  const id = createSession(db, {
    roleId: 'backend',
    roleTitle: 'Backend Engineer',
    difficulty: 'medium',
    plan: [{ text: 'How would you cache a hot read path?', difficulty: 'medium', topics: ['caching'] }],
    model: 'mistral',
    host: null,
    inputMode: 'voice',
    interviewer: 'ollama',
    offlineReason: null,
  });
  appendTurn(db, id, {
    speaker: 'interviewer',
    kind: 'question',
    questionNumber: 1,
    content: 'So, how would you cache a hot read path?',
  });
  appendTurn(db, id, {
    speaker: 'candidate',
    kind: 'answer',
    questionNumber: 1,
    content: 'We cached hot keys in Redis and cut p99 from 300 ms to 40 ms.',
  });
  return id;
}

const delivery = {
  words: 14,
  durationSec: 6.2,
  wpm: 135,
  speakingWpm: 150,
  fillers: 0,
  fillersPerMinute: 0,
  fillersPer100Words: 0,
  longPauses: [[1.5, 2.8]] as [number, number][],
  bands: { pace: 'ok' as const, fillers: 'ok' as const, length: 'short' as const },
};

const ai: Omit<Extract<NewEvaluation, { kind: 'ai'; status: 'ok' }>, 'sessionId'> = {
  kind: 'ai',
  status: 'ok',
  overallScore: 63,
  dimensions: [{ id: 'depth', name: 'Technical depth', score: 4, evidence: 'We cached hot keys in Redis' }],
  strengths: ['Quantified the latency win.'],
  areas: ['Explain invalidation.'],
  perAnswer: [
    {
      questionNumber: 1,
      question: 'How would you cache a hot read path?',
      score: 4,
      landed: 'Numbers.',
      missing: 'Eviction.',
      strongerAnswer: 'Lead with the result.',
    },
  ],
  detailedFeedback: 'Good.',
  evidenceNote: null,
  error: null,
  model: 'mistral',
  rubric: 'technical',
  attempts: 1,
  durationMs: 900,
};

const heuristic: Omit<Extract<NewEvaluation, { kind: 'heuristic' }>, 'sessionId'> = {
  kind: 'heuristic',
  status: 'ok',
  overallScore: null,
  dimensions: [],
  strengths: ['Used numbers.'],
  areas: [],
  perAnswer: [
    {
      questionNumber: 1,
      question: 'How would you cache a hot read path?',
      skipped: false,
      facts: {
        words: 14,
        speakingSeconds: 6,
        concreteExample: true,
        numbers: true,
        star: { situation: false, task: false, action: true, result: true },
        keywords: ['cache'],
        keywordTotal: 10,
        fillers: { total: 0, per100Words: 0, byPhrase: [] },
        substantive: true,
      },
      delivery: [delivery],
    },
  ],
  detailedFeedback: 'Facts, not a grade.',
  evidenceNote: null,
  error: null,
  model: null,
  rubric: 'technical',
  attempts: 1,
  durationMs: 3,
};

/** What history's summary adds to an outcome: when it was made, and no later failure (there is one attempt). */
const evaluatedAt = (e: { createdAt: string } | undefined) => ({ createdAt: e?.createdAt, laterFailure: null });

describe('evaluations read back', () => {
  it('valid rows come back exactly as written, keys in the documented order', () => {
    const db = freshDb();
    const id = session(db);
    const saved = insertEvaluation(db, { sessionId: id, ...ai });
    expect(JSON.stringify(saved.perAnswer)).toBe(JSON.stringify(ai.perAnswer));
    expect(Object.keys(saved)).toEqual([
      ...['id', 'sessionId', 'kind', 'status', 'overallScore', 'dimensions', 'strengths', 'areas', 'perAnswer'],
      ...['detailedFeedback', 'evidenceNote', 'error', 'model', 'host', 'rubric', 'attempts', 'samples'],
      ...['durationMs', 'createdAt'],
    ]);
    const offline = insertEvaluation(db, { sessionId: id, ...heuristic });
    expect(offline.status === 'ok' && JSON.stringify(offline.perAnswer)).toBe(JSON.stringify(heuristic.perAnswer));
    db.close();
  });

  const columns = ['dimension_scores_json', 'strengths_json', 'areas_json', 'per_answer_json'] as const;
  const wrongShapes: Record<(typeof columns)[number], string> = {
    dimension_scores_json: '[{"id": "depth", "name": "Technical depth", "score": "four", "evidence": ""}]',
    strengths_json: '"one long string instead of a list"',
    areas_json: '[1, 2, 3]',
    per_answer_json: '[{"questionNumber": 1, "question": "Q?", "score": 4}]',
  };

  for (const column of columns) {
    it.each([
      ['not JSON', NOT_JSON, `${column} is not valid JSON`],
      ['the wrong shape', wrongShapes[column], `${column} has the wrong shape (`],
    ])(`${column} that is %s: the evaluation is unreadable, with no score and the reason`, (_, text, reason) => {
      const db = freshDb();
      const id = session(db);
      const { id: evaluationId } = insertEvaluation(db, { sessionId: id, ...ai });
      db.prepare(`UPDATE evaluations SET ${column} = ? WHERE id = ?`).run(text, evaluationId);
      const e = latestEvaluation(db, id);
      expect(e).toMatchObject({
        id: evaluationId,
        kind: 'ai',
        status: 'unreadable',
        overallScore: null,
        dimensions: [],
        strengths: [],
        areas: [],
        perAnswer: [],
        detailedFeedback: null,
      });
      expect(e?.error).toContain(reason);
      // History lists outcomes from the plain columns and asks SQLite whether the JSON parses
      // (json_valid), without loading the schemas: JSON that does not parse reads "unreadable"
      // there too; JSON of the wrong shape is caught wherever the evaluation is read whole.
      expect(listHistory(db, { limit: 0 })[0]?.evaluation).toEqual(
        text === NOT_JSON
          ? { kind: 'ai', status: 'unreadable', score: null, error: e?.error, ...evaluatedAt(e) }
          : { kind: 'ai', status: 'ok', score: ai.overallScore, ...evaluatedAt(e) },
      );
      // Stats leaves it out and says why.

      const facts = statsFacts(db, {});
      expect(facts.sessions[0]?.score).toBeNull();
      expect(facts.dimensions).toEqual([]);
      expect(facts.answers).toEqual([]);
      expect(facts.unreadable).toEqual([{ sessionId: id, reason: e?.error }]);
      db.close();
    });
  }

  it("retry's before/after compare says the old feedback is unreadable, never shows a grade from it", () => {
    const db = freshDb();
    const id = session(db);
    const { id: evaluationId } = insertEvaluation(db, { sessionId: id, ...ai });
    db.prepare('UPDATE evaluations SET per_answer_json = ? WHERE id = ?').run(NOT_JSON, evaluationId);
    const text = compareFeedback(1, 'How would you cache a hot read path?', latestEvaluation(db, id), undefined);
    expect(text).toContain('Before: evaluation unreadable (per_answer_json is not valid JSON)');
    expect(text).not.toContain('4/5');
    db.close();
  });

  it('a heuristic per-answer list without its facts is unreadable (the AI shape does not pass for it)', () => {
    const db = freshDb();
    const id = session(db);
    const { id: evaluationId } = insertEvaluation(db, { sessionId: id, ...heuristic });
    db.prepare('UPDATE evaluations SET per_answer_json = ? WHERE id = ?').run(
      JSON.stringify(ai.perAnswer),
      evaluationId,
    );
    expect(latestEvaluation(db, id)).toMatchObject({ kind: 'heuristic', status: 'unreadable' });
    expect(latestEvaluation(db, id)?.error).toMatch(/^per_answer_json has the wrong shape \(0\.skipped: /);
    db.close();
  });

  it('rows that fit no variant: an ok AI evaluation without a score, a failure without its reason', () => {
    const db = freshDb();
    const id = session(db);
    const { id: okId } = insertEvaluation(db, { sessionId: id, ...ai });
    db.prepare('UPDATE evaluations SET overall_score = NULL WHERE id = ?').run(okId);
    expect(latestEvaluation(db, id)).toMatchObject({
      status: 'unreadable',
      error: 'an AI evaluation without its overall_score',
    });
    // History's summary follows the same rules from the plain columns.
    const summary = () => listHistory(db, { limit: 0 })[0]?.evaluation;
    expect(summary()).toEqual({
      kind: 'ai',
      status: 'unreadable',
      score: null,
      error: 'an AI evaluation without its overall_score',
      ...evaluatedAt(latestEvaluation(db, id)),
    });
    db.prepare("UPDATE evaluations SET status = 'failed', error = NULL WHERE id = ?").run(okId);
    expect(latestEvaluation(db, id)).toMatchObject({
      status: 'unreadable',
      error: 'a failed evaluation without its reason',
    });
    expect(summary()).toEqual({
      kind: 'ai',
      status: 'unreadable',
      score: null,
      error: 'a failed evaluation without its reason',
      ...evaluatedAt(latestEvaluation(db, id)),
    });
    db.prepare(
      "UPDATE evaluations SET status = 'ok', kind = 'heuristic', overall_score = 50, per_answer_json = '[]' WHERE id = ?",
    ).run(okId);
    expect(latestEvaluation(db, id)?.error).toBe('a heuristic evaluation with an overall_score (it never has one)');
    expect(summary()).toMatchObject({
      status: 'unreadable',
      error: 'a heuristic evaluation with an overall_score (it never has one)',
    });
    db.close();
  });
});

describe('transcripts.metrics_json', () => {
  it.each([
    ['not JSON', NOT_JSON, 'metrics_json is not valid JSON'],
    ['a delivery of the wrong shape', '{"delivery": {"words": "many"}}', 'metrics_json has the wrong shape (delivery.'],
    ['a list, not an object', '[1, 2]', 'metrics_json has the wrong shape ('],
  ])('%s: that turn reads as unreadable metrics, the others are untouched', (_, text, reason) => {
    const db = freshDb();
    const id = session(db);
    const answer = at(listTurns(db, id), 1);
    appendTurn(db, id, {
      speaker: 'candidate',
      kind: 'answer',
      questionNumber: 1,
      content: 'And a read replica.',
      metrics: { delivery, latency: { transcribeMs: 300, sttEngineMs: 200 } },
    });
    db.prepare('UPDATE transcripts SET metrics_json = ? WHERE id = ?').run(text, answer.id);
    const turns = listTurns(db, id);
    expect(isUnreadable(at(turns, 1).metrics)).toBe(true);
    expect(at(turns, 1).metrics).toEqual({ unreadable: expect.stringContaining(reason) });
    expect(at(turns, 2).metrics).toEqual({ delivery, latency: { transcribeMs: 300, sttEngineMs: 200 } });
    // Evaluation still reads the session: the damaged answer only loses its delivery.
    expect(sessionQuestions(db, id)[0]).toMatchObject({
      answers: ['We cached hot keys in Redis and cut p99 from 300 ms to 40 ms.', 'And a read replica.'],
      delivery: [delivery],
    });
    db.close();
  });

  it('keeps fields it does not know, as the voice layer wrote them', () => {
    const db = freshDb();
    const id = session(db);
    const answer = at(listTurns(db, id), 1);
    db.prepare('UPDATE transcripts SET metrics_json = ? WHERE id = ?').run('{"wpm": 142, "fillers": 1}', answer.id);
    expect(listTurns(db, id)[1]?.metrics).toEqual({ wpm: 142, fillers: 1 });
    db.close();
  });
});

describe('sessions.plan_json', () => {
  it.each([
    ['not JSON', NOT_JSON, 'plan_json is not valid JSON'],
    [
      'the wrong shape',
      '[{"question": "renamed field"}]',
      'plan_json has the wrong shape (0.text: Invalid input: expected string, received undefined)',
    ],
  ])('%s: resume and retry stop with a clear error; evaluation falls back to the asked text', (_, text, reason) => {
    const db = freshDb();
    const id = session(db);
    db.prepare('UPDATE sessions SET plan_json = ? WHERE id = ?').run(text, id);
    const s = getSession(db, id);
    if (!s) throw new Error('the session is gone');
    expect(s.plan).toEqual({ unreadable: reason });
    expect(sessionPlan(db, id)).toEqual({ unreadable: reason });
    expect(() => savedPlan(s)).toThrow(CoachError);
    expect(() => savedPlan(s)).toThrow(`The saved question plan of session ${id.slice(0, 8)} is damaged (${reason}).`);
    expect(sessionQuestions(db, id).map((q) => q.question)).toEqual(['So, how would you cache a hot read path?']);
    db.close();
  });
});

describe('role_templates', () => {
  const custom = {
    id: 'platform',
    title: 'Platform Engineer',
    description: 'Builds the internal platform other teams ship on.',
    family: 'technical' as const,
    difficulty: 'medium' as const,
    skills: ['kubernetes'],
    keywords: ['cluster'],
    questions: [
      { text: 'How would you roll out a cluster upgrade?', difficulty: 'medium' as const, topics: [] },
      { text: 'How do you keep CI pipelines fast?', difficulty: 'hard' as const, topics: ['ci'] },
      { text: 'What goes in a golden path for services?', difficulty: 'easy' as const, topics: [] },
    ],
  };

  it.each([
    ['skills_json', NOT_JSON, 'skills_json is not valid JSON'],
    ['keywords_json', '{"cluster": true}', 'keywords_json has the wrong shape ('],
    ['questions_json', '[{"text": "too short"}]', 'questions_json has the wrong shape (0.text: '],
    ['family', 'astrology', 'the saved role has the wrong shape (family: '],
  ])('%s damaged: that role alone reads as damaged, with its source', (column, value, reason) => {
    const db = freshDb();
    upsertRoles(db, builtinRoles(), true);
    upsertRoles(db, [custom], false, '/roles/platform.yaml');
    db.prepare(`UPDATE role_templates SET ${column} = ? WHERE id = 'platform'`).run(value);
    expect(getStoredRole(db, 'platform')).toEqual({
      id: 'platform',
      builtin: false,
      source: '/roles/platform.yaml',
      unreadable: expect.stringContaining(reason),
    });
    const all = listStoredRoles(db);
    expect(all.filter(isUnreadable).map((r) => r.id)).toEqual(['platform']);
    expect(all).toHaveLength(builtinRoles().length + 1);
    db.close();
  });

  it('a valid custom role reads back as it was saved', () => {
    const db = freshDb();
    upsertRoles(db, [custom], false, '/roles/platform.yaml');
    expect(getStoredRole(db, 'platform')).toEqual({ ...custom, builtin: false, source: '/roles/platform.yaml' });
    db.close();
  });
});
