/**
 * `data path`, `data status` and `data check` through the real CLI, on real SQLite files: what
 * they report is compared with what other commands and SQLite itself say, the files they read
 * are left byte for byte as they were, and the steps `data check` prints are run as printed.
 */
import Database from 'better-sqlite3';
import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runJson } from './support/cli.js';
import type { DataCheckJson, DataPathJson, DataStatusJson, ExportAllJson, HistoryRowJson } from './support/cli-json.js';
import { fixtureHome, type FixtureSession } from './support/fixtures.js';
import { hasTool } from './support/tools.js';
import { waitFor } from './support/wait.js';
import { startWriter } from './support/db-writer.js';
import { MIGRATIONS } from '../src/db/migrations.js';
import { openDatabase } from '../src/db/open.js';

const hasSqlite3 = hasTool('sqlite3', ['-version']);
const LATEST = MIGRATIONS.at(-1)?.version;
const ANSWERS = 'Sharded by tenant.\n\nIdempotency keys.\n';

const fresh = () => mkdtempSync(join(tmpdir(), 'ic-data-'));
const dbIn = (home: string) => join(home, 'interview-coach.db');
const envOf = (home: string) => ({ INTERVIEW_COACH_HOME: home });
const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Runs SQL on a saved database the way a person with the sqlite3 tool (or a bad disk) would. */
function withDb(file: string, fn: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

/** Sessions with enough text that each table spans many pages. */
function manySessions(count: number): FixtureSession[] {
  return Array.from({ length: count }, (_, i) => ({
    startedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
    answers: [1, 2, 3].map((q) =>
      `Answer ${q} of session ${i}: we sharded by tenant and kept idempotency keys. `.repeat(3),
    ),
  }));
}

/** The pages SQLite keeps a table or an index on (its dbstat table). */
function pagesOf(file: string, name: string): { pages: number[]; pageSize: number } {
  const db = new Database(file, { readonly: true });
  try {
    const pages = (db.prepare('SELECT pageno FROM dbstat WHERE name = ?').all(name) as { pageno: number }[]).map(
      (r) => r.pageno,
    );
    return { pages, pageSize: Number(db.pragma('page_size', { simple: true })) };
  } finally {
    db.close();
  }
}

function overwritePages(file: string, pages: number[], pageSize: number): void {
  const bytes = readFileSync(file);
  for (const p of pages) bytes.fill(0xab, (p - 1) * pageSize, p * pageSize);
  writeFileSync(file, bytes);
}

/** The shell commands among `data check`'s steps (indented under their step), but a restore of a backup. */
function printedCommands(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => /^ {7}\S/.test(line) && !line.includes('YOUR-BACKUP'))
    .map((line) => line.trim());
}

describe('data path', () => {
  it('names the database the app writes; --json every place, the settings file as `config path` says', async () => {
    const home = fresh();
    const env = envOf(home);
    const before = await runCli(['data', 'path'], { env });
    expect(before.exitCode).toBe(0);
    const database = before.stdout.trim();
    expect(before.stderr).toMatch(/No database there yet/);
    expect(existsSync(database)).toBe(false);
    expect(
      (await runCli(['start', '--role', 'backend', '--offline', '--questions', '2'], { env, input: ANSWERS })).exitCode,
    ).toBe(0);
    expect(existsSync(database)).toBe(true);
    const after = await runCli(['data', 'path'], { env });
    expect([after.stdout.trim(), after.stderr]).toEqual([database, '']);
    const places = await runJson<DataPathJson>(['data', 'path', '--json'], { env });
    const config = (await runCli(['config', 'path'], { env })).stdout.trim();
    expect(places).toEqual({ dataDir: home, database, config, audio: join(home, 'audio') });
  });

  it('a broken settings file: `config path` and `data path --json` still answer, and the error names the file', async () => {
    const home = fresh();
    const env = envOf(home);
    const settings = join(home, 'config.json');
    writeFileSync(settings, '{"model": "llama3.1",');
    const path = await runCli(['config', 'path'], { env });
    expect([path.exitCode, path.stdout.trim()]).toEqual([0, settings]);
    expect((await runJson<DataPathJson>(['data', 'path', '--json'], { env })).config).toBe(settings);
    const list = await runCli(['config', 'list'], { env });
    expect(list.exitCode).toBe(1);
    expect(list.stderr.split('\n')[0]).toContain(`Cannot read the settings file ${settings} (`);
    expect(readFileSync(settings, 'utf8')).toBe('{"model": "llama3.1",');
  });
});

describe('data status', () => {
  it('counts what history and export show, and sizes and schema as SQLite and the disk say', async () => {
    const { home, ids } = fixtureHome([
      { startedAt: '2026-11-01T09:00:00Z', answers: ['We used a cache.', 'Then a queue.'], score: 62 },
      { startedAt: '2026-11-03T09:00:00Z', answers: ['Sharded by tenant.'], status: 'interrupted' },
      { startedAt: '2026-11-05T09:00:00Z', answers: ['Idempotency keys.'] },
      { role: 'frontend', startedAt: '2026-11-07T09:00:00Z', answers: ['Virtualised lists.'] },
    ]);
    // One session whose process is gone (history reads it as interrupted), one whose process lives.
    withDb(dbIn(home), (db) => {
      const reopen = db.prepare(`UPDATE sessions SET status = 'in_progress', ended_at = NULL, pid = ? WHERE id = ?`);
      reopen.run(null, ids[2]);
      reopen.run(process.pid, ids[3]);
    });
    const env = envOf(home);
    const status = await runJson<DataStatusJson>(['data', 'status', '--json'], { env });
    const history = await runJson<HistoryRowJson[]>(['history', '-n', '0', '--json'], { env });
    const all = await runJson<ExportAllJson>(['export', '--all', '--format', 'json'], { env });
    const byStatus = (s: string) => history.filter((h) => h.status === s).length;
    const userVersion = new Database(dbIn(home), { readonly: true }).pragma('user_version', { simple: true });
    expect(status).toEqual({
      database: dbIn(home),
      exists: true,
      databaseBytes: statSync(dbIn(home)).size,
      walBytes: existsSync(`${dbIn(home)}-wal`) ? statSync(`${dbIn(home)}-wal`).size : 0,
      schemaVersion: userVersion,
      appSchemaVersion: LATEST,
      sessions: {
        total: history.length,
        completed: byStatus('completed'),
        interrupted: byStatus('interrupted'),
        inProgress: byStatus('in_progress'),
      },
      turns: all.sessions.reduce((n, s) => n + s.transcript.length, 0),
      lastSessionAt: history
        .map((h) => h.startedAt)
        .sort()
        .at(-1),
    });
    expect(status.sessions.interrupted).toBe(2);
    const text = await runCli(['data', 'status'], { env: { ...env, TZ: 'UTC' } });
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain(dbIn(home));
    expect(text.stdout).toMatch(new RegExp(`Sessions\\s+${history.length}: ${byStatus('completed')} completed`));
    expect(text.stdout).toMatch(new RegExp(`Turns\\s+${status.turns}\\n`));
    expect(text.stdout).toMatch(/Latest\s+2026-11-07 09:00, frontend/);
  });

  it('no database yet: says so on stderr, exit 0, and creates nothing, not even the folder', async () => {
    const home = join(fresh(), 'not-yet');
    const env = envOf(home);
    const text = await runCli(['data', 'status'], { env });
    expect([text.exitCode, text.stdout]).toEqual([0, '']);
    expect(text.stderr).toMatch(/^No sessions yet: there is no database at /);
    const json = await runJson<DataStatusJson>(['data', 'status', '--json'], { env });
    expect(json).toMatchObject({ exists: false, schemaVersion: null, turns: 0, lastSessionAt: null });
    expect(json.sessions.total).toBe(0);
    expect(existsSync(home)).toBe(false);
  });
});

describe('a database of an older schema', () => {
  it('status and check report its version and leave it as it is (not migrated, not changed)', async () => {
    const home = fresh();
    const file = dbIn(home);
    openDatabase(file, MIGRATIONS.slice(0, 5)).close();
    withDb(file, (db) =>
      db
        .prepare(
          `INSERT INTO sessions (id, role_id, role_title, difficulty, planned_questions, plan_json, interviewer, status, started_at)
           VALUES ('old-1', 'backend', 'Backend Engineer', 'medium', 1, '[]', 'question-bank', 'completed', '2026-01-01T00:00:00Z')`,
        )
        .run(),
    );
    const before = digest(file);
    const env = envOf(home);
    const status = await runJson<DataStatusJson>(['data', 'status', '--json'], { env });
    expect([status.schemaVersion, status.appSchemaVersion, status.sessions.total]).toEqual([5, LATEST, 1]);
    const check = await runCli(['data', 'check'], { env });
    expect(check.exitCode).toBe(0);
    expect(check.stdout).toMatch(new RegExp(`schema 5: this version upgrades it to ${LATEST} `));
    expect(digest(file)).toBe(before);
    expect(new Database(file, { readonly: true }).pragma('user_version', { simple: true })).toBe(5);
  });
});

describe('data check', () => {
  it('a sound database: one line on stdout, exit 0; the file and its write-ahead log unchanged', async () => {
    const home = fresh();
    const env = envOf(home);
    expect(
      (await runCli(['start', '--role', 'backend', '--offline', '--questions', '2'], { env, input: ANSWERS })).exitCode,
    ).toBe(0);
    // A writer killed with commits still in the write-ahead log: a writable connection closed
    // last would checkpoint them into the file, and the check must change nothing.
    const writer = startWriter(dbIn(home), 'commit');
    await waitFor(() => writer.lines.some((l) => Number(/^committed (\d+)$/.exec(l)?.[1]) >= 5), 'five commits');
    writer.child.kill('SIGKILL');
    await writer.exited;
    expect(statSync(`${dbIn(home)}-wal`).size).toBeGreaterThan(0);
    const before = [digest(dbIn(home)), digest(`${dbIn(home)}-wal`)];
    const r = await runCli(['data', 'check'], { env });
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    expect(r.stdout.split('\n')).toEqual([expect.stringMatching(/^✔ No problems found in /), '']);
    expect(r.stdout).toContain(dbIn(home));
    const json = await runJson<DataCheckJson>(['data', 'check', '--json'], { env });
    expect(json).toMatchObject({ database: dbIn(home), exists: true, ok: true, problems: [], nextSteps: [] });
    expect(json.schemaVersion).toBe(LATEST);
    expect([digest(dbIn(home)), digest(`${dbIn(home)}-wal`)]).toEqual(before);
  });

  it('no database yet: says so, exit 0, creates nothing', async () => {
    const home = join(fresh(), 'not-yet');
    const r = await runCli(['data', 'check'], { env: envOf(home) });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^No database yet at .*: nothing to check/);
    expect((await runJson<DataCheckJson>(['data', 'check', '--json'], { env: envOf(home) })).exists).toBe(false);
    expect(existsSync(home)).toBe(false);
  });

  describe('damaged pages in the turns table', () => {
    const { home } = fixtureHome(manySessions(60));
    const file = dbIn(home);
    const env = envOf(home);
    const { pages, pageSize } = pagesOf(file, 'transcripts');
    overwritePages(file, pages.slice(-3), pageSize);

    it('what was found and the steps, on stdout, exit 1; the file left byte for byte as it was', async () => {
      const before = digest(file);
      const r = await runCli(['data', 'check'], { env });
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toBe('');
      expect(r.stdout.split('\n')[0]).toBe(`✖ Problems in the database at ${file} (schema ${LATEST}, current):`);
      expect(r.stdout).toMatch(/\nWhat to do /);
      expect(r.stdout).not.toMatch(/Unexpected|not affected/);
      const raw = await runCli(['data', 'check', '--json'], { env });
      const parsed = JSON.parse(raw.stdout) as DataCheckJson;
      expect(parsed.ok).toBe(false);
      expect(parsed.problems.every((p) => p.kind === 'page')).toBe(true);
      expect(parsed.nextSteps.join('\n')).toContain('interview-coach data backup');
      expect(digest(file)).toBe(before);
    });

    it.skipIf(!hasSqlite3)(
      'the steps work as printed: the copy is made, the salvage keeps what could be read',
      async () => {
        const r = await runCli(['data', 'check'], { env });
        const copy = /interview-coach data backup (\S+)/.exec(r.stdout)?.[1] ?? '';
        const backup = await runCli(['data', 'backup', copy], { env });
        expect(backup.exitCode).toBe(1);
        expect(backup.stderr).toMatch(/^⚠ The backup \(.*\) holds the same damage as the database/);
        expect(backup.stdout.trim()).toBe(copy);
        for (const command of printedCommands(r.stdout)) await execa('sh', ['-c', command]);
        const again = await runCli(['data', 'check'], { env });
        expect([again.exitCode, again.stdout.slice(0, 1)]).toEqual([0, '✔']);
        expect(existsSync(`${file}.bak`)).toBe(true);
        const all = await runJson<ExportAllJson>(['export', '--all', '--format', 'json'], { env });
        const turns = all.sessions.reduce((n, s) => n + s.transcript.length, 0);
        expect(all.sessions.length).toBe(60);
        expect(turns).toBeGreaterThan(0);
        expect(turns).toBeLessThan(60 * 6);
        const found = await runJson<HistoryRowJson[]>(['history', '-n', '0', '--search', 'idempotency', '--json'], {
          env,
        });
        expect(found.length).toBeGreaterThan(0);
        expect(statSync(file).mode & 0o777).toBe(0o600);
      },
    );
  });

  it('not a database at all: said as a finding with the way out, exit 1; the way out works, even in a folder with a space and a quote', async () => {
    // As on macOS ("Application Support"): the printed command must quote the path.
    const home = mkdtempSync(join(tmpdir(), "ic data o'brien-"));
    const env = envOf(home);
    writeFileSync(dbIn(home), 'not a database at all, just text'.repeat(200));
    const r = await runCli(['data', 'check'], { env });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('SQLite cannot read it: file is not a database');
    const commands = printedCommands(r.stdout);
    expect(commands).toHaveLength(1);
    await execa('sh', ['-c', commands[0] ?? 'false']);
    expect((await runCli(['data', 'check'], { env })).exitCode).toBe(0);
    expect(
      (await runCli(['start', '--role', 'backend', '--offline', '--questions', '2'], { env, input: ANSWERS })).exitCode,
    ).toBe(0);
    expect(readFileSync(`${dbIn(home)}.bak`, 'utf8')).toMatch(/^not a database/);
  });

  it.skipIf(!hasSqlite3)(
    'rows left pointing at a deleted session: counted, and the printed statements fix them',
    async () => {
      const { home, ids } = fixtureHome([
        { startedAt: '2026-11-01T09:00:00Z', answers: ['We used a cache.', 'Then a queue.'] },
        { startedAt: '2026-11-02T09:00:00Z', answers: ['Sharded by tenant.'] },
        { startedAt: '2026-11-03T09:00:00Z', answers: ['Idempotency keys.'] },
      ]);
      const env = envOf(home);
      let orphanedTurns = 0;
      withDb(dbIn(home), (db) => {
        db.pragma('foreign_keys = OFF');
        orphanedTurns = (
          db.prepare('SELECT count(*) AS n FROM transcripts WHERE session_id = ?').get(ids[0]) as { n: number }
        ).n;
        db.prepare('DELETE FROM sessions WHERE id = ?').run(ids[0]);
        db.prepare(`UPDATE sessions SET retry_of = 'gone-session' WHERE id = ?`).run(ids[1]);
      });
      const r = await runCli(['data', 'check', '--json'], { env });
      expect(r.exitCode).toBe(1);
      const { problems } = JSON.parse(r.stdout) as DataCheckJson;
      expect(problems.map(({ kind, table, column, rows }) => ({ kind, table, column, rows }))).toEqual(
        expect.arrayContaining([
          { kind: 'orphans', table: 'transcripts', column: 'session_id', rows: orphanedTurns },
          { kind: 'orphans', table: 'sessions', column: 'retry_of', rows: 1 },
        ]),
      );
      const text = await runCli(['data', 'check'], { env });
      for (const command of printedCommands(text.stdout)) await execa('sh', ['-c', command]);
      expect((await runCli(['data', 'check'], { env })).exitCode).toBe(0);
      const history = await runJson<HistoryRowJson[]>(['history', '-n', '0', '--json'], { env });
      expect(history.map((h) => h.id).sort()).toEqual([ids[1], ids[2]].sort());
    },
  );

  it.skipIf(!hasSqlite3)(
    'a search index out of step with the turns: found, and the rebuild makes search find them',
    async () => {
      const { home } = fixtureHome([{ startedAt: '2026-11-01T09:00:00Z', answers: ['We used a zanzibarian queue.'] }]);
      const env = envOf(home);
      withDb(dbIn(home), (db) => {
        const turn = db.prepare(`SELECT id, content FROM transcripts WHERE content LIKE '%zanzibarian%'`).get() as {
          id: number;
          content: string;
        };
        db.prepare(`INSERT INTO transcripts_fts (transcripts_fts, rowid, content) VALUES ('delete', ?, ?)`).run(
          turn.id,
          turn.content,
        );
      });
      const search = () =>
        runJson<HistoryRowJson[]>(['history', '--search', 'zanzibarian', '--json'], { env }).catch(() => []);
      expect(await search()).toEqual([]);
      const r = await runCli(['data', 'check'], { env });
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toMatch(/the search index transcripts_fts does not match/);
      for (const command of printedCommands(r.stdout)) await execa('sh', ['-c', command]);
      expect((await runCli(['data', 'check'], { env })).exitCode).toBe(0);
      expect((await search()).length).toBe(1);
    },
  );

  it('many problems: the first 10 listed, then how many more; --json has them all, up to 100', async () => {
    const { home } = fixtureHome(manySessions(120));
    const file = dbIn(home);
    // Every entry of one index no longer matches its row: one finding per row.
    const { pages, pageSize } = pagesOf(file, 'sessions_started_at');
    const bytes = readFileSync(file);
    for (const p of pages) {
      const page = bytes.subarray((p - 1) * pageSize, p * pageSize);
      for (let i = page.indexOf('2026-'); i >= 0; i = page.indexOf('2026-', i)) page.write('2025-', i);
    }
    writeFileSync(file, bytes);
    const env = envOf(home);
    const json = JSON.parse((await runCli(['data', 'check', '--json'], { env })).stdout) as DataCheckJson;
    expect(json.problems.length).toBe(100);
    expect(json.truncated).toBe(true);
    const r = await runCli(['data', 'check'], { env });
    const listed = r.stdout.split('\n').filter((line) => line.startsWith('  - '));
    expect(listed.slice(0, 10)).toEqual(json.problems.slice(0, 10).map((p) => `  - ${p.message}`));
    expect(listed.slice(10)).toEqual([
      expect.stringMatching(new RegExp(`^  - and ${json.problems.length - 10} or more`)),
    ]);
  });
});
