import Database from 'better-sqlite3';
import { execa } from 'execa';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from './support/cli.js';
import { reportError } from '../src/app/output.js';
import { databasePath } from '../src/shared/paths.js';
import { damagedDatabase } from '../src/db/database-errors.js';

// A real database made by the CLI, then damaged or locked in the ways a disk or a person can.
const origin = mkdtempSync(join(tmpdir(), 'ic-dberr-origin-'));
const ANSWERS = 'Sharded by tenant.\n\nIdempotency keys.\n';
const COMMANDS = [
  ['history'],
  ['stats'],
  ['export', 'last'],
  ['replay', 'last'],
  ['roles'],
  ['start', '--role', 'backend', '--offline', '--questions', '2'],
];

beforeAll(async () => {
  const r = await runCli(['start', '--role', 'backend', '--offline', '--questions', '2'], {
    input: ANSWERS,
    env: { INTERVIEW_COACH_HOME: origin },
  });
  expect(r.exitCode).toBe(0);
});

/** A home with the settings file and a copy of the real database, changed by `damage`. */
async function homeWith(damage: (db: string) => void): Promise<{ home: string; db: string; env: NodeJS.ProcessEnv }> {
  const home = mkdtempSync(join(tmpdir(), 'ic-dberr-'));
  const env = { INTERVIEW_COACH_HOME: home };
  expect((await runCli(['config', 'set', 'model', 'llama3.1'], { env })).exitCode).toBe(0);
  const db = join(home, 'interview-coach.db');
  copyFileSync(join(origin, 'interview-coach.db'), db);
  damage(db);
  return { home, db, env };
}

const damaged = (db: string, why: string) =>
  `✖ The database at ${db} is damaged (${why}). Move it aside to start fresh: mv ${db} ${db}.bak; your settings are kept.`;

function expectOneLine(r: { exitCode: number; stderr: string }, line: string) {
  expect(r.exitCode).toBe(1);
  expect(r.stderr.trimEnd().split('\n')).toEqual([line]);
}

describe('a damaged database', () => {
  it.each([
    [
      'random bytes',
      (db: string) => writeFileSync(db, Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919) % 251))),
      'file is not a database',
    ],
    [
      'cut in half',
      (db: string) => writeFileSync(db, readFileSync(db).subarray(0, readFileSync(db).length / 2)),
      'database disk image is malformed',
    ],
  ])('%s: one line naming it, the next step, exit 1, for every command', async (_name, damage, why) => {
    const { db, env } = await homeWith(damage);
    for (const args of COMMANDS) {
      const r = await runCli(args, { env, input: ANSWERS });
      expectOneLine(r, damaged(db, why));
    }
  });

  it('pages overwritten in the middle (it opens, reading fails later): the same line, not "unexpected"', async () => {
    const { db, env } = await homeWith((file) => {
      const bytes = readFileSync(file);
      bytes.fill(0xab, 4096 * 2, 4096 * 10);
      writeFileSync(file, bytes);
    });
    for (const args of [['history'], ['stats'], ['export', 'last']]) {
      const r = await runCli(args, { env });
      expectOneLine(r, damaged(db, 'database disk image is malformed'));
      expect(r.stderr).not.toMatch(/Unexpected|not affected/);
    }
  });

  it('the next step works as it says: after the mv, a fresh start, and the settings are still there', async () => {
    const { db, env } = await homeWith((file) => writeFileSync(file, 'not a database at all, just text'.repeat(200)));
    const r = await runCli(['history'], { env });
    const step = /Move it aside to start fresh: (mv \S+ \S+);/.exec(r.stderr)?.[1];
    expect(step).toBe(`mv ${db} ${db}.bak`);
    await execa('sh', ['-c', step!]);
    expect((await runCli(['history'], { env })).exitCode).toBe(0);
    const model = await runCli(['config', 'get', 'model'], { env });
    expect(model.stdout.trim()).toBe('llama3.1');
    expect(readFileSync(`${db}.bak`, 'utf8')).toMatch(/^not a database/);
  });
});

describe('a damaged database with its write-ahead log beside it', () => {
  it('the step moves a log that holds something with it (a new database would replay it); an empty one is left', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'ic-dberr-wal-')), 'interview-coach.db');
    writeFileSync(db, 'garbage');
    writeFileSync(`${db}-wal`, '');
    expect(damagedDatabase(db, new Error('file is not a database')).message).toMatch(
      /: mv \S+ \S+\.bak; your settings/,
    );
    writeFileSync(`${db}-wal`, 'frames');
    expect(damagedDatabase(db, new Error('file is not a database')).message).toContain(
      `mv ${db} ${db}.bak && mv ${db}-wal ${db}.bak-wal; your settings are kept.`,
    );
  });
});

describe('a read-only database', () => {
  it('a file its owner made read-only: one line, exit 1, the file left as it was', async () => {
    const { db, env } = await homeWith((file) => chmodSync(file, 0o444));
    const before = readFileSync(db);
    for (const args of COMMANDS) {
      const r = await runCli(args, { env, input: ANSWERS });
      expectOneLine(
        r,
        `✖ The database at ${db} is read-only (mode 0444), so nothing can be saved. Make it writable (chmod u+w ${db} ${join(db, '..')}), or set INTERVIEW_COACH_HOME to another folder.`,
      );
    }
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('a folder made read-only: one line about the folder, exit 1', async () => {
    const { home, env } = await homeWith(() => {});
    chmodSync(home, 0o555);
    const r = await runCli(['history'], { env });
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(
      `✖ The data folder ${home} is read-only (mode 0555), so nothing can be saved.`,
    );
    chmodSync(home, 0o700);
  });
});

describe('the error funnel and database errors', () => {
  afterEach(() => vi.restoreAllMocks());
  const capture = () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation(
      (chunk: string | Uint8Array) => (lines.push(String(chunk)), true),
    );
    return lines;
  };

  it('a real SQLITE_READONLY met in the middle of a command gets the read-only line', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ic-dberr-ro-')), 'x.db');
    new Database(file).exec('CREATE TABLE t (x)');
    const db = new Database(file, { readonly: true });
    let error: unknown;
    try {
      db.exec('INSERT INTO t VALUES (1)');
    } catch (e) {
      error = e;
    }
    db.close();
    expect((error as { code?: string }).code).toBe('SQLITE_READONLY');
    const lines = capture();
    expect(reportError(error)).toBe(1);
    expect(lines.join('')).toMatch(
      new RegExp(
        `^✖ The database at ${databasePath().replace(/[.]/g, '\\.')} is read-only \\(attempt to write a readonly database\\)`,
      ),
    );
  });

  it('other database errors do not claim the saved sessions are safe; other errors still do', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (x UNIQUE)');
    db.exec('INSERT INTO t VALUES (1)');
    let error: unknown;
    try {
      db.exec('INSERT INTO t VALUES (1)');
    } catch (e) {
      error = e;
    }
    expect((error as { code?: string }).code).toMatch(/^SQLITE_CONSTRAINT/);
    let lines = capture();
    reportError(error);
    expect(lines.join('')).not.toMatch(/not affected/);
    expect(lines.join('')).toContain(databasePath());
    vi.restoreAllMocks();
    lines = capture();
    reportError(new Error('boom'));
    expect(lines.join('')).toMatch(/not affected/);
  });
});
