import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/open.js';
import { createSession, finishSession, getSession, reopenSession } from '../src/db/sessions.js';
import { statsFacts } from '../src/db/stats-queries.js';
import { appendTurn } from '../src/db/transcripts.js';

// The time a session lay interrupted, before `resume`, is not practice time.
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const T0 = new Date('2026-11-02T09:00:00Z').getTime();
const at = (ms: number) => new Date(T0 + ms);

let db: ReturnType<typeof openDatabase> | undefined;
afterEach(() => db?.close());

function setup() {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'ic-resume-')), 'ic.db'));
  const id = createSession(
    db,
    {
      roleId: 'backend',
      roleTitle: 'Backend Engineer',
      difficulty: 'medium',
      plan: [{ text: 'Q1?', difficulty: 'easy', topics: [] }],
      model: 'mistral',
      host: null,
      inputMode: 'text',
      interviewer: 'ollama',
      offlineReason: null,
    },
    at(0),
  );
  const turn = (ms: number, content: string) =>
    appendTurn(db!, id, { speaker: 'candidate', kind: 'answer', questionNumber: 1, content }, at(ms));
  return { db, id, turn };
}

describe('practice time of a resumed session', () => {
  it('after a clean interruption, stops at the interruption and starts again at resume', () => {
    const { db, id, turn } = setup();
    turn(2 * MIN, 'first');
    finishSession(db, id, 'interrupted', 'user', at(3 * MIN));
    reopenSession(db, id, 'ollama', null, at(DAY));
    turn(DAY + 2 * MIN, 'second');
    finishSession(db, id, 'completed', 'finished', at(DAY + 4 * MIN));
    // 3 minutes before the interruption, 4 after the resume; the day between is left out.
    expect(getSession(db, id)?.durationMs).toBe(7 * MIN);
  });

  it('after a crash (no end saved), stops at the last saved turn', () => {
    const { db, id, turn } = setup();
    turn(2 * MIN, 'first');
    reopenSession(db, id, 'ollama', null, at(DAY));
    finishSession(db, id, 'completed', 'finished', at(DAY + 4 * MIN));
    expect(getSession(db, id)?.durationMs).toBe(6 * MIN);
  });

  it('two resumes add up their gaps; a session that crashes again counts to its last turn, less the gaps', () => {
    const { db, id, turn } = setup();
    turn(1 * MIN, 'a');
    finishSession(db, id, 'interrupted', 'user', at(2 * MIN));
    reopenSession(db, id, 'ollama', null, at(DAY));
    turn(DAY + 1 * MIN, 'b');
    // Crashed here; resumed the next day, crashed again after one more answer.
    reopenSession(db, id, 'ollama', null, at(2 * DAY));
    turn(2 * DAY + 3 * MIN, 'c');
    expect(getSession(db, id)?.durationMs).toBeNull();
    const [fact] = statsFacts(db, {}).sessions;
    expect(fact?.durationMs).toBe(2 * MIN + 1 * MIN + 3 * MIN);
  });
});
