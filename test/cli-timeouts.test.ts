import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startStandin, type Reply, type Standin } from './support/ollama-standin.mjs';
import { judgeJson } from './support/judge.mjs';
import { obedient } from './support/scenarios.mjs';
import { runCli } from './support/cli.js';
import { waitFor } from './support/wait.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const MB = 1024 * 1024;
const ANSWERS = 'We sharded the ledger by account id and measured p99 at 40 ms.\n\nI would add idempotency keys.\n';

/** A data folder whose saved llmTimeoutSec is `seconds`, set the way a person sets it. */
async function homeWithTimeout(seconds: string): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), 'ic-timeouts-'));
  const r = await runCli(['config', 'set', 'llmTimeoutSec', seconds], { env: { INTERVIEW_COACH_HOME: home } });
  expect(r.exitCode, r.stderr).toBe(0);
  return home;
}

const rows = (home: string, sql: string) => {
  const db = new Database(join(home, 'interview-coach.db'), { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
};

/** A piped `start` of two questions against the stand-in, with llmTimeoutSec 1. */
async function pipedStart(reply: (good: ReturnType<typeof obedient>) => ReturnType<typeof obedient>, evaluate = true) {
  standin = await startStandin({ reply: reply(obedient()) });
  const home = await homeWithTimeout('1');
  const args = ['start', '--role', 'backend', '--questions', '2', '--host', standin.url];
  const r = await runCli(evaluate ? args : [...args, '--no-evaluate'], {
    input: ANSWERS,
    env: { INTERVIEW_COACH_HOME: home },
  });
  const answers = rows(home, "SELECT content FROM transcripts WHERE speaker = 'candidate' ORDER BY seq");
  return { r, home, answers: answers.map((a) => a.content), standin };
}

const interviewerOnly =
  (stall: Reply) =>
  (good: ReturnType<typeof obedient>): ReturnType<typeof obedient> =>
  (req, i, ctx) =>
    req.format ? good(req, i, ctx) : stall;

describe('start, piped, against a server that stalls (llmTimeoutSec 1)', () => {
  it('stalls after the headers: the question bank takes over with the usual banner, and the session completes', async () => {
    const { r, home, answers, standin } = await pipedStart(interviewerOnly({ text: 'Hello.', hangAfterTokens: 0 }));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /⚠ Ollama at http:\/\/127\.0\.0\.1:\d+ did not start its reply within 1 s\. Continuing from the question bank \(no follow-ups\)\./,
    );
    expect(r.stderr).toContain('llmTimeoutSec');
    expect(r.stdout).toMatch(/^Interviewer: Hello, and welcome/m);
    expect(answers).toEqual([
      'We sharded the ledger by account id and measured p99 at 40 ms.',
      'I would add idempotency keys.',
    ]);
    expect(rows(home, 'SELECT status, interviewer, offline_reason FROM sessions')).toEqual([
      { status: 'completed', interviewer: 'question-bank', offline_reason: expect.stringContaining('did not start') },
    ]);
    // The stalled request was hung up on, not left open.
    await waitFor(() => standin.abortedStreams >= 1 && standin.activeStreams === 0, 'the hang-up');
  });

  it('stalls in the middle of a reply: what was said is kept, and the question bank goes on', async () => {
    const { r, home, answers } = await pipedStart(
      (good) => (req, i, ctx) =>
        req.format || i === 0 ? good(req, i, ctx) : { text: 'Thanks. Now tell', hangAfterTokens: 2 },
      false,
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'stopped in the middle of a reply (nothing for 0.5 s). Continuing from the question bank',
    );
    expect(answers).toHaveLength(2);
    expect(rows(home, 'SELECT status FROM sessions')).toEqual([{ status: 'completed' }]);
  });

  it('stalls during the evaluation: the evaluation fails honestly (no score) with the retry hint, exit 1', async () => {
    const { r, home, answers, standin } = await pipedStart(
      (good) => (req, i, ctx) =>
        req.format ? { text: JSON.stringify(judgeJson(req)), hangAfterTokens: 0 } : good(req, i, ctx),
    );
    expect(r.exitCode).toBe(1);
    expect(answers).toHaveLength(2);
    expect(r.stderr).toMatch(/⚠ Evaluation failed, no score was given: .*did not start its reply within 1 s/);
    expect(r.stderr).toMatch(/Retry with: interview-coach evaluate [0-9a-f]{8}/);
    expect(rows(home, 'SELECT kind, status, overall_score FROM evaluations')).toEqual([
      { kind: 'ai', status: 'failed', overall_score: null },
    ]);
    expect(rows(home, 'SELECT status FROM sessions')).toEqual([{ status: 'completed' }]);
    // One judge request, hung up on; not asked again three times over.
    expect(standin.chatRequests().filter((c) => c.format)).toHaveLength(1);
    await waitFor(() => standin.abortedStreams === 1, 'the hang-up');
  });

  it('`evaluate` against a judge that stalls: the same honest failure, exit 1', async () => {
    const { home } = await pipedStart((good) => good, false);
    standin?.setOptions({ reply: () => ({ text: '{"per_answer": [', hangAfterTokens: 1 }) });
    const r = await runCli(['evaluate', 'last', '--host', standin!.url], { env: { INTERVIEW_COACH_HOME: home } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/stopped in the middle of a reply/);
    expect(r.stderr).toMatch(/Retry with: interview-coach evaluate [0-9a-f]{8}/);
  });
});

describe('start, piped, against a server that sends a 10 MB reply', () => {
  it('the interviewer reply is read only up to the cap; the interview goes on', async () => {
    const huge: Reply = {
      tokens: Array<string>(10 * 1024).fill(' lorem'.repeat(170)),
      ignoreLimits: true,
      tokenDelayMs: 1,
    };
    const { r, home, answers, standin } = await pipedStart(interviewerOnly(huge), false);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(answers).toHaveLength(2);
    // Cut like a reply that reached its length limit: the unfinished sentence is left out, and the notice says so.
    expect(r.stderr).toContain('The reply ran long and was cut off');
    const interviewer = rows(home, "SELECT content FROM transcripts WHERE speaker = 'interviewer'");
    expect(interviewer.length).toBeGreaterThan(0);
    for (const t of interviewer) expect(String(t.content).length).toBeLessThan(16_000);
    const calls = rows(home, "SELECT done_reason, length(reply) AS n FROM llm_calls WHERE purpose = 'interviewer'");
    expect(calls.every((c) => c.done_reason === 'cap' && Number(c.n) <= 16_000)).toBe(true);
    expect(standin.abortedStreams).toBe(calls.length);
    expect(standin.streamedBytes).toBeLessThan(calls.length * MB);
  });
});

describe('llmTimeoutSec: the setting', () => {
  it.each(['0', '3601', '1.5', '1e1', '-5', 'soon'])('refuses %j with the range, exit 2', async (value) => {
    const home = mkdtempSync(join(tmpdir(), 'ic-timeouts-'));
    const r = await runCli(['config', 'set', 'llmTimeoutSec', value], { env: { INTERVIEW_COACH_HOME: home } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`Invalid value for llmTimeoutSec: "${value}"`);
    expect(r.stderr).toContain('from 1 to 3600');
  });

  it('a bad value edited into the settings file stops `start` with the fix', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ic-timeouts-'));
    writeFileSync(join(home, 'config.json'), JSON.stringify({ llmTimeoutSec: 0 }));
    const r = await runCli(['start', '--role', 'backend', '--offline'], { env: { INTERVIEW_COACH_HOME: home } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/The saved setting llmTimeoutSec in .*config\.json is not valid: 0\./);
    expect(r.stderr).toContain('interview-coach config unset llmTimeoutSec');
  });
});
