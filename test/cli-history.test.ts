import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BIN, runCli, runJson } from './support/cli.js';
import type { HistoryRowJson } from './support/cli-json.js';
import { at } from './support/at.js';
import { waitFor } from './support/wait.js';
import { fixtureHome } from './support/fixtures.js';

const UTC = { TZ: 'UTC' };

describe('history', () => {
  const { home, ids } = fixtureHome([
    { startedAt: '2026-11-01T09:00:00Z', answers: ['We used a cache.', 'Then a queue.'], score: 62 },
    {
      role: 'frontend',
      startedAt: '2026-11-10T10:30:00Z',
      answers: ['React memo and virtualised lists.'],
      score: 'failed',
    },
    {
      startedAt: '2026-11-20T18:45:00Z',
      answers: ['Sharded by tenant.'],
      status: 'interrupted',
      offline: true,
      score: 'heuristic',
    },
    { role: 'behavioral', startedAt: '2026-11-21T08:00:00Z', answers: [] },
  ]);
  const env = { INTERVIEW_COACH_HOME: home, ...UTC };

  it('lists sessions newest first with id, date, role, mode, duration, answers, score and status', async () => {
    // Wide enough for every column whole (80 columns: see cli-widths.test.ts).
    const r = await runCli(['history'], { env: { ...env, COLUMNS: '120' } });
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+DATE\s+ROLE\s+MODE\s+DURATION\s+ANSWERS\s+SCORE\s+STATUS$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/))).toEqual([
      // Left before the first answer: kept, and named for what it is.
      [ids[3].slice(0, 8), '2026-11-21 08:00', 'behavioral', 'text', '1:00', '0', '—', 'no answers'],
      [ids[2].slice(0, 8), '2026-11-20 18:45', 'backend', 'offline', '3:00', '1', 'h', 'interrupted'],
      [ids[1].slice(0, 8), '2026-11-10 10:30', 'frontend', 'text', '3:00', '1', 'failed', 'completed'],
      [ids[0].slice(0, 8), '2026-11-01 09:00', 'backend', 'text', '5:00', '2', '62', 'completed'],
    ]);
  });

  it('filters by --role, --since and -n', async () => {
    const byRole = await runJson<HistoryRowJson[]>(['history', '--role', 'backend', '--json'], { env });
    expect(byRole.map((s) => s.id)).toEqual([ids[2], ids[0]]);
    const since = await runJson<HistoryRowJson[]>(['history', '--since', '2026-11-10', '--json'], { env });
    expect(since.map((s) => s.id)).toEqual([ids[3], ids[2], ids[1]]);
    const limited = await runJson<HistoryRowJson[]>(['history', '-n', '1', '--json'], { env });
    expect(limited.map((s) => s.id)).toEqual([ids[3]]);
    const all = await runJson<HistoryRowJson[]>(['history', '-n', '0', '--json'], { env });
    expect(all).toHaveLength(4);
  });

  it('--json reports scores only from successful AI evaluations', async () => {
    const rows = await runJson<HistoryRowJson[]>(['history', '--json'], { env });
    expect(rows.map((r) => [r.score, r.band, r.evaluation?.kind ?? null, r.evaluation?.status ?? null])).toEqual([
      [null, null, null, null],
      [null, null, 'heuristic', 'ok'],
      [null, null, 'ai', 'failed'],
      // 62 at medium: over 50 (a mean grade of 3), under 75 (a mean of 4).
      [62, 'meets', 'ai', 'ok'],
    ]);
  });

  it('rejects a bad --limit or --since with exit 2', async () => {
    expect((await runCli(['history', '-n', 'x'], { env })).exitCode).toBe(2);
    const r = await runCli(['history', '--since', 'yesterday-ish'], { env });
    expect(r.exitCode).toBe(2);
  });

  it('says how to start when there is nothing yet', async () => {
    const r = await runCli(['history'], { env: { INTERVIEW_COACH_HOME: mkdtempSync(join(tmpdir(), 'ic-empty-')) } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('interview-coach start --role backend');
  });
});

describe('history --search', () => {
  const { home, ids } = fixtureHome([
    {
      startedAt: '2026-11-01T09:00:00Z',
      answers: ['We added an idempotency key to every payment request, so retries never charged twice.'],
    },
    {
      startedAt: '2026-11-02T09:00:00Z',
      answers: ['Idempotency matters. Idempotency keys, idempotency tokens, idempotency everywhere.'],
    },
    { startedAt: '2026-11-03T09:00:00Z', answers: ['Caching with Redis and a short TTL.'] },
  ]);
  const env = { INTERVIEW_COACH_HOME: home, ...UTC };

  it('ranks the session that talks most about the term first and shows the matching snippet', async () => {
    const rows = await runJson<HistoryRowJson[]>(['history', '--search', 'idempotency', '--json'], { env });
    expect(rows.map((x) => x.id)).toEqual([ids[1], ids[0]]);
    expect(rows[1]?.match?.snippet).toContain('[idempotency] key');
  });

  it("each row's snippet comes from that session's own answer, in the table and in --json", async () => {
    const own = new Map([
      [ids[0], 'We added an idempotency key to every payment request, so retries never charged twice.'],
      [ids[1], 'Idempotency matters. Idempotency keys, idempotency tokens, idempotency everywhere.'],
    ]);
    const words = (snippet: string) => snippet.replace(/[[\]…]/g, '');
    const rows = await runJson<HistoryRowJson[]>(['history', '--search', 'idempotency', '--json'], { env });
    for (const row of rows) expect(own.get(row.id)).toContain(words(row.match?.snippet ?? 'no snippet'));
    const table = (await runCli(['history', '--search', 'idempotency'], { env })).stdout.split('\n');
    for (const [id, answer] of own) {
      const snippet = table[table.findIndex((l) => l.startsWith(id.slice(0, 8))) + 1] ?? '';
      expect(answer).toContain(words(snippet.trim()));
    }
  });

  it('matches word forms (stemming), all words, and survives punctuation that FTS5 would choke on', async () => {
    const hits = await runJson<HistoryRowJson[]>(['history', '--search', 'charging "retries" (payment', '--json'], {
      env,
    });
    expect(hits.map((x) => x.id)).toEqual([ids[0]]);
    const text = await runCli(['history', '--search', 'redis'], { env });
    expect(text.stdout).toContain(ids[2].slice(0, 8));
    expect(text.stdout).toContain('  Caching with [Redis] and a short TTL.');
  });

  it('no match: nothing on stdout, a line on stderr', async () => {
    const r = await runCli(['history', '--search', 'kubernetes'], { env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('No session mentions "kubernetes"');
  });
});

describe('history in a pipe', () => {
  it('| head does not crash', async () => {
    const { home } = fixtureHome(
      Array.from({ length: 300 }, (_, i) => ({
        startedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
        answers: ['x'],
      })),
    );
    const child = spawn(process.execPath, [BIN, 'history', '-n', '0'], {
      env: { ...process.env, INTERVIEW_COACH_HOME: home },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(stderr).not.toMatch(/Error|at .*\.js/);
    expect(code).toBe(0);
  });
});

describe('delete and purge', () => {
  it('delete needs --yes when not at a terminal, then removes rows and audio', async () => {
    const { home, ids } = fixtureHome([
      { startedAt: '2026-11-01T09:00:00Z', answers: ['a'], score: 50, audio: true },
      { startedAt: '2026-11-02T09:00:00Z', answers: ['b'], audio: true },
    ]);
    const env = { INTERVIEW_COACH_HOME: home };
    const refused = await runCli(['delete', ids[0].slice(0, 8)], { env });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('--yes');
    const r = await runCli(['delete', ids[0].slice(0, 8), '--yes'], { env });
    expect(r.exitCode).toBe(0);
    const db = new Database(join(home, 'interview-coach.db'), { readonly: true });
    expect(db.prepare('SELECT id FROM sessions').all()).toEqual([{ id: ids[1] }]);
    expect(db.prepare('SELECT count(*) AS n FROM transcripts WHERE session_id = ?').get(ids[0])).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM evaluations').get()).toEqual({ n: 0 });
    db.close();
    expect(existsSync(join(home, 'audio', ids[0]))).toBe(false);
    expect(existsSync(join(home, 'audio', ids[1], 'answer-1.wav'))).toBe(true);
  });

  it('purge --older-than removes old sessions and their audio; --dry-run lists them only', async () => {
    const day = 86_400_000;
    const { home, ids } = fixtureHome([
      { startedAt: new Date(Date.now() - 200 * day).toISOString(), answers: ['old'], audio: true },
      { startedAt: new Date(Date.now() - 100 * day).toISOString(), answers: ['older than 90d'], audio: true },
      { startedAt: new Date(Date.now() - 10 * day).toISOString(), answers: ['recent'], audio: true },
    ]);
    const env = { INTERVIEW_COACH_HOME: home };
    const dry = await runCli(['purge', '--older-than', '90d', '--dry-run'], { env });
    expect(
      dry.stdout
        .trim()
        .split('\n')
        .map((l) => l.slice(0, 8)),
    ).toEqual([ids[0].slice(0, 8), ids[1].slice(0, 8)]);
    expect(existsSync(join(home, 'audio', ids[0]))).toBe(true);
    const r = await runCli(['purge', '--older-than', '90d', '--yes'], { env });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('Deleted 2 sessions');
    const db = new Database(join(home, 'interview-coach.db'), { readonly: true });
    expect(db.prepare('SELECT id FROM sessions').all()).toEqual([{ id: ids[2] }]);
    db.close();
    expect(ids.map((id) => existsSync(join(home, 'audio', id)))).toEqual([false, false, true]);
  });

  it('unknown id: exit 2', async () => {
    const { home } = fixtureHome([{ startedAt: '2026-11-01T09:00:00Z', answers: ['a'] }]);
    const r = await runCli(['delete', 'ffff', '--yes'], { env: { INTERVIEW_COACH_HOME: home } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('No session id starts with "ffff"');
  });
});

describe('resume and retry', () => {
  it('resumes a session killed mid-interview where it stopped, keeping the plan', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ic-resume-'));
    const env = { ...process.env, INTERVIEW_COACH_HOME: home, NO_COLOR: '1' };
    const child = spawn(process.execPath, [BIN, 'start', '--role', 'backend', '--offline', '--questions', '3'], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stdin.write('First answer about caching layers.\n\n');
    await waitFor(() => (out.match(/^Interviewer:/gm) ?? []).length >= 3, 'the second question');
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));

    const row = at(await runJson<HistoryRowJson[]>(['history', '--json'], { env: { INTERVIEW_COACH_HOME: home } }), 0);
    expect(row.status).toBe('interrupted');
    const r = await runCli(['resume', row.shortId, '--offline', '--no-evaluate'], {
      env: { INTERVIEW_COACH_HOME: home },
      input: 'Second answer.\n\nThird answer.\n',
    });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`Resuming session ${row.shortId}`);
    const db = new Database(join(home, 'interview-coach.db'), { readonly: true });
    const session = db.prepare('SELECT status, plan_json FROM sessions').get() as { status: string; plan_json: string };
    const turns = db
      .prepare('SELECT speaker, kind, question_number AS q, content FROM transcripts ORDER BY seq')
      .all() as { speaker: string; kind: string; q: number | null; content: string }[];
    db.close();
    expect(session.status).toBe('completed');
    const plan = (JSON.parse(session.plan_json) as { text: string }[]).map((p) => p.text);
    expect(turns.filter((t) => t.kind === 'question').map((t) => t.content)).toEqual(plan);
    expect(turns.filter((t) => t.speaker === 'candidate').map((t) => [t.q, t.content])).toEqual([
      [1, 'First answer about caching layers.'],
      [2, 'Second answer.'],
      [3, 'Third answer.'],
    ]);
  });

  it('refuses to resume a completed session, pointing to retry', async () => {
    const { home, ids } = fixtureHome([{ startedAt: '2026-11-01T09:00:00Z', answers: ['a'] }]);
    const r = await runCli(['resume', ids[0].slice(0, 8)], { env: { INTERVIEW_COACH_HOME: home } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/already completed/);
    expect(r.stderr).toMatch(/interview-coach retry/);
  });

  it('retry answers one question again as a linked session and shows old and new feedback', async () => {
    const { home, ids } = fixtureHome([
      {
        startedAt: '2026-11-01T09:00:00Z',
        answers: ['um fine', 'We cut p99 latency from 300 ms to 40 ms with a cache.'],
        offline: true,
      },
    ]);
    const env = { INTERVIEW_COACH_HOME: home };
    await runCli(['evaluate', ids[0].slice(0, 8), '--heuristic'], { env });
    const r = await runCli(['retry', ids[0].slice(0, 8), '--question', '1', '--offline'], {
      env,
      input: 'For example, at my last job I cut deploy time by 40% by caching build layers.\n',
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('## Question 1, before and now');
    expect(r.stdout).toContain('Planned question 1 for backend?');
    expect(r.stdout).toMatch(/Before: 2 words .*not substantive/);
    expect(r.stdout).toMatch(/Now: +16 words .*example: yes · numbers: yes/);
    const db = new Database(join(home, 'interview-coach.db'), { readonly: true });
    expect(
      db.prepare('SELECT retry_of, retry_question, planned_questions FROM sessions WHERE retry_of IS NOT NULL').get(),
    ).toEqual({ retry_of: ids[0], retry_question: 1, planned_questions: 1 });
    db.close();
    const bad = await runCli(['retry', ids[0].slice(0, 8), '--question', '7'], { env });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('has questions 1 to 2');
  });
});
