/**
 * The sink the interview writes its model calls to: calls made before the session row exists
 * (the warm-up) wait and are saved on attach, later ones are saved at once, and a failed write
 * (a full disk, made real with max_page_count) warns once and never throws.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../src/db/open.js';
import { listLlmCalls } from '../src/db/llm-calls.js';
import { CallsLog } from '../src/app/calls-log.js';
import { addSession } from './support/fixtures.js';
import { aCall } from './support/call-fixtures.js';

function freshDb(): { db: Db; sessionId: string } {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'ic-calls-log-')), 'interview-coach.db'));
  return { db, sessionId: addSession(db, { startedAt: '2026-11-01T09:00:00Z', answers: [] }) };
}

const replies = (db: Db, sessionId: string) => listLlmCalls(db, sessionId).map((c) => c.reply);

describe('CallsLog', () => {
  it('keeps calls made before the session exists and saves them, in order, on attach', () => {
    const { db, sessionId } = freshDb();
    const warn = vi.fn();
    const log = new CallsLog(db, { warn });
    log.record(aCall({ purpose: 'warm-up', reply: 'warm' }));
    log.record(aCall({ purpose: 'warm-up', reply: 'warm again' }));
    expect(db.prepare('SELECT COUNT(*) AS n FROM llm_calls').get()).toEqual({ n: 0 });

    log.attach(sessionId);
    expect(replies(db, sessionId)).toEqual(['warm', 'warm again']);
    log.record(aCall({ reply: 'first question' }));
    // Written at once, not at the end: a killed interview keeps its calls.
    expect(replies(db, sessionId)).toEqual(['warm', 'warm again', 'first question']);
    expect(warn).not.toHaveBeenCalled();
    db.close();
  });

  it('a full disk warns once, never throws, and later calls are still tried', () => {
    const { db, sessionId } = freshDb();
    const warn = vi.fn();
    const log = new CallsLog(db, { warn });
    log.attach(sessionId);
    log.record(aCall({ reply: 'saved' }));

    // No page may be added: a 60 KB reply needs new pages, so SQLite answers SQLITE_FULL as on a full disk.
    const pages = Number(db.pragma('page_count', { simple: true }));
    db.pragma(`max_page_count = ${pages}`);
    expect(() => log.record(aCall({ reply: 'lost '.repeat(12_000) }))).not.toThrow();
    expect(() => log.record(aCall({ reply: 'lost too '.repeat(12_000) }))).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(
      /^Could not save a model call to the calls log \(.*full.*\); the interview goes on\.$/,
    );

    db.pragma(`max_page_count = ${pages * 100}`);
    log.record(aCall({ reply: 'saved after space was freed' }));
    expect(replies(db, sessionId)).toEqual(['saved', 'saved after space was freed']);
    expect(warn).toHaveBeenCalledTimes(1);
    db.close();
  });

  it('a call that cannot be saved while waiting (the session never got a row) is reported, not thrown', () => {
    const { db } = freshDb();
    const warn = vi.fn();
    const log = new CallsLog(db, { warn });
    log.record(aCall());
    expect(() => log.attach('00000000-0000-4000-8000-000000000000')).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain('FOREIGN KEY');
    db.close();
  });
});
