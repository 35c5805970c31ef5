/**
 * The calls log in the database: what goes in comes back in order, every text is capped at
 * 64 KB of UTF-8 without cutting a character and says where it was cut, the JSON columns stay
 * valid JSON of their shape, and damaged JSON reads as unreadable. Real SQLite files.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../src/db/open.js';
import { insertLlmCall, listLlmCalls } from '../src/db/llm-calls.js';
import { CALL_TEXT_CAP, utf8Prefix } from '../src/db/llm-call-caps.js';
import { deleteSessions } from '../src/db/delete-sessions.js';
import type { LlmCallMessage, SavedLlmCall } from '../src/model/llm-call.js';
import { isUnreadable } from '../src/model/unreadable.js';
import { addSession } from './support/fixtures.js';
import { aCall } from './support/call-fixtures.js';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const NOTE = /… \[cut at [\d.]+ (?:B|KB) of [\d.]+ (?:KB|MB)\]$/;

function freshDb(): { db: Db; sessionId: string } {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'ic-calls-')), 'interview-coach.db'));
  return { db, sessionId: addSession(db, { startedAt: '2026-11-01T09:00:00Z', answers: ['We used a cache.'] }) };
}

/** The call saved and read back (the only one of its session). */
function roundTrip(call = aCall()): SavedLlmCall {
  const { db, sessionId } = freshDb();
  insertLlmCall(db, sessionId, call);
  const [saved] = listLlmCalls(db, sessionId);
  db.close();
  if (!saved) throw new Error('the call was not saved');
  return saved;
}

function messagesOf(call: SavedLlmCall): LlmCallMessage[] {
  if (isUnreadable(call.messages)) throw new Error(call.messages.unreadable);
  return call.messages;
}

/** What the column holds, re-encoded the way the cap measured it. */
const storedJsonBytes = (value: unknown) => bytes(JSON.stringify(value));

describe('llm_calls round trip', () => {
  it('gives back every field, in the order the calls were made, only for their session', () => {
    const { db, sessionId } = freshDb();
    const other = addSession(db, { startedAt: '2026-11-02T09:00:00Z', answers: [] });
    const warmUp = aCall({ purpose: 'warm-up', reply: '', outputTokens: 1, startedAt: '2026-11-01T08:59:58.000Z' });
    const failed = aCall({
      purpose: 'judge',
      attempt: 2,
      reply: '{"overall',
      thinking: 'Let me grade this.',
      doneReason: null,
      promptTokens: null,
      outputTokens: null,
      loadMs: null,
      promptMs: null,
      evalMs: null,
      totalMs: 30_000.4,
      nearContextLimit: true,
      error: 'no token for 30 s',
    });
    const ids = [warmUp, aCall(), failed].map((c) => insertLlmCall(db, sessionId, c));
    insertLlmCall(db, other, aCall({ reply: 'another session' }));

    const saved = listLlmCalls(db, sessionId);
    expect(saved.map((c) => c.id)).toEqual(ids);
    expect(saved.map((c) => c.purpose)).toEqual(['warm-up', 'interviewer', 'judge']);
    expect(saved[1]).toEqual({ id: ids[1], sessionId, ...aCall() });
    expect(saved[2]).toEqual({ id: ids[2], sessionId, ...failed, totalMs: 30_000 });
    expect(listLlmCalls(db, other).map((c) => c.reply)).toEqual(['another session']);
    db.close();
  });

  it('lists the fields in the documented order (the JSON output is built from it)', () => {
    expect(Object.keys(roundTrip())).toEqual([
      'id',
      'sessionId',
      'purpose',
      'attempt',
      'model',
      'host',
      'startedAt',
      'options',
      'messages',
      'reply',
      'thinking',
      'doneReason',
      'promptTokens',
      'outputTokens',
      'loadMs',
      'promptMs',
      'evalMs',
      'totalMs',
      'nearContextLimit',
      'error',
    ]);
  });

  it('goes with its session: deleting the session deletes its calls', () => {
    const { db, sessionId } = freshDb();
    insertLlmCall(db, sessionId, aCall());
    deleteSessions(db, [sessionId]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM llm_calls').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('64 KB per text', () => {
  it('cuts a 100 KB reply to 64 KB with a note, and leaves a short one alone', () => {
    const reply = 'word '.repeat(20_480);
    const saved = roundTrip(aCall({ reply, thinking: 'short', error: 'x'.repeat(70_000) }));
    expect(bytes(saved.reply)).toBeLessThanOrEqual(CALL_TEXT_CAP);
    expect(bytes(saved.reply)).toBeGreaterThan(CALL_TEXT_CAP - 64);
    expect(saved.reply.endsWith('… [cut at 64 KB of 100 KB]')).toBe(true);
    expect(reply.startsWith(saved.reply.replace(NOTE, ''))).toBe(true);
    expect(saved.thinking).toBe('short');
    expect(saved.error).toMatch(/^x+… \[cut at 64 KB of 68.4 KB\]$/);
    expect(bytes(saved.error ?? '')).toBeLessThanOrEqual(CALL_TEXT_CAP);
  });

  it('never cuts inside a character (4-byte emoji at every alignment, 3-byte text in thinking)', () => {
    for (const pad of ['', 'a', 'ab', 'abc']) {
      const reply = pad + '😀'.repeat(20_000);
      const thinking = pad + '€'.repeat(30_000);
      const saved = roundTrip(aCall({ reply, thinking }));
      for (const [original, stored] of [
        [reply, saved.reply],
        [thinking, saved.thinking],
      ] as const) {
        const kept = stored.replace(NOTE, '');
        expect(stored).not.toContain('\uFFFD');
        expect(original.startsWith(kept)).toBe(true);
        expect(bytes(stored)).toBeLessThanOrEqual(CALL_TEXT_CAP);
        // At most one character (4 bytes) less than the room left by the note.
        expect(bytes(stored)).toBeGreaterThan(CALL_TEXT_CAP - 4);
      }
    }
  });

  it('utf8Prefix stops before a character that does not fit', () => {
    expect(utf8Prefix('aé€😀', 1)).toBe('a');
    expect(utf8Prefix('aé€😀', 2)).toBe('a');
    expect(utf8Prefix('aé€😀', 3)).toBe('aé');
    expect(utf8Prefix('aé€😀', 9)).toBe('aé€');
    expect(utf8Prefix('aé€😀', 10)).toBe('aé€😀');
    expect(utf8Prefix('aé€😀', 0)).toBe('');
  });

  it('cuts the longest message contents first and keeps the messages valid JSON', () => {
    const messages = [
      { role: 'system', content: 'You are the interviewer.' },
      { role: 'assistant', content: 'Q1: "quotes", new\nlines and € '.repeat(4000) },
      { role: 'user', content: 'A medium answer. '.repeat(500) },
      { role: 'user', content: 'Ask question 2.' },
    ];
    const saved = messagesOf(roundTrip(aCall({ messages })));
    expect(storedJsonBytes(saved)).toBeLessThanOrEqual(CALL_TEXT_CAP);
    expect(saved.map((m) => m.role)).toEqual(['system', 'assistant', 'user', 'user']);
    // Only the long one was cut; it kept what the others left room for.
    expect(saved[1]?.content).toMatch(NOTE);
    expect(messages[1]?.content.startsWith(saved[1]!.content.replace(NOTE, ''))).toBe(true);
    expect(storedJsonBytes(saved)).toBeGreaterThan(CALL_TEXT_CAP - 64);
    expect([saved[0], saved[2], saved[3]]).toEqual([messages[0], messages[2], messages[3]]);
  });

  it('cuts several long contents to one level', () => {
    const messages = Array.from({ length: 12 }, (_, i) => ({ role: 'user', content: `${i}`.repeat(10_000 + i) }));
    const saved = messagesOf(roundTrip(aCall({ messages })));
    expect(storedJsonBytes(saved)).toBeLessThanOrEqual(CALL_TEXT_CAP);
    expect(saved).toHaveLength(12);
    const sizes = saved.map((m) => bytes(m.content));
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThan(8);
    for (const m of saved) expect(m.content).toMatch(NOTE);
  });

  it('a huge message list keeps the first and the latest messages and says how many were cut', () => {
    const messages = [
      { role: 'system', content: 'You are the interviewer.' },
      ...Array.from({ length: 5000 }, (_, i) => ({
        role: i % 2 ? 'user' : 'assistant',
        content: `turn ${i} `.repeat(20),
      })),
      { role: 'user', content: 'Ask question 9.' },
    ];
    const saved = messagesOf(roundTrip(aCall({ messages })));
    expect(storedJsonBytes(saved)).toBeLessThanOrEqual(CALL_TEXT_CAP);
    expect(saved[0]).toEqual(messages[0]);
    expect(saved.at(-1)).toEqual(messages.at(-1));
    expect(saved[1]?.role).toBe('cut');
    const cut = Number(/^\[(\d+) older messages cut here/.exec(saved[1]?.content ?? '')?.[1]);
    expect(saved).toHaveLength(messages.length - cut + 1);
    // The kept ones are the latest, whole.
    expect(saved.slice(2)).toEqual(messages.slice(1 + cut));
  });

  it('replaces an option too big to keep by a note, and keeps the rest', () => {
    const format = { type: 'object', description: 'd'.repeat(100_000) };
    const saved = roundTrip(aCall({ options: { format, think: false, keep_alive: '30m' } }));
    expect(saved.options).toEqual({
      format: '[cut: 97.7 KB of JSON, over the 64 KB kept per call]',
      think: false,
      keep_alive: '30m',
    });
  });
});

describe('damaged JSON columns', () => {
  it('read as unreadable with the column and the reason; the rest of the call is shown', () => {
    const { db, sessionId } = freshDb();
    insertLlmCall(db, sessionId, aCall());
    insertLlmCall(db, sessionId, aCall());
    db.prepare(`UPDATE llm_calls SET options_json = '{"num_ctx": 8', messages_json = '[{"role": 1}]'`).run();
    db.prepare(
      `UPDATE llm_calls SET options_json = '[]', messages_json = '{}' WHERE id = (SELECT MAX(id) FROM llm_calls)`,
    ).run();
    const [first, second] = listLlmCalls(db, sessionId);
    db.close();
    expect(first?.options).toEqual({ unreadable: 'options_json is not valid JSON' });
    expect(first?.messages).toEqual({
      unreadable: expect.stringMatching(/^messages_json has the wrong shape \(0\.role: /),
    });
    expect(first?.reply).toBe(aCall().reply);
    expect(isUnreadable(second?.options)).toBe(true);
    expect(isUnreadable(second?.messages)).toBe(true);
  });
});
