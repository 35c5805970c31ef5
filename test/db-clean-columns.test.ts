import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/open.js';
import { createSession, finishSession, setInterviewer } from '../src/db/sessions.js';
import { appendTurn } from '../src/db/transcripts.js';
import { insertEvaluation } from '../src/db/evaluations.js';
import { insertLlmCall } from '../src/db/llm-calls.js';
import { upsertRoles } from '../src/db/roles.js';
import { builtinRoles } from '../src/core/roles/catalog.js';
import { HOSTILE_TEXT, UNSAFE } from './support/ollama-standin.mjs';
import { aCall } from './support/call-fixtures.js';
import { storedTexts } from './support/stored-texts.js';

// The database's last line of defence: whatever a caller forgot to clean, the writers clean.
// Everything below is handed to them raw, as a caller that trusted a host would.
const WORDS = 'Hostile text desrever here end';

describe('the database writers clean untrusted text', () => {
  it('sessions, turns, evaluations, model calls and roles: no piece is stored, the words are', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ic-clean-')), 'ic.db');
    const db = openDatabase(file);
    const sessionId = createSession(db, {
      roleId: 'backend',
      roleTitle: `Backend ${HOSTILE_TEXT}`,
      difficulty: 'medium',
      plan: [{ text: `How would you cache it? ${HOSTILE_TEXT}`, difficulty: 'easy', topics: [HOSTILE_TEXT] }],
      model: 'mistral',
      host: 'http://127.0.0.1:11434',
      inputMode: 'text',
      interviewer: 'question-bank',
      offlineReason: `Ollama answered 500: ${HOSTILE_TEXT}`,
    });
    setInterviewer(db, sessionId, 'question-bank', `Ollama error: ${HOSTILE_TEXT}`);
    appendTurn(db, sessionId, { speaker: 'interviewer', kind: 'question', questionNumber: 1, content: HOSTILE_TEXT });
    appendTurn(db, sessionId, {
      speaker: 'candidate',
      kind: 'answer',
      questionNumber: 1,
      content: `a\n${HOSTILE_TEXT}`,
    });
    finishSession(db, sessionId, 'completed', HOSTILE_TEXT);
    insertEvaluation(db, {
      sessionId,
      kind: 'ai',
      status: 'failed',
      overallScore: null,
      dimensions: [],
      strengths: [],
      areas: [],
      perAnswer: [],
      detailedFeedback: HOSTILE_TEXT,
      evidenceNote: HOSTILE_TEXT,
      error: `Ollama answered 500: ${HOSTILE_TEXT}`,
      model: 'mistral',
      rubric: 'technical',
      attempts: 1,
      durationMs: 10,
    });
    insertLlmCall(
      db,
      sessionId,
      aCall({
        messages: [{ role: 'user', content: HOSTILE_TEXT }],
        reply: HOSTILE_TEXT,
        thinking: HOSTILE_TEXT,
        doneReason: HOSTILE_TEXT,
        error: HOSTILE_TEXT,
      }),
    );
    const [role] = builtinRoles();
    if (!role) throw new Error('no built-in role');
    upsertRoles(
      db,
      [{ ...role, id: 'hostile', title: HOSTILE_TEXT, description: HOSTILE_TEXT, skills: [HOSTILE_TEXT] }],
      false,
    );
    db.close();

    const texts = storedTexts(file);
    for (const { where, text } of texts) expect(text, where).not.toMatch(UNSAFE);
    const at = (where: string) => texts.filter((t) => t.where === where).map((t) => t.text);
    expect(at('sessions.offline_reason')).toEqual([`Ollama error: ${WORDS}`]);
    expect(at('sessions.end_reason')).toEqual([WORDS]);
    expect(at('transcripts.content')).toEqual([WORDS, `a\n${WORDS}`]);
    expect(at('evaluations.error')).toEqual([`Ollama answered 500: ${WORDS}`]);
    expect(at('llm_calls.done_reason')).toEqual([WORDS]);
    expect(at('llm_calls.reply')).toEqual([WORDS]);
    expect(at('role_templates.title')).toContain(WORDS);
    expect(JSON.parse(at('sessions.plan_json')[0] ?? '[]')).toEqual([
      { text: `How would you cache it? ${WORDS}`, difficulty: 'easy', topics: [WORDS] },
    ]);
  });
});
