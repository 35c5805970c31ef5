import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/open.js';
import { listHistory } from '../src/db/history.js';
import { sessionDocument, type SessionDocument } from '../src/core/session-document.js';
import { sessionToMarkdown, sessionToText } from '../src/core/session-formats.js';
import { addSession } from './support/fixtures.js';
import { runCli } from './support/cli.js';
import type { HistoryRowJson } from './support/cli-json.js';

// Output that streams needs memory for one session at a time, not for all of them. So each
// command runs with a JavaScript heap far smaller than what it writes: holding every session
// (and then the whole text) at once, as export and history did before, runs out of memory
// there (exit 134; the old export needed more than 128 MB here, history more than 32 MB). The
// limits leave room for the garbage collector's lag, so a streamed run never comes near them.
const smallHeap = (mb: number) => ({ NODE_OPTIONS: `--max-old-space-size=${mb}` });

/** About 8 KB of answer, with what JSON and Markdown must escape: quotes, backslashes, line breaks, non-ASCII. */
function answer(session: number, question: number): string {
  const line = `Session ${session}, answer ${question}: a "quoted" word, a back\\slash, naïve café 😀, <b>tag</b> and # heading.`;
  return Array.from({ length: 64 }, (_, i) => `${line} Line ${i}.`).join(i0(question) ? '\n\n' : '\n');
}
const i0 = (n: number) => n % 2 === 0;

describe('export --all streams', () => {
  const home = mkdtempSync(join(tmpdir(), 'ic-stream-'));
  const env = { INTERVIEW_COACH_HOME: home, TZ: 'UTC', ...smallHeap(48) };
  let docs: SessionDocument[] = [];

  beforeAll(() => {
    const db = openDatabase(join(home, 'interview-coach.db'));
    try {
      // 400 sessions of 10 answers: about 31 MB of JSON (twice that in memory: the emoji makes
      // every string two bytes a character).
      db.transaction(() => {
        for (let s = 0; s < 400; s++) {
          addSession(db, {
            startedAt: new Date(Date.UTC(2026, 0, 1) + s * 3_600_000).toISOString(),
            answers: Array.from({ length: 10 }, (_, q) => answer(s, q)),
            score: s % 3 === 0 ? 40 + (s % 50) : s % 3 === 1 ? 'heuristic' : undefined,
          });
        }
      })();
      // The documents as the app reads them one by one: what the export must hold, in its order.
      docs = listHistory(db, { limit: 0 }).map((row) => sessionDocument(db, row.id));
    } finally {
      db.close();
    }
  });

  it('--format json: valid JSON, the same bytes as the whole export stringified at once', async () => {
    const r = await runCli(['export', '--all', '--format', 'json'], { env, timeoutMs: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const parsed = JSON.parse(r.stdout) as { exportedAt: string; sessions: unknown[] };
    expect(parsed.sessions).toHaveLength(400);
    const whole = { schemaVersion: 1, exportedAt: parsed.exportedAt, sessions: docs };
    expect(r.stdout === `${JSON.stringify(whole, null, 2)}\n`).toBe(true);
  });

  it('--format md and txt: every session in order, separated by a rule', async () => {
    const md = await runCli(['export', '--all', '--format', 'md'], { env, timeoutMs: 60_000 });
    expect(md.exitCode).toBe(0);
    expect(md.stdout === docs.map(sessionToMarkdown).join('\n---\n\n')).toBe(true);
    const txt = await runCli(['export', '--all', '--format', 'txt'], { env, timeoutMs: 60_000 });
    expect(txt.exitCode).toBe(0);
    expect(txt.stdout === docs.map(sessionToText).join(`\n${'='.repeat(72)}\n\n`)).toBe(true);
  });

  it('-o file: written piece by piece, still whole or not at all (mode 0600, no temp file left)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-stream-out-'));
    const file = join(dir, 'all.json');
    const r = await runCli(['export', '--all', '--format', 'json', '-o', file], { env, timeoutMs: 60_000 });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`Exported 400 sessions to ${file}.`);
    const text = readFileSync(file, 'utf8');
    const parsed = JSON.parse(text) as { exportedAt: string };
    expect(
      text === `${JSON.stringify({ schemaVersion: 1, exportedAt: parsed.exportedAt, sessions: docs }, null, 2)}\n`,
    ).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['all.json']);
  });
});

describe('streamed output with no sessions', () => {
  it('export --all --format json is still one valid document, with an empty list', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ic-stream-empty-'));
    openDatabase(join(home, 'interview-coach.db')).close();
    const r = await runCli(['export', '--all', '--format', 'json'], { env: { INTERVIEW_COACH_HOME: home } });
    expect(r.exitCode).toBe(0);
    const parsed = JSON.parse(r.stdout) as { exportedAt: string };
    expect(r.stdout).toBe(
      `${JSON.stringify({ schemaVersion: 1, exportedAt: parsed.exportedAt, sessions: [] }, null, 2)}\n`,
    );
    const history = await runCli(['history', '--json'], { env: { INTERVIEW_COACH_HOME: home } });
    expect(history.stdout).toBe('[]\n');
  });
});

describe('history --json streams', () => {
  it('40,000 sessions: valid JSON, every session, the same bytes as stringified at once', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ic-stream-history-'));
    const db = openDatabase(join(home, 'interview-coach.db'));
    const insert = db.prepare(
      `INSERT INTO sessions (id, role_id, role_title, difficulty, planned_questions, plan_json, model, host, input_mode, interviewer, status, started_at, ended_at, duration_ms, end_reason)
       VALUES (?, 'backend', 'Backend Engineer', 'medium', 5, '[]', 'mistral', NULL, 'text', 'ollama', 'completed', ?, ?, 60000, 'finished')`,
    );
    db.transaction(() => {
      for (let i = 0; i < 40_000; i++) {
        const at = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
        insert.run(`${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`, at, at);
      }
    })();
    db.close();
    const r = await runCli(['history', '-n', '0', '--json'], {
      env: { INTERVIEW_COACH_HOME: home, ...smallHeap(16) },
      timeoutMs: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const rows = JSON.parse(r.stdout) as HistoryRowJson[];
    expect(rows).toHaveLength(40_000);
    expect(rows[0]?.startedAt).toBe(new Date(Date.UTC(2024, 0, 1) + 39_999 * 60_000).toISOString());
    expect(r.stdout === `${JSON.stringify(rows, null, 2)}\n`).toBe(true);
  });
});
