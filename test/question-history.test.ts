import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../src/db/open.js';
import { createSession } from '../src/db/sessions.js';
import { appendTurn } from '../src/db/transcripts.js';
import { answeredQuestions } from '../src/db/question-history.js';
import type { TurnKind } from '../src/model/turn.js';

let db: Db | undefined;
afterEach(() => db?.close());

function open(): Db {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'ic-history-')), 'ic.db'));
  return db;
}

function session(d: Db, roleId: string, texts: string[]): string {
  return createSession(d, {
    roleId,
    roleTitle: roleId,
    difficulty: 'medium',
    plan: texts.map((text) => ({ text, difficulty: 'medium', topics: [] })),
    model: null,
    host: null,
    inputMode: 'text',
    interviewer: 'question-bank',
    offlineReason: 'test',
  });
}

/** Saves one turn of question `qn` at `at` (the candidate's turns are answers or skips). */
function turn(d: Db, sessionId: string, kind: TurnKind, qn: number, at: string): void {
  const speaker = kind === 'answer' || kind === 'skipped' ? 'candidate' : 'interviewer';
  appendTurn(d, sessionId, { speaker, kind, questionNumber: qn, content: `${kind} ${qn}` }, new Date(at));
}

describe('answeredQuestions', () => {
  it('returns each answered question of the role with the latest time it was answered', () => {
    const d = open();
    const a = session(d, 'backend', ['Q one?', 'Q two?', 'Q three?']);
    turn(d, a, 'question', 1, '2026-01-01T10:00:00.000Z');
    turn(d, a, 'answer', 1, '2026-01-01T10:01:00.000Z');
    turn(d, a, 'follow-up', 1, '2026-01-01T10:02:00.000Z');
    turn(d, a, 'answer', 1, '2026-01-01T10:03:00.000Z');
    turn(d, a, 'question', 2, '2026-01-01T10:04:00.000Z');
    turn(d, a, 'skipped', 2, '2026-01-01T10:05:00.000Z');
    turn(d, a, 'question', 3, '2026-01-01T10:06:00.000Z');
    turn(d, a, 'answer', 3, '2026-01-01T10:07:00.000Z');
    // A later session asks "Q three?" again (as its first question) and one that was never answered.
    const b = session(d, 'backend', ['Q three?', 'Q four?']);
    turn(d, b, 'answer', 1, '2026-02-01T09:00:00.000Z');
    turn(d, b, 'question', 2, '2026-02-01T09:01:00.000Z');
    // Another role's answers are not this role's history.
    const c = session(d, 'frontend', ['Q one?', 'F two?']);
    turn(d, c, 'answer', 1, '2026-03-01T09:00:00.000Z');
    turn(d, c, 'answer', 2, '2026-03-01T09:01:00.000Z');

    expect(answeredQuestions(d, 'backend')).toEqual(
      new Map([
        ['Q one?', '2026-01-01T10:03:00.000Z'],
        ['Q three?', '2026-02-01T09:00:00.000Z'],
      ]),
    );
    expect(answeredQuestions(d, 'frontend')).toEqual(
      new Map([
        ['Q one?', '2026-03-01T09:00:00.000Z'],
        ['F two?', '2026-03-01T09:01:00.000Z'],
      ]),
    );
    expect(answeredQuestions(d, 'devops')).toEqual(new Map());
  });

  it('skips sessions whose plan_json is damaged and keeps the rest', () => {
    const d = open();
    const good = session(d, 'backend', ['Good question?']);
    turn(d, good, 'answer', 1, '2026-01-02T00:00:00.000Z');
    const damaged: Record<string, string> = {
      'not JSON': '[{"text": "Cut off',
      'an object, not an array': '{"0": {"text": "Keyed question?"}, "a": {"text": "Lettered question?"}}',
      'entries that are not objects': '["Just a string?", 42, null]',
      'a text that is not a string': '[{"text": 42}, {"difficulty": "easy"}]',
    };
    for (const planJson of Object.values(damaged)) {
      const id = session(d, 'backend', ['placeholder']);
      d.prepare('UPDATE sessions SET plan_json = ? WHERE id = ?').run(planJson, id);
      turn(d, id, 'answer', 1, '2026-01-03T00:00:00.000Z');
      turn(d, id, 'answer', 2, '2026-01-03T00:01:00.000Z');
    }
    // An answer numbered past the end of its plan has no question to match.
    turn(d, good, 'answer', 5, '2026-01-04T00:00:00.000Z');

    expect(answeredQuestions(d, 'backend')).toEqual(new Map([['Good question?', '2026-01-02T00:00:00.000Z']]));
  });
});
