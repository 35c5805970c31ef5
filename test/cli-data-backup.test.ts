/**
 * `data backup <file>` through the real CLI: the copy is read back with SQLite and compared with
 * the database, also while another process writes or holds a write transaction open; targets
 * that must not be replaced are refused and left as they were.
 */
import Database from 'better-sqlite3';
import { execa } from 'execa';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { fixtureHome, type FixtureSession } from './support/fixtures.js';
import { startWriter, type Writer } from './support/db-writer.js';
import { waitFor } from './support/wait.js';

const SESSIONS: FixtureSession[] = [
  { startedAt: '2026-11-01T09:00:00Z', answers: ['We used a cache.', 'Then a queue.'], score: 62 },
  { startedAt: '2026-11-03T09:00:00Z', answers: ['Sharded by tenant.'], status: 'interrupted' },
  { role: 'frontend', startedAt: '2026-11-05T09:00:00Z', answers: ['Virtualised lists.'] },
];

const fresh = () => mkdtempSync(join(tmpdir(), 'ic-backup-'));
const dbIn = (home: string) => join(home, 'interview-coach.db');
const envOf = (home: string) => ({ INTERVIEW_COACH_HOME: home });
const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** What SQLite reads in a database file (through its write-ahead log, as any reader does). */
function contents(file: string): { sessions: string[]; turns: number; integrity: string } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const sessions = (db.prepare('SELECT id FROM sessions ORDER BY id').all() as { id: string }[]).map((r) => r.id);
    const turns = (db.prepare('SELECT count(*) AS n FROM transcripts').get() as { n: number }).n;
    return { sessions, turns, integrity: String(db.pragma('integrity_check', { simple: true })) };
  } finally {
    db.close();
  }
}

async function stop(writer: Writer): Promise<void> {
  writer.child.kill('SIGKILL');
  await writer.exited;
}

describe('data backup', () => {
  it('a copy SQLite reads whole: the same sessions and turns, mode 0600, its full path on stdout, nothing else left', async () => {
    const { home } = fixtureHome(SESSIONS);
    const dir = fresh();
    const target = join(dir, 'backup.db');
    const before = digest(dbIn(home));
    const r = await runCli(['data', 'backup', target], { env: envOf(home) });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${target}\n`);
    expect(r.stderr).toMatch(new RegExp(`^Backed up ${SESSIONS.length} sessions \\(`));
    // Before SQLite opens it here (a reader creates its -wal and -shm).
    expect(readdirSync(dir)).toEqual(['backup.db']);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(contents(target)).toEqual({ ...contents(dbIn(home)), integrity: 'ok' });
    expect(digest(dbIn(home))).toBe(before);
  });

  it('the copy is a database the app uses as it is: `data check` passes on it and history lists it', async () => {
    const { home } = fixtureHome(SESSIONS);
    const target = join(fresh(), 'backup.db');
    expect((await runCli(['data', 'backup', target], { env: envOf(home) })).exitCode).toBe(0);
    const restored = fresh();
    copyFileSync(target, dbIn(restored));
    const check = await runCli(['data', 'check'], { env: envOf(restored) });
    expect([check.exitCode, check.stdout.slice(0, 1)]).toEqual([0, '✔']);
    const history = await runCli(['history', '-n', '0', '--json'], { env: envOf(restored) });
    expect((JSON.parse(history.stdout) as unknown[]).length).toBe(SESSIONS.length);
  });

  it('while another process keeps committing: every session committed before it is in the copy, and the copy is sound', async () => {
    const { home } = fixtureHome(SESSIONS);
    const writer = startWriter(dbIn(home), 'commit');
    try {
      await waitFor(() => writer.lines.some((l) => Number(/^committed (\d+)$/.exec(l)?.[1]) >= 20), '20 commits');
      // Read through SQLite: most of these commits are only in the write-ahead log so far.
      const before = contents(dbIn(home)).sessions;
      const target = join(fresh(), 'backup.db');
      const r = await runCli(['data', 'backup', target], { env: envOf(home) });
      const after = contents(dbIn(home)).sessions;
      expect(r.exitCode).toBe(0);
      const copy = contents(target);
      expect(copy.integrity).toBe('ok');
      expect(copy.sessions).toEqual(expect.arrayContaining(before));
      expect(after).toEqual(expect.arrayContaining(copy.sessions));
      expect(r.stderr).toContain(`Backed up ${copy.sessions.length} sessions`);
    } finally {
      await stop(writer);
    }
  });

  it('while another process holds a write transaction open: not blocked, and nothing of it in the copy', async () => {
    const { home } = fixtureHome(SESSIONS);
    const writer = startWriter(dbIn(home), 'hold');
    try {
      await waitFor(() => writer.lines.includes('holding 20'), 'the open transaction');
      const target = join(fresh(), 'backup.db');
      const r = await runCli(['data', 'backup', target], { env: envOf(home), timeoutMs: 4000 });
      expect(r.exitCode).toBe(0);
      const copy = contents(target);
      expect(copy.integrity).toBe('ok');
      expect(copy.sessions).toHaveLength(SESSIONS.length);
      expect(copy.sessions.filter((id) => id.startsWith('uncommitted-'))).toEqual([]);
    } finally {
      await stop(writer);
    }
  });

  it('--force replaces an existing regular file, whole', async () => {
    const { home } = fixtureHome(SESSIONS);
    const dir = fresh();
    const target = join(dir, 'backup.db');
    writeFileSync(target, 'an older backup');
    const r = await runCli(['data', 'backup', target, '--force'], { env: envOf(home) });
    expect(r.exitCode).toBe(0);
    expect(readdirSync(dir)).toEqual(['backup.db']);
    expect(contents(target).sessions).toHaveLength(SESSIONS.length);
  });
});

describe('data backup refuses, exit 2, and leaves the target as it was', () => {
  const { home } = fixtureHome(SESSIONS);
  const env = envOf(home);

  /** Runs the backup into `dir` and checks the refusal: one ✖ line first, nothing new in `dir`. */
  async function refused(dir: string, target: string, args: string[] = []): Promise<string> {
    const entries = readdirSync(dir).sort();
    const r = await runCli(['data', 'backup', target, ...args], { env });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir).sort()).toEqual(entries);
    return r.stderr.split('\n')[0] ?? '';
  }

  it('`-`: a backup is a binary file, not for stdout', async () => {
    expect(await refused(fresh(), '-')).toMatch(/^✖ A backup is a SQLite database file, not text for stdout/);
  });

  it('an existing file without --force: its content untouched', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'keep.db'), 'precious');
    expect(await refused(dir, join(dir, 'keep.db'))).toMatch(/already exists; nothing was written\.$/);
    expect(readFileSync(join(dir, 'keep.db'), 'utf8')).toBe('precious');
  });

  it('a symlink (even with --force): the link and the file it points to untouched', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'real.db'), 'precious');
    symlinkSync(join(dir, 'real.db'), join(dir, 'link.db'));
    expect(await refused(dir, join(dir, 'link.db'), ['--force'])).toMatch(/it is a symbolic link, not a regular file/);
    expect(lstatSync(join(dir, 'link.db')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.db'))).toBe(join(dir, 'real.db'));
    expect(readFileSync(join(dir, 'real.db'), 'utf8')).toBe('precious');
  });

  it('a fifo and a directory (even with --force)', async () => {
    const dir = fresh();
    await execa('mkfifo', [join(dir, 'pipe.db')]);
    mkdirSync(join(dir, 'folder.db'));
    expect(await refused(dir, join(dir, 'pipe.db'), ['--force'])).toMatch(/it is a named pipe \(fifo\)/);
    expect(lstatSync(join(dir, 'pipe.db')).isFIFO()).toBe(true);
    expect(await refused(dir, join(dir, 'folder.db'), ['--force'])).toMatch(/it is a directory/);
  });

  it('the database itself, its write-ahead log, or a hard link to it (even with --force)', async () => {
    const before = digest(dbIn(home));
    linkSync(dbIn(home), join(home, 'same-file.db'));
    for (const target of [dbIn(home), `${dbIn(home)}-wal`, join(home, '.', 'same-file.db')])
      expect(await refused(home, target, ['--force'])).toMatch(/it is the database itself/);
    expect(digest(dbIn(home))).toBe(before);
  });

  it('a write-ahead log left beside the target, which SQLite would apply to the copy', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'backup.db-wal'), 'frames of another database');
    expect(await refused(dir, join(dir, 'backup.db'))).toMatch(/backup\.db-wal is beside it/);
  });
});

describe('data backup without a usable database', () => {
  it('no database yet: "No sessions yet", exit 1, nothing written', async () => {
    const dir = fresh();
    const r = await runCli(['data', 'backup', join(dir, 'backup.db')], { env: envOf(join(fresh(), 'none')) });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^✖ No sessions yet: there is no database at .* to back up\./);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a folder that does not exist: one line, exit 1', async () => {
    const { home } = fixtureHome(SESSIONS);
    const target = join(fresh(), 'missing', 'backup.db');
    const r = await runCli(['data', 'backup', target], { env: envOf(home) });
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `✖ Cannot write ${target}: the directory ${join(target, '..')} does not exist; nothing was written.`,
    ]);
  });

  it('not a database at all: the damaged line, exit 1, nothing written', async () => {
    const home = fresh();
    writeFileSync(dbIn(home), 'not a database at all, just text'.repeat(200));
    const dir = fresh();
    const r = await runCli(['data', 'backup', join(dir, 'backup.db')], { env: envOf(home) });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^✖ The database at .* is damaged \(file is not a database\)/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('damaged pages: the copy is still written (a salvage starts from it), with a warning and exit 1', async () => {
    const { home } = fixtureHome(SESSIONS);
    const bytes = readFileSync(dbIn(home));
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0xab, pageSize * 2, pageSize * 6);
    writeFileSync(dbIn(home), bytes);
    const target = join(fresh(), 'damaged-copy.db');
    const r = await runCli(['data', 'backup', target], { env: envOf(home) });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe(`${target}\n`);
    expect(r.stderr).toMatch(/^⚠ The backup \(.*\) holds the same damage as the database/);
    expect(existsSync(target)).toBe(true);
  });
});
