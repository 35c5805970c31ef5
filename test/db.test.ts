import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../src/db/open.js';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../src/db/migrations.js';
import { createSession, finishSession, getSession, saveGrounding } from '../src/db/sessions.js';
import { appendTurn, listTurns } from '../src/db/transcripts.js';
import { CoachError } from '../src/shared/errors.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'ic-db-'));

const newSession = {
  roleId: 'backend',
  roleTitle: 'Backend Engineer',
  difficulty: 'medium' as const,
  plan: [{ text: 'Q1?', difficulty: 'easy', topics: [] }],
  model: 'mistral',
  host: 'http://127.0.0.1:11434',
  inputMode: 'text' as const,
  interviewer: 'ollama' as const,
  offlineReason: null,
};

describe('openDatabase', () => {
  it('creates the schema, records the version and sets the pragmas', () => {
    const file = join(tmp(), 'data', 'ic.db');
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['evaluations', 'role_templates', 'sessions', 'transcripts']));
    db.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
  });

  it('is idempotent: reopening does not re-run migrations', () => {
    const file = join(tmp(), 'ic.db');
    const db = openDatabase(file);
    const id = createSession(db, newSession);
    db.close();
    const again = openDatabase(file);
    expect(getSession(again, id)?.roleId).toBe('backend');
    again.close();
  });

  it('refuses a database written by a newer version, with a clear message, and leaves it untouched', () => {
    const file = join(tmp(), 'ic.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.close();
    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CoachError);
    expect((error as CoachError).message).toMatch(/newer interview-coach/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 5);
    check.close();
  });

  it('applies pending migrations in one transaction: a failing one leaves the old schema', () => {
    const file = join(tmp(), 'ic.db');
    openDatabase(file).close();
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: LATEST_VERSION + 1,
        name: 'adds a column',
        up: (db) => db.exec('ALTER TABLE sessions ADD COLUMN extra TEXT'),
      },
      { version: LATEST_VERSION + 2, name: 'fails', up: (db) => db.exec('THIS IS NOT SQL') },
    ];
    const db = new Database(file);
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const columns = db
      .prepare<[], { name: string }>('PRAGMA table_info(sessions)')
      .all()
      .map((c) => c.name);
    expect(columns).not.toContain('extra');
    db.close();
  });

  it('two processes opening the same new database at once: the second finds it migrated, and opens it', () => {
    const file = join(tmp(), 'ic.db');
    const first = new Database(file, { timeout: 5000 });
    const second = new Database(file, { timeout: 5000 });
    // The race, made deterministic: right after the second process has read the schema version
    // (0, a new database), the first one migrates the database completely.
    const read = second.pragma.bind(second);
    let raced = false;
    second.pragma = (source: string, options?: Database.PragmaOptions) => {
      const value: unknown = read(source, options);
      if (!raced && source === 'user_version') {
        raced = true;
        migrate(first);
      }
      return value;
    };
    expect(() => migrate(second)).not.toThrow();
    expect(raced).toBe(true);
    expect(read('user_version', { simple: true })).toBe(LATEST_VERSION);
    first.close();
    second.close();
  });

  it('migration 8: a session graded before remembers the model of its latest successful AI evaluation as its judge', () => {
    const file = join(tmp(), 'ic.db');
    // Every migration before 8 (createSession writes the liveness columns of 7).
    const old = openDatabase(file, MIGRATIONS.slice(0, 7));
    const graded = createSession(old, newSession);
    const failedOnly = createSession(old, newSession);
    const evaluation = old.prepare(
      "INSERT INTO evaluations (session_id, kind, status, overall_score, error, model, created_at) VALUES (?, 'ai', ?, ?, ?, ?, '2026-11-01T00:00:00Z')",
    );
    evaluation.run(graded, 'ok', 60, null, 'llama3.1');
    evaluation.run(graded, 'failed', null, 'judge unreachable', 'qwen3:14b');
    evaluation.run(failedOnly, 'failed', null, 'judge unreachable', 'qwen3:14b');
    old.close();
    const db = openDatabase(file);
    expect(getSession(db, graded)?.judgeModel).toBe('llama3.1');
    expect(getSession(db, failedOnly)?.judgeModel).toBeNull();
    db.close();
  });

  it('migration 9: sessions gain the job description and résumé columns; the calls log keeps its rows and takes derive-questions', () => {
    const file = join(tmp(), 'ic.db');
    const old = openDatabase(file, MIGRATIONS.slice(0, 8));
    const id = createSession(old, newSession);
    const call = old.prepare(
      `INSERT INTO llm_calls (session_id, purpose, model, host, options_json, messages_json, reply, total_ms, started_at)
       VALUES (?, ?, 'mistral', 'http://127.0.0.1:11434', '{}', '[]', 'reply', 12, '2026-11-01T00:00:00Z')`,
    );
    call.run(id, 'judge');
    // Schema 8 refuses the new purpose: the migration is what makes room for it.
    expect(() => call.run(id, 'derive-questions')).toThrow(/CHECK constraint failed/);
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(getSession(db, id)).toMatchObject({ jd: null, resume: null, grounding: null });
    const calls = () =>
      db
        .prepare<[string], { purpose: string; reply: string; total_ms: number }>(
          'SELECT purpose, reply, total_ms FROM llm_calls WHERE session_id = ? ORDER BY id',
        )
        .all(id);
    expect(calls()).toEqual([{ purpose: 'judge', reply: 'reply', total_ms: 12 }]);
    db.prepare(
      `INSERT INTO llm_calls (session_id, purpose, model, host, options_json, messages_json, reply, total_ms, started_at)
       VALUES (?, 'derive-questions', 'mistral', 'h', '{}', '[]', '{}', 1, '2026-11-01T00:00:01Z')`,
    ).run(id);
    expect(calls().map((c) => c.purpose)).toEqual(['judge', 'derive-questions']);
    expect(() =>
      db
        .prepare(
          `INSERT INTO llm_calls (session_id, purpose, model, host, options_json, messages_json, reply, total_ms, started_at)
         VALUES (?, 'other', 'm', 'h', '{}', '[]', '', 1, '2026-11-01T00:00:02Z')`,
        )
        .run(id),
    ).toThrow(/CHECK constraint failed/);
    // Deleting the session still takes its calls with it (the foreign key survived the copy).
    db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
    expect(calls()).toEqual([]);
    db.close();
  });

  it('saveGrounding keeps titles and hashes always, the texts and what was read in them unless --no-store', () => {
    const db = openDatabase(':memory:');
    const jd = { title: 'Backend \u001B[31mEngineer', sha256: 'a'.repeat(64), text: 'We use Go.' };
    const resume = { title: 'Jane Doe', sha256: 'b'.repeat(64), text: 'Built Kafka pipelines.' };
    const facts = { requirements: ['Go'], claims: ['Kafka pipelines'] };
    const stored = createSession(db, newSession);
    saveGrounding(db, stored, { jd, resume, facts, store: true });
    expect(getSession(db, stored)).toMatchObject({
      jd: { title: 'Backend Engineer', sha256: jd.sha256, text: 'We use Go.' },
      resume: { title: 'Jane Doe', sha256: resume.sha256, text: 'Built Kafka pipelines.' },
      grounding: facts,
    });
    const private_ = createSession(db, newSession);
    saveGrounding(db, private_, { jd, resume: null, facts, store: false });
    expect(getSession(db, private_)).toMatchObject({
      jd: { title: 'Backend Engineer', sha256: jd.sha256, text: null },
      resume: null,
      grounding: null,
    });
    const row = db.prepare('SELECT * FROM sessions WHERE id = ?').get(private_) as Record<string, unknown>;
    expect(Object.values(row).filter((v) => typeof v === 'string' && /We use Go|Kafka/.test(v))).toEqual([]);
    db.close();
  });

  it('rejects a migration list with gaps', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'gap', up: () => {} }])).toThrow(/expected version 1/);
  });

  it('explains an unwritable location in one line', () => {
    const blocker = join(tmp(), 'file');
    writeFileSync(blocker, 'not a directory');
    expect(() => openDatabase(join(blocker, 'sub', 'ic.db'))).toThrow(/Cannot write to the data folder .*file.*sub/);
  });
});

describe('sessions and transcripts', () => {
  it('appends turns in order and cascades deletes', () => {
    const db = openDatabase(':memory:');
    const id = createSession(db, newSession);
    appendTurn(db, id, { speaker: 'interviewer', kind: 'question', questionNumber: 1, content: 'Q1?' });
    appendTurn(db, id, { speaker: 'candidate', kind: 'answer', questionNumber: 1, content: 'A1', durationMs: 1234 });
    const turns = listTurns(db, id);
    expect(turns.map((t) => [t.seq, t.speaker, t.content, t.durationMs])).toEqual([
      [1, 'interviewer', 'Q1?', null],
      [2, 'candidate', 'A1', 1234],
    ]);
    finishSession(db, id, 'completed', 'finished');
    expect(getSession(db, id)?.status).toBe('completed');
    db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
    expect(listTurns(db, id)).toEqual([]);
  });

  it('keeps the full-text index in sync with inserts, updates and deletes', () => {
    const db = openDatabase(':memory:');
    const id = createSession(db, newSession);
    const turnId = appendTurn(db, id, {
      speaker: 'candidate',
      kind: 'answer',
      questionNumber: 1,
      content: 'We sharded Postgres by tenant',
    });
    const search = (q: string) =>
      db
        .prepare<[string], { rowid: number }>('SELECT rowid FROM transcripts_fts WHERE transcripts_fts MATCH ?')
        .all(q)
        .map((r) => r.rowid);
    expect(search('sharding')).toEqual([turnId]); // porter stemming: sharding ~ sharded
    db.prepare('UPDATE transcripts SET content = ? WHERE id = ?').run('We used a cache', turnId);
    expect(search('sharded')).toEqual([]);
    expect(search('cache')).toEqual([turnId]);
    db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
    expect(search('cache')).toEqual([]);
  });
});
