/**
 * `interview-coach calls`, and delete/purge taking the calls with their session: the built CLI
 * over real SQLite files whose calls were saved through db/llm-calls.ts.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli, runJson } from './support/cli.js';
import type { CallJson } from './support/cli-json.js';
import { aCall, homeWithCalls } from './support/call-fixtures.js';
import { displayWidth, prepareWidths } from '../src/shared/text.js';

const UTC = { TZ: 'UTC' };

const warmUp = aCall({ purpose: 'warm-up', reply: '', outputTokens: 1, startedAt: '2026-11-01T08:59:58.000Z' });
const question = aCall({
  // A reply that tries to clear the screen and retitle the window: shown without the sequences.
  reply:
    'How would you \u001b[2J\u001b]0;pwned\u0007cache a hot read path, and how would you keep it consistent when writes are frequent?',
  startedAt: '2026-11-01T09:00:03.000Z',
});
const judge = aCall({
  purpose: 'judge',
  attempt: 2,
  options: { format: { type: 'object' }, think: false, options: { num_ctx: 8192, temperature: 0 } },
  messages: [
    { role: 'system', content: 'You grade interviews from evidence: quote, then grade.' },
    { role: 'user', content: 'Grade this transcript.' },
  ],
  reply: '{"overall',
  thinking: 'The candidate named Redis but no eviction policy.',
  doneReason: null,
  nearContextLimit: true,
  error: 'no token for 30 s',
  promptMs: null,
  evalMs: null,
  totalMs: 30_012,
  startedAt: '2026-11-01T09:10:00.000Z',
});

const countCalls = (home: string) => {
  const db = new Database(join(home, 'interview-coach.db'), { readonly: true });
  const row = db.prepare('SELECT COUNT(*) AS n FROM llm_calls').get();
  db.close();
  return row;
};

describe('calls', () => {
  const { home, ids } = homeWithCalls([
    { startedAt: '2026-11-01T08:59:00Z', answers: ['We used a cache.'], calls: [warmUp, question, judge] },
    { startedAt: '2026-11-02T09:00:00Z', answers: ['Offline answer.'], offline: true, calls: [] },
  ]);
  const env = { INTERVIEW_COACH_HOME: home, ...UTC };
  const [withCalls = '', withoutCalls = ''] = ids;

  it('prints one block per call: what was sent, the options, tokens, times, and the reply', async () => {
    const r = await runCli(['calls', withCalls.slice(0, 6)], { env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.match(/^Call \d of 3 · .*$/gm)).toEqual([
      'Call 1 of 3 · warm-up · attempt 1 · 2026-11-01 08:59:58',
      'Call 2 of 3 · interviewer · attempt 1 · 2026-11-01 09:00:03',
      'Call 3 of 3 · judge · attempt 2 · 2026-11-01 09:10:00',
    ]);
    const third = r.stdout.slice(r.stdout.indexOf('Call 3 of 3'));
    expect(third).toBe(
      [
        'Call 3 of 3 · judge · attempt 2 · 2026-11-01 09:10:00',
        'model     mistral at http://127.0.0.1:11434',
        'options   num_ctx 8192 · temperature 0 · think false · format schema (17 B)',
        'tokens    812 in · 14 out',
        'time      load 1203 ms · prompt — · eval — · total 30012 ms',
        'done      — · near context limit',
        'error     no token for 30 s',
        'thinking  49 B (--full shows it)',
        '',
        'Sent (user, the last of 2 messages):',
        '  Grade this transcript.',
        'Reply:',
        '  {"overall',
        '',
      ].join('\n'),
    );
  });

  it('shows the instruction, folds texts to the width and strips control sequences', async () => {
    const r = await runCli(['calls', withCalls], { env });
    expect(r.exitCode).toBe(0);
    const text = r.stdout;
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u0007');
    expect(text).not.toContain('pwned');
    expect(text).toContain(
      'options   num_ctx 8192 · num_predict 400 · temperature 0.7 · think false ·\n          keep_alive 30m · stop ["\\nCandidate:"]',
    );
    expect(text).toContain(
      'Reply:\n  How would you cache a hot read path, and how would you keep it consistent when\n  writes are frequent?\n',
    );
    expect(text).toContain(
      'Sent (user, the last of 2 messages):\n  Ask question 1: How would you cache a hot read path?\n',
    );
    // The system prompt is only in --full.
    expect(text).not.toContain('You are the interviewer');
    const lines = text.split('\n');
    await prepareWidths(lines);
    expect(lines.filter((l) => displayWidth(l) > 80)).toEqual([]);
  });

  it('--full adds every message, all the options and the thinking', async () => {
    const r = await runCli(['calls', withCalls, '--full'], { env });
    expect(r.exitCode).toBe(0);
    const judgeBlock = r.stdout.slice(r.stdout.indexOf('Call 3 of 3'));
    expect(judgeBlock).toContain(
      [
        'Sent 1 of 2 (system):',
        '  You grade interviews from evidence: quote, then grade.',
        'Sent 2 of 2 (user):',
        '  Grade this transcript.',
        'Options sent:',
        '  {',
        '    "format": {',
        '      "type": "object"',
        '    },',
      ].join('\n'),
    );
    expect(judgeBlock).toContain('Thinking:\n  The candidate named Redis but no eviction policy.\nReply:\n');
    expect(judgeBlock).not.toContain('--full shows it');
    expect(r.stdout.match(/^Sent 1 of 2 \(system\):$/gm)).toHaveLength(3);
  });

  it('--json gives every call as stored: the text as the model wrote it, control sequences stripped when saved', async () => {
    const calls = await runJson<CallJson[]>(['calls', withCalls, '--json'], { env });
    const saved = { ...question, reply: question.reply.replace('\u001b[2J\u001b]0;pwned\u0007', '') };
    expect(calls.map(({ id: _id, sessionId, ...call }) => ({ sessionId, call }))).toEqual(
      [warmUp, saved, judge].map((call) => ({ sessionId: withCalls, call })),
    );
  });

  it('a session with no calls says so on stderr and exits 0 (--json: [])', async () => {
    const r = await runCli(['calls', withoutCalls], { env });
    expect(r).toMatchObject({ exitCode: 0, stdout: '' });
    expect(r.stderr).toContain(`No model calls are logged for session ${withoutCalls.slice(0, 8)}`);
    expect(await runJson(['calls', 'last', '--json'], { env })).toEqual([]);
  });

  it('an unknown session exits 2; a missing one is asked for', async () => {
    const r = await runCli(['calls', 'ffff'], { env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('No session id starts with "ffff"');
    const none = await runCli(['calls'], { env });
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain("missing required argument 'session'");
  });

  it('damaged messages read as unreadable; the rest of the call still shows', async () => {
    const damaged = homeWithCalls([{ startedAt: '2026-11-01T09:00:00Z', answers: ['An answer.'], calls: [question] }]);
    const db = new Database(join(damaged.home, 'interview-coach.db'));
    db.prepare(`UPDATE llm_calls SET messages_json = '[{"role": "user", "content": ' `).run();
    db.close();
    const denv = { INTERVIEW_COACH_HOME: damaged.home, ...UTC };
    const r = await runCli(['calls', 'last'], { env: denv });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Sent: unreadable (messages_json is not valid JSON)\nReply:\n  How would you cache');
    const [call] = await runJson<CallJson[]>(['calls', 'last', '--json'], { env: denv });
    expect(call?.messages).toEqual({ unreadable: 'messages_json is not valid JSON' });
  });
});

describe('delete and purge take the calls with the session', () => {
  it('delete --yes', async () => {
    const { home, ids } = homeWithCalls([
      { startedAt: '2026-11-01T09:00:00Z', answers: ['a'], calls: [warmUp, question] },
      { startedAt: '2026-11-02T09:00:00Z', answers: ['b'], calls: [judge] },
    ]);
    expect(countCalls(home)).toEqual({ n: 3 });
    const r = await runCli(['delete', ids[0] ?? '', '--yes'], { env: { INTERVIEW_COACH_HOME: home } });
    expect(r.exitCode).toBe(0);
    expect(countCalls(home)).toEqual({ n: 1 });
    expect(
      (await runJson<CallJson[]>(['calls', 'last', '--json'], { env: { INTERVIEW_COACH_HOME: home } })).map(
        (c) => c.purpose,
      ),
    ).toEqual(['judge']);
  });

  it('purge --yes', async () => {
    const day = 86_400_000;
    const { home } = homeWithCalls([
      { startedAt: new Date(Date.now() - 200 * day).toISOString(), answers: ['old'], calls: [warmUp, question] },
      { startedAt: new Date(Date.now() - 100 * day).toISOString(), answers: ['old too'], calls: [judge] },
      { startedAt: new Date(Date.now() - day).toISOString(), answers: ['recent'], calls: [question] },
    ]);
    expect(countCalls(home)).toEqual({ n: 4 });
    const r = await runCli(['purge', '--older-than', '90d', '--yes'], { env: { INTERVIEW_COACH_HOME: home } });
    expect(r.exitCode).toBe(0);
    expect(countCalls(home)).toEqual({ n: 1 });
  });
});
