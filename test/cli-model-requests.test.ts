/**
 * What the app sends to Ollama, request by request, as a person's `start` and `evaluate` do it:
 * the warm-up, every interviewer turn and the judge carry the same num_ctx, keep_alive and
 * think settings (a change of num_ctx would reload the model), and interviewer turns carry the
 * stop sequences. And every one of those calls is in the session's calls log.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startStandin, type ChatRequestBody, type Standin } from './support/ollama-standin.mjs';
import { obedient } from './support/scenarios.mjs';
import { runCli, runJson } from './support/cli.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const ANSWERS =
  'I would look at it carefully and then decide what to change first.\n\nAt my last job we cut p95 from 800 ms to 60 ms with an index.\n';

interface Sent {
  warmUp: ChatRequestBody[];
  interviewer: ChatRequestBody[];
  judge: ChatRequestBody[];
}

function sent(s: Standin): Sent {
  const chats = s.chatRequests();
  return {
    warmUp: chats.filter((c) => (c.messages?.length ?? 0) === 0),
    interviewer: chats.filter((c) => (c.messages?.length ?? 0) > 0 && !c.format),
    judge: chats.filter((c) => Boolean(c.format)),
  };
}

async function interviewWith(model: string, env: NodeJS.ProcessEnv = {}) {
  standin = await startStandin({ models: [`${model}:latest`], reply: obedient() });
  const home = mkdtempSync(join(tmpdir(), 'ic-requests-'));
  const r = await runCli(['start', '--role', 'backend', '--questions', '1', '--model', model, '--host', standin.url], {
    input: ANSWERS,
    env: { INTERVIEW_COACH_HOME: home, ...env },
  });
  expect(r.exitCode, r.stderr).toBe(0);
  return { home, requests: sent(standin) };
}

describe('requests to the model', () => {
  it('warm-up, interviewer and judge share num_ctx and keep_alive; only the interviewer sends stop; no think for mistral', async () => {
    const { requests } = await interviewWith('mistral');
    expect(requests.warmUp).toHaveLength(1);
    expect(requests.interviewer.length).toBeGreaterThanOrEqual(2);
    expect(requests.judge).toHaveLength(1);
    const all = [...requests.warmUp, ...requests.interviewer, ...requests.judge];
    expect(new Set(all.map((c) => c.options?.num_ctx))).toEqual(new Set([8192]));
    expect(new Set(all.map((c) => c.keep_alive))).toEqual(new Set(['30m']));
    expect(all.some((c) => 'think' in c)).toBe(false);
    for (const c of requests.interviewer) {
      expect(c.options).toMatchObject({ temperature: 0.4, num_predict: 220 });
      expect(c.options?.stop).toEqual(['\nCandidate:', '\nInterviewer:', '\nYou:', '<<<']);
    }
    expect(requests.judge[0]?.options?.stop).toBeUndefined();
    // The model is loaded before the first question is asked.
    const order = standin!.requests
      .filter((q) => q.path === '/api/chat')
      .map((q) => (q.body as ChatRequestBody).messages?.length ?? 0);
    expect(order[0]).toBe(0);
  });

  it('a thinking model (qwen3) gets think: false on every call, warm-up and judge included', async () => {
    const { requests } = await interviewWith('qwen3');
    const all = [...requests.warmUp, ...requests.interviewer, ...requests.judge];
    expect(all.every((c) => c.think === false)).toBe(true);
    expect(standin!.requests.filter((q) => q.path === '/api/show')).toHaveLength(1);
  });

  it('keepAlive from config: a duration as it is, whole seconds as a number', async () => {
    for (const [value, expected] of [
      ['1h', '1h'],
      ['-1', -1],
    ] as const) {
      const home = mkdtempSync(join(tmpdir(), 'ic-keepalive-'));
      expect(
        (await runCli(['config', 'set', 'keepAlive', value], { env: { INTERVIEW_COACH_HOME: home } })).exitCode,
      ).toBe(0);
      standin = await startStandin({ reply: obedient() });
      const r = await runCli(
        ['start', '--role', 'backend', '--questions', '1', '--no-evaluate', '--host', standin.url],
        {
          input: ANSWERS,
          env: { INTERVIEW_COACH_HOME: home },
        },
      );
      expect(r.exitCode).toBe(0);
      expect(new Set(standin.chatRequests().map((c) => c.keep_alive))).toEqual(new Set([expected]));
      await standin.close();
      standin = undefined;
    }
  });

  it('a keepAlive that is not a duration is refused with the form it takes', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ic-keepalive-'));
    const r = await runCli(['config', 'set', 'keepAlive', 'forever'], { env: { INTERVIEW_COACH_HOME: home } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('Invalid value for keepAlive: "forever"');
  });

  it('`evaluate` later uses the num_ctx the interview used, and its call joins the same calls log', async () => {
    const { home, requests } = await interviewWith('mistral', {});
    const interviewCtx = requests.interviewer[0]?.options?.num_ctx;
    const before = standin!.chatRequests().length;
    const r = await runCli(['evaluate', 'last', '--host', standin!.url], { env: { INTERVIEW_COACH_HOME: home } });
    expect(r.exitCode, r.stderr).toBe(0);
    const judge = standin!.chatRequests().slice(before);
    expect(judge.map((c) => c.options?.num_ctx)).toEqual([interviewCtx]);
    const calls = await runJson<{ purpose: string; options: { options?: { num_ctx?: number } } }[]>(
      ['calls', 'last', '--json'],
      { env: { INTERVIEW_COACH_HOME: home } },
    );
    expect(calls.map((c) => c.purpose)).toEqual([
      'warm-up',
      ...requests.interviewer.map(() => 'interviewer'),
      'judge',
      'judge',
    ]);
    expect(new Set(calls.map((c) => c.options.options?.num_ctx))).toEqual(new Set([interviewCtx]));
  });
});
