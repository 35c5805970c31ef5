/**
 * A session remembers where it ran: `evaluate`, `resume` and `retry` go back to its host (and
 * models) unless a flag says otherwise, even when config names another host. And a failed
 * evaluation after a good one never hides the good one: history, replay, export and stats keep
 * showing it with a note, `evaluate --list` shows both, and the failure is said once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from './support/ollama-standin.mjs';
import { judgeJson } from './support/judge.mjs';
import { obedient } from './support/scenarios.mjs';
import { runCli, runJson } from './support/cli.js';
import type { AttemptJson, HistoryRowJson, SessionDocument, StatsReport } from './support/cli-json.js';

const standins: Standin[] = [];
afterEach(async () => {
  await Promise.all(standins.splice(0).map((s) => s.close()));
});

const ANSWERS = 'We cached hot keys in Redis and cut p99 latency from 300 ms to 40 ms.\n';
const home = () => mkdtempSync(join(tmpdir(), 'ic-remember-'));

/** A stand-in whose judge grades every dimension 3/5, which the app scores 50/100. */
async function serve(): Promise<Standin> {
  const s = await startStandin({ reply: obedient({ judge: (req) => JSON.stringify(judgeJson(req, { score: 3 })) }) });
  standins.push(s);
  return s;
}

/** The requests that did model work (chat), with or without a judge's `format`. */
const chats = (s: Standin) => s.chatRequests().filter((c) => (c.messages?.length ?? 0) > 0);
const judgeCalls = (s: Standin) => chats(s).filter((c) => c.format);

function sql<T>(dir: string, query: string): T[] {
  const db = new Database(join(dir, 'interview-coach.db'), { readonly: true });
  try {
    return db.prepare(query).all() as T[];
  } finally {
    db.close();
  }
}

/** A one-question session recorded against `s`, not evaluated; returns its data folder and env. */
async function recordedOn(s: Standin) {
  const dir = home();
  const env = { INTERVIEW_COACH_HOME: dir };
  const r = await runCli(['start', '--role', 'backend', '--questions', '1', '--no-evaluate', '--host', s.url], {
    input: ANSWERS,
    env,
  });
  expect(r.exitCode, r.stderr).toBe(0);
  return { dir, env };
}

describe('a session goes back to the host it was recorded on', () => {
  it('`evaluate` with no flags grades on the session host even when config names another; --host overrides', async () => {
    const a = await serve();
    const b = await serve();
    const { dir, env } = await recordedOn(a);
    expect((await runCli(['config', 'set', 'host', b.url], { env })).exitCode).toBe(0);
    const before = b.requests.length;

    const r = await runCli(['evaluate', 'last'], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(judgeCalls(a)).toHaveLength(1);
    expect(b.requests.length - before).toBe(0);
    // Said on stderr, with the flag that picks the configured one.
    expect(r.stderr).toContain(`Using the session's host ${a.url}`);
    expect(r.stderr).toContain(`pass --host ${b.url}`);
    expect(sql(dir, 'SELECT host FROM evaluations')).toEqual([{ host: a.url }]);

    const flagged = await runCli(['evaluate', 'last', '--host', b.url], { env });
    expect(flagged.exitCode, flagged.stderr).toBe(0);
    expect(judgeCalls(b)).toHaveLength(1);
    expect(judgeCalls(a)).toHaveLength(1);
    expect(flagged.stderr).not.toContain("Using the session's host");
  });

  it('`retry` and `resume` interview on the session host too, and the new session remembers it', async () => {
    const a = await serve();
    const b = await serve();
    const { dir, env } = await recordedOn(a);
    expect((await runCli(['config', 'set', 'host', b.url], { env })).exitCode).toBe(0);
    const asked = chats(a).length;

    const retry = await runCli(['retry', 'last', '--question', '1', '--no-evaluate'], { input: ANSWERS, env });
    expect(retry.exitCode, retry.stderr).toBe(0);
    expect(chats(a).length).toBeGreaterThan(asked);
    expect(chats(b)).toEqual([]);
    expect(sql(dir, 'SELECT host FROM sessions WHERE retry_of IS NOT NULL')).toEqual([{ host: a.url }]);

    // An interrupted session (its process gone) is resumed where it ran.
    const [original] = sql<{ id: string }>(dir, 'SELECT id FROM sessions WHERE retry_of IS NULL');
    const db = new Database(join(dir, 'interview-coach.db'));
    db.prepare("UPDATE sessions SET status = 'interrupted' WHERE id = ?").run(original!.id);
    db.prepare("DELETE FROM transcripts WHERE session_id = ? AND kind NOT IN ('greeting', 'question')").run(
      original!.id,
    );
    db.close();
    const resumedFrom = chats(a).length;
    const resume = await runCli(['resume', original!.id.slice(0, 8), '--no-evaluate'], { input: ANSWERS, env });
    expect(resume.exitCode, resume.stderr).toBe(0);
    expect(chats(a).length).toBeGreaterThan(resumedFrom);
    expect(chats(b)).toEqual([]);
  });
});

describe('a failed evaluation after a good one', () => {
  it('history, replay, export and stats keep the good score with a note; --list shows both; the failure is said once', async () => {
    const a = await serve();
    const { env } = await recordedOn(a);
    const good = await runCli(['evaluate', 'last'], { env });
    expect(good.exitCode, good.stderr).toBe(0);
    expect(good.stdout).toContain('Overall: 50/100');

    // Now the judge never gives valid output: the second attempt fails.
    a.setOptions({ reply: obedient({ judge: () => 'not json at all' }) });
    const bad = await runCli(['evaluate', 'last'], { env });
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.match(/Evaluation failed/g)).toHaveLength(1);
    expect(bad.stderr).toMatch(/Retry with: interview-coach evaluate [0-9a-f]{8}/);
    expect(bad.stderr).not.toContain('--offline');
    expect(bad.stderr).toMatch(/evaluation \(50\/100\) is kept/);

    const [row] = await runJson<HistoryRowJson[]>(['history', '--json'], { env });
    expect(row).toMatchObject({ score: 50, evaluation: { kind: 'ai', status: 'ok' } });
    expect(row!.evaluation?.laterFailure?.error).toMatch(/3 attempts/);
    expect(row!.evaluations.map((e) => [e.status, e.score, e.shown])).toEqual([
      ['ok', 50, true],
      ['failed', null, false],
    ]);

    const table = await runCli(['history'], { env });
    const lines = table.stdout.split('\n');
    const scoreRow = lines.findIndex((l) => /\b50\b/.test(l));
    expect(scoreRow).toBeGreaterThan(0);
    expect(lines[scoreRow + 1]).toMatch(/latest attempt failed [0-9-]+ [0-9:]+ \(showing the [0-9:]+ evaluation\): \S/);
    expect(lines[scoreRow + 1]!.length).toBeLessThanOrEqual(80);
    expect(table.stdout).not.toMatch(/\bfailed\s+completed/);

    // Piped, replay prints the session as Markdown.
    const replay = await runCli(['replay', 'last'], { env });
    expect(replay.stdout).toContain('Overall: 50/100');
    expect(replay.stdout).toMatch(
      /Note: latest attempt failed [0-9-]+ [0-9:]+ \(showing the [0-9:]+ evaluation\): .*3 attempts/,
    );
    expect(replay.stdout).not.toContain('Evaluation failed');

    const doc = await runJson<SessionDocument>(['export', 'last', '--format', 'json'], { env });
    expect(doc.evaluation).toMatchObject({ status: 'ok', overallScore: 50, laterFailure: { model: 'mistral' } });

    const stats = await runCli(['stats'], { env });
    expect(stats.stdout).toMatch(/Average score +50\/100/);
    expect(stats.stderr).toMatch(
      /latest attempt failed [0-9-]+ [0-9:]+ \(showing the [0-9:]+ evaluation\): the judge model/,
    );
    const report = await runJson<StatsReport>(['stats', '--json'], { env });
    expect(report.totals.averageScore).toBe(50);

    const list = await runCli(['evaluate', 'last', '--list'], { env });
    expect(list.exitCode, list.stderr).toBe(0);
    const listed = list.stdout.split('\n');
    expect(listed.filter((l) => /mistral/.test(l))).toHaveLength(2);
    expect(listed.find((l) => /50\/100/.test(l))).toMatch(/^\*/);
    expect(listed.find((l) => /\bfailed$/.test(l))).toMatch(/^ /);
    expect(list.stdout).toMatch(/\n {3}.*3 attempts/);
    for (const l of listed) expect(l.length).toBeLessThanOrEqual(80);
    const attempts = await runJson<AttemptJson[]>(['evaluate', 'last', '--list', '--json'], { env });
    expect(attempts).toMatchObject([
      { kind: 'ai', status: 'ok', score: 50, model: 'mistral', host: a.url, samples: 1, shown: true },
      { kind: 'ai', status: 'failed', score: null, model: 'mistral', host: a.url, samples: 1, shown: false },
    ]);
  });

  it('an unreachable host: one message naming only the flags evaluate takes', async () => {
    const a = await serve();
    const { env } = await recordedOn(a);
    await a.close();
    const r = await runCli(['evaluate', 'last'], { env });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`Ollama is not running at ${a.url}`);
    expect(r.stderr.match(/Evaluation failed/g)).toHaveLength(1);
    expect(r.stderr).not.toContain('--offline');
    for (const flag of r.stderr.match(/--[a-z-]+/g) ?? []) {
      expect(['--host', '--model', '--heuristic']).toContain(flag);
    }
  });

  it('--list refuses the flags that choose how to grade, exit 2', async () => {
    const a = await serve();
    const { env } = await recordedOn(a);
    const r = await runCli(['evaluate', 'last', '--list', '--heuristic'], { env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--list shows the saved attempts and grades nothing: leave out --heuristic.');
    expect(judgeCalls(a)).toEqual([]);
  });
});
