/**
 * Damaged saved data through the real CLI: every command either shows what it can and says
 * what it cannot ("unreadable: <reason>"), or stops with a clear error and the fix. Never a
 * crash, never a score made up from a damaged value (bad settings: see cli-misc.test.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, runJson } from './support/cli.js';
import type { HistoryRowJson, RoleJson, SessionDocument, StatsReport } from './support/cli-json.js';
import { at } from './support/at.js';
import { fixtureHome, writePlatformRole } from './support/fixtures.js';

const NOT_JSON = '{"truncated": [1, 2';

/** Damages the home's database the way an editor or a bad disk would. */
function damage(home: string, sql: string, ...params: unknown[]): void {
  const db = new Database(join(home, 'interview-coach.db'));
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

describe('a damaged evaluation (per_answer_json is not JSON)', () => {
  const { home, ids } = fixtureHome([{ startedAt: '2026-11-01T09:00:00Z', answers: ['We used a cache.'], score: 72 }]);
  damage(home, 'UPDATE evaluations SET per_answer_json = ?', NOT_JSON);
  const env = { INTERVIEW_COACH_HOME: home, TZ: 'UTC' };
  const short = ids[0].slice(0, 8);

  it('export --format json: status unreadable, no score, the reason in error; the transcript intact', async () => {
    const doc = await runJson<SessionDocument>(['export', 'last', '--format', 'json'], { env });
    expect(doc.evaluation).toMatchObject({
      kind: 'ai',
      status: 'unreadable',
      overallScore: null,
      dimensions: [],
      perAnswer: [],
      error: 'per_answer_json is not valid JSON',
    });
    expect(doc.transcript.map((t) => t.content)).toEqual(['Planned question 1 for backend?', 'We used a cache.']);
  });

  it('export md and txt, and replay when piped: "evaluation unreadable", never the stored 72', async () => {
    for (const args of [
      ['export', 'last', '--format', 'md'],
      ['export', 'last', '--format', 'txt'],
      ['replay', 'last'],
    ]) {
      const r = await runCli(args, { env });
      expect(r.exitCode, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/## Evaluation unreadable/);
      expect(r.stdout).toContain('per_answer_json is not valid JSON');
      expect(r.stdout).toContain(`interview-coach evaluate ${short}`);
      // The session id is random and may contain "72": look for the score outside it.
      expect(r.stdout.replaceAll(ids[0], '').replaceAll(short, '')).not.toMatch(/72|\/100/);
    }
  });

  it('history: "unreadable" in the score column; --json says why and gives no score', async () => {
    const r = await runCli(['history'], { env });
    expect(r.exitCode).toBe(0);
    expect(at(r.stdout.trimEnd().split('\n'), 1).split(/\s{2,}/)).toEqual([
      short,
      '2026-11-01 09:00',
      'backend',
      'text',
      '3:00',
      '1',
      'unreadable',
      'completed',
    ]);
    const row = at(await runJson<HistoryRowJson[]>(['history', '--json'], { env }), 0);
    expect(row.score).toBeNull();
    expect(row.evaluation).toEqual({
      kind: 'ai',
      status: 'unreadable',
      error: 'per_answer_json is not valid JSON',
      laterFailure: null,
    });
    // The attempt list reads it by the same rules.
    expect(row.evaluations.map((e) => [e.status, e.error])).toEqual([
      ['unreadable', 'per_answer_json is not valid JSON'],
    ]);
  });

  it('stats: the session has no score, and stderr says which and why; --json stays one document', async () => {
    const r = await runCli(['stats'], { env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('  Evaluated      0 of 1 sessions with an AI score');
    expect(r.stdout).not.toMatch(/\b72\b/);
    expect(r.stderr).toContain(
      `1 session has no score here: the saved AI evaluation is unreadable: ${short} (per_answer_json is not valid JSON).`,
    );
    expect(r.stderr).toContain(`interview-coach evaluate ${short}`);
    const json = await runJson<StatsReport>(['stats', '--json'], { env });
    expect(json.totals).toMatchObject({ sessions: 1, evaluatedSessions: 0, averageScore: null });
  });
});

describe('damaged metrics_json on an answer', () => {
  it('evaluate still works (that answer loses its delivery only) and export shows the metrics as unreadable', async () => {
    const { home } = fixtureHome([{ startedAt: '2026-11-01T09:00:00Z', answers: ['We cached hot keys in Redis.'] }]);
    damage(home, "UPDATE transcripts SET metrics_json = ? WHERE kind = 'answer'", NOT_JSON);
    const env = { INTERVIEW_COACH_HOME: home };
    const doc = await runJson<SessionDocument>(['evaluate', 'last', '--heuristic', '--json'], { env });
    expect(doc.evaluation).toMatchObject({ kind: 'heuristic', status: 'ok' });
    expect(doc.evaluation?.perAnswer[0]).toBeDefined();
    expect(doc.evaluation!.perAnswer[0]).not.toHaveProperty('delivery');
    expect(at(doc.transcript, 1).metrics).toEqual({ unreadable: 'metrics_json is not valid JSON' });
  });
});

describe('a damaged plan_json', () => {
  const { home, ids } = fixtureHome([
    { startedAt: '2026-11-01T09:00:00Z', answers: ['First answer.', 'Second.'], status: 'interrupted' },
    { startedAt: '2026-11-02T09:00:00Z', answers: ['Only answer.'] },
  ]);
  damage(home, 'UPDATE sessions SET plan_json = ?', NOT_JSON);
  const env = { INTERVIEW_COACH_HOME: home };

  it.each([
    ['resume', 0, ['--offline', '--no-evaluate']],
    ['retry', 1, ['--question', '1', '--offline', '--no-evaluate']],
  ])('%s stops before it starts: exit 1, the reason, and what still works', async (command, i, flags) => {
    const short = at(ids, i).slice(0, 8);
    const r = await runCli([command, short, ...flags], { env, input: 'An answer.\n' });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      `✖ The saved question plan of session ${short} is damaged (plan_json is not valid JSON).`,
    );
    expect(r.stderr).toContain(`interview-coach export ${short}`);
  });

  it('evaluate still grades it, from the questions as they were asked', async () => {
    const r = await runCli(['evaluate', ids[1].slice(0, 8), '--heuristic'], { env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Q1. Planned question 1 for backend?');
  });
});

describe('a damaged saved role', () => {
  const home = mkdtempSync(join(tmpdir(), 'ic-damaged-role-'));
  const roleFile = writePlatformRole(home);
  const env = { INTERVIEW_COACH_HOME: home };
  beforeAll(async () => {
    const runs = await Promise.all([
      runCli(['start', '--role-file', roleFile, '--offline', '--questions', '1', '--no-evaluate'], {
        env,
        input: 'We upgrade one node pool at a time behind a canary.\n',
      }),
      runCli(['start', '--role', 'backend', '--offline', '--questions', '1', '--no-evaluate'], {
        env,
        input: 'We cached hot keys in Redis.\n',
      }),
    ]);
    for (const r of runs) expect(r.exitCode, r.stderr).toBe(0);
    damage(home, "UPDATE role_templates SET questions_json = ? WHERE id = 'platform'", '[{"text": "too short"}]');
    // A built-in's saved copy is damaged too: built-ins come from the code, so it must not matter.
    damage(home, "UPDATE role_templates SET skills_json = ? WHERE id = 'backend'", NOT_JSON);
  });

  it('roles lists the others, names the damaged one on stderr with how to save it again', async () => {
    const r = await runCli(['roles'], { env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^backend /m);
    expect(r.stdout).not.toContain('platform');
    expect(r.stderr).toContain(
      '⚠ The saved role "platform" is damaged and is not listed (questions_json has the wrong shape (0.text: a question needs at least 10 characters)).',
    );
    expect(r.stderr).toContain(`--role-file ${roleFile}`);
    const json = await runJson<RoleJson[]>(['roles', '--json'], { env });
    expect(json.map((role) => role.id)).toContain('backend');
    expect(json.map((role) => role.id)).not.toContain('platform');
  });

  it('a session that needs it stops with the reason; one on a built-in role still evaluates', async () => {
    const rows = await runJson<HistoryRowJson[]>(['history', '--json'], { env });
    const shortIdOf = (roleId: string) => {
      const row = rows.find((r) => r.role.id === roleId);
      if (!row) throw new Error(`no ${roleId} session in history --json`);
      return row.shortId;
    };
    const [backend, platform] = [shortIdOf('backend'), shortIdOf('platform')];
    const r = await runCli(['evaluate', platform, '--heuristic'], { env });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('✖ The saved role "platform" of this session is damaged (questions_json has the wrong');
    expect(r.stderr).toContain(`--role-file ${roleFile}`);
    expect((await runCli(['evaluate', backend, '--heuristic'], { env })).exitCode).toBe(0);
    expect((await runCli(['stats', '--role', 'platform'], { env })).exitCode).toBe(0);
  });
});
