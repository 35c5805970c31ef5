/**
 * `last` is the latest session with at least one answer. Sessions left before their first answer
 * are kept, shown as "no answers" in history (and `empty` in its JSON), passed over by `last`
 * with a note naming them, and removed by `purge --empty`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/open.js';
import { createSession } from '../src/db/sessions.js';
import { runCli, runJson } from './support/cli.js';
import type { HistoryRowJson, SessionDocument } from './support/cli-json.js';
import { fixtureHome } from './support/fixtures.js';

const day = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * day).toISOString();

/** An answered session, then three without answers (one with only a skipped question), newest last. */
function home() {
  const fixture = fixtureHome([
    { startedAt: ago(40), answers: ['An old answer about caching.'] },
    { startedAt: ago(3), answers: ['We sharded by tenant.'], score: 70 },
    { startedAt: ago(2), answers: [], status: 'interrupted' },
    { startedAt: ago(1), answers: [] },
  ]);
  const db = new Database(join(fixture.home, 'interview-coach.db'));
  // A question skipped is not an answer.
  db.prepare(
    `INSERT INTO transcripts (session_id, seq, speaker, kind, question_number, content, created_at)
     VALUES (?, 1, 'candidate', 'skipped', 1, '', ?)`,
  ).run(fixture.ids[3], ago(1));
  db.close();
  return fixture;
}

const short = (id: string) => id.slice(0, 8);

describe('last', () => {
  const { home: dir, ids } = home();
  const env = { INTERVIEW_COACH_HOME: dir };

  it.each([
    ['export', (ref: string) => ['export', ref, '--format', 'json']],
    ['replay', (ref: string) => ['replay', ref]],
    ['calls', (ref: string) => ['calls', ref, '--json']],
  ])('%s last is the latest session with an answer, and says which newer ones it passed over', async (_, args) => {
    const r = await runCli(args('last'), { env });
    expect(r.exitCode, r.stderr).toBe(0);
    const byId = await runCli(args(ids[1]), { env });
    expect(r.stdout).toBe(byId.stdout);
    expect(r.stderr).toContain(`last: ${short(ids[1])}`);
    expect(r.stderr).toContain(`${short(ids[3])}, ${short(ids[2])}`);
  });

  it('evaluate last evaluates it', async () => {
    const r = await runCli(['evaluate', 'last', '--heuristic', '--json'], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as SessionDocument).id).toBe(ids[1]);
  });

  it('an empty session is still there by its id', async () => {
    const doc = await runJson<SessionDocument>(['export', short(ids[3]), '--format', 'json'], { env });
    expect(doc.id).toBe(ids[3]);
  });

  it('history marks sessions without answers "no answers"; --json says empty', async () => {
    const rows = await runJson<HistoryRowJson[]>(['history', '--json'], { env });
    expect(rows.map((r) => [r.id, r.empty])).toEqual([
      [ids[3], true],
      [ids[2], true],
      [ids[1], false],
      [ids[0], false],
    ]);
    const text = await runCli(['history'], { env: { ...env, COLUMNS: '120' } });
    const status = (id: string) =>
      text.stdout
        .split('\n')
        .find((l) => l.startsWith(short(id)))
        ?.split(/\s{2,}/)
        .at(-1);
    // The oldest has answers and no evaluation: completed, not evaluated.
    expect(ids.map(status)).toEqual(['completed, not evaluated', 'completed', 'no answers', 'no answers']);
  });

  it('with no answered session at all, last is refused with the ids there are (exit 2)', async () => {
    const empty = fixtureHome([{ startedAt: ago(1), answers: [] }]);
    const r = await runCli(['replay', 'last'], { env: { INTERVIEW_COACH_HOME: empty.home } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      `✖ No session has an answer yet (1 session without answers: ${short(empty.ids[0])}).`,
    );
  });
});

describe('purge --empty', () => {
  const count = (dir: string) => {
    const db = new Database(join(dir, 'interview-coach.db'), { readonly: true });
    try {
      return (db.prepare('SELECT id FROM sessions ORDER BY started_at').all() as { id: string }[]).map((r) => r.id);
    } finally {
      db.close();
    }
  };

  it('removes the sessions without answers, never one still running; --dry-run lists them', async () => {
    const { home: dir, ids } = home();
    // A session running right now (this process), before its first answer.
    const db = openDatabase(join(dir, 'interview-coach.db'));
    const running = createSession(db, {
      roleId: 'backend',
      roleTitle: 'Backend Engineer',
      difficulty: 'medium',
      plan: [],
      model: null,
      host: null,
      inputMode: 'text',
      interviewer: 'question-bank',
      offlineReason: null,
    });
    db.close();
    const env = { INTERVIEW_COACH_HOME: dir };
    const dry = await runCli(['purge', '--empty', '--dry-run'], { env });
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(
      dry.stdout
        .trim()
        .split('\n')
        .map((l) => l.slice(0, 8)),
    ).toEqual([short(ids[2]), short(ids[3])]);
    expect(count(dir)).toHaveLength(5);

    const refused = await runCli(['purge', '--empty'], { env });
    expect(refused.exitCode).toBe(2);
    expect(count(dir)).toHaveLength(5);

    const r = await runCli(['purge', '--empty', '--yes'], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('Deleted 2 sessions');
    expect(count(dir)).toEqual([ids[0], ids[1], running]);
  });

  it('with --older-than, only the empty sessions that are also old', async () => {
    const { home: dir, ids } = home();
    const r = await runCli(['purge', '--empty', '--older-than', '36h', '--yes'], {
      env: { INTERVIEW_COACH_HOME: dir },
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(count(dir)).toEqual([ids[0], ids[1], ids[3]]);
  });

  it('without --empty or --older-than it says what to give, exit 2, nothing deleted', async () => {
    const { home: dir } = home();
    const r = await runCli(['purge', '--yes'], { env: { INTERVIEW_COACH_HOME: dir } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('✖ Say what to purge: --older-than <age>, --empty, or both.');
    expect(count(dir)).toHaveLength(4);
  });
});

it('a fresh data folder: last says there are no sessions yet', async () => {
  const r = await runCli(['export', 'last'], {
    env: { INTERVIEW_COACH_HOME: mkdtempSync(join(tmpdir(), 'ic-last-')) },
  });
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toContain('There are no saved sessions yet.');
});
