import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/open.js';
import { createSession, finishSession } from '../../src/db/sessions.js';
import { appendTurn } from '../../src/db/transcripts.js';
import { insertEvaluation } from '../../src/db/evaluations.js';
import type { NewEvaluation } from '../../src/model/evaluation.js';

export interface FixtureSession {
  role?: string;
  startedAt: string;
  answers: string[];
  status?: 'completed' | 'interrupted';
  score?: number | 'failed' | 'heuristic';
  offline?: boolean;
  audio?: boolean;
}

/** One id per fixture session: for a literal list, a tuple of the same length, so `ids[2]` is a string. */
export type FixtureIds<S extends readonly FixtureSession[]> = { [K in keyof S]: string };

/** A data dir with sessions written through our own db layer, at chosen dates (ids in the same order). */
export function fixtureHome<const S extends readonly FixtureSession[]>(
  sessions: S,
): { home: string; ids: FixtureIds<S> } {
  const home = mkdtempSync(join(tmpdir(), 'ic-fixture-'));
  const db = openDatabase(join(home, 'interview-coach.db'));
  try {
    const added = sessions.map((s) => ({ id: addSession(db, s), audio: s.audio }));
    // map keeps the length and order, which is all FixtureIds<S> says
    const ids = added.map((a) => a.id) as FixtureIds<S>;
    added.forEach(({ id, audio }) => {
      if (!audio) return;
      const dir = join(home, 'audio', id);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'answer-1.wav'), 'RIFF');
    });
    return { home, ids };
  } finally {
    db.close();
  }
}

export function addSession(db: Db, s: FixtureSession): string {
  const role = s.role ?? 'backend';
  const plan = s.answers.map((_, i) => ({
    text: `Planned question ${i + 1} for ${role}?`,
    difficulty: 'medium',
    topics: [],
  }));
  const id = createSession(
    db,
    {
      roleId: role,
      roleTitle: role,
      difficulty: 'medium',
      plan,
      model: s.offline ? null : 'mistral',
      host: null,
      inputMode: 'text',
      interviewer: s.offline ? 'question-bank' : 'ollama',
      offlineReason: null,
    },
    new Date(s.startedAt),
  );
  s.answers.forEach((a, i) => {
    const at = new Date(Date.parse(s.startedAt) + (i * 2 + 1) * 60_000);
    appendTurn(
      db,
      id,
      {
        speaker: 'interviewer',
        kind: 'question',
        questionNumber: i + 1,
        content: `Planned question ${i + 1} for ${role}?`,
      },
      at,
    );
    appendTurn(
      db,
      id,
      { speaker: 'candidate', kind: 'answer', questionNumber: i + 1, content: a },
      new Date(at.getTime() + 60_000),
    );
  });
  finishSession(
    db,
    id,
    s.status ?? 'completed',
    'finished',
    new Date(Date.parse(s.startedAt) + (s.answers.length * 2 + 1) * 60_000),
  );
  if (s.score !== undefined) insertEvaluation(db, { sessionId: id, ...fixtureEvaluation(s.score) });
  return id;
}

/** An evaluation with nothing graded but its outcome: an AI score, a failure, or heuristic feedback. */
function fixtureEvaluation(score: NonNullable<FixtureSession['score']>): DistributiveOmit<NewEvaluation, 'sessionId'> {
  const common = {
    strengths: [],
    areas: [],
    perAnswer: [],
    detailedFeedback: null,
    evidenceNote: null,
    model: 'mistral',
    rubric: 'technical',
    attempts: 1,
    durationMs: 1,
  };
  if (score === 'failed')
    return { ...common, kind: 'ai', status: 'failed', overallScore: null, dimensions: [], error: 'judge gave no JSON' };
  if (score === 'heuristic')
    return { ...common, kind: 'heuristic', status: 'ok', overallScore: null, dimensions: [], error: null };
  return { ...common, kind: 'ai', status: 'ok', overallScore: score, dimensions: [], error: null };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A custom role file with three questions (`platform.yaml` in `dir`): fewer than any built-in pool. */
export function writePlatformRole(dir: string): string {
  const roleFile = join(dir, 'platform.yaml');
  writeFileSync(
    roleFile,
    [
      'id: platform',
      'title: Platform Engineer',
      'description: Builds the internal platform other teams ship on.',
      'family: technical',
      'skills: [kubernetes]',
      'questions:',
      '  - text: How would you roll out a cluster upgrade safely?',
      '  - text: How do you keep CI pipelines fast as a monorepo grows?',
      '  - text: What would you put in a golden path for new services?',
      '',
    ].join('\n'),
  );
  return roleFile;
}
