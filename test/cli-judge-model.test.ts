/**
 * Choosing the judge: `--judge-model` on start (and resume, retry), the `judgeModel` setting, and
 * `evaluate --model`. Each evaluation records the model that graded it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from './support/ollama-standin.mjs';
import { obedient } from './support/scenarios.mjs';
import { runCli, runJson } from './support/cli.js';
import type { SessionDocument } from '../src/core/session-document.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const ANSWERS = 'At my last job we cut p95 from 800 ms to 60 ms with a covering index on the orders table.\n';
const home = () => mkdtempSync(join(tmpdir(), 'ic-judge-model-'));

async function serve() {
  standin = await startStandin({ models: ['mistral:latest', 'qwen3:14b'], reply: obedient() });
  return standin;
}

/** Which model each kind of call went to: the judge's calls carry a `format`. */
function modelsUsed(s: Standin) {
  const chats = s.chatRequests().filter((c) => (c.messages?.length ?? 0) > 0);
  return {
    interviewer: [...new Set(chats.filter((c) => !c.format).map((c) => c.model))],
    judge: [...new Set(chats.filter((c) => c.format).map((c) => c.model))],
  };
}

async function start(env: NodeJS.ProcessEnv, ...flags: string[]) {
  const s = await serve();
  const r = await runCli(['start', '--role', 'backend', '--questions', '1', '--host', s.url, ...flags], {
    input: ANSWERS,
    env,
  });
  return { r, s };
}

describe('the judge model', () => {
  it('--judge-model grades with that model while the interviewer model asks; the evaluation records it', async () => {
    const env = { INTERVIEW_COACH_HOME: home() };
    const { r, s } = await start(env, '--judge-model', 'qwen3:14b');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(modelsUsed(s)).toEqual({ interviewer: ['mistral'], judge: ['qwen3:14b'] });
    const doc = await runJson<SessionDocument>(['export', 'last', '--format', 'json'], { env });
    expect(doc.evaluation).toMatchObject({ status: 'ok', model: 'qwen3:14b' });
    expect(doc.model).toBe('mistral');
  });

  it('without it the interviewer model grades; config judgeModel changes that, and the flag beats config', async () => {
    const env = { INTERVIEW_COACH_HOME: home() };
    const first = await start(env);
    expect(modelsUsed(first.s)).toEqual({ interviewer: ['mistral'], judge: ['mistral'] });
    await standin?.close();
    expect((await runCli(['config', 'set', 'judgeModel', 'qwen3:14b'], { env })).exitCode).toBe(0);
    const second = await start(env);
    expect(modelsUsed(second.s).judge).toEqual(['qwen3:14b']);
    await standin?.close();
    const third = await start(env, '--judge-model', 'mistral');
    expect(modelsUsed(third.s).judge).toEqual(['mistral']);
  });

  it("`evaluate` grades with --model, else the session's judge (saying so over config), else config judgeModel", async () => {
    const env = { INTERVIEW_COACH_HOME: home() };
    const { s } = await start(env, '--no-evaluate');
    let stderr = '';
    const judgedBy = async (...flags: string[]) => {
      const before = s.chatRequests().length;
      const r = await runCli(['evaluate', 'last', '--host', s.url, ...flags], { env });
      expect(r.exitCode, r.stderr).toBe(0);
      stderr = r.stderr;
      return [
        ...new Set(
          s
            .chatRequests()
            .slice(before)
            .map((c) => c.model),
        ),
      ];
    };
    // The session was started with the interviewer model as its judge: that is its judge.
    expect(await judgedBy()).toEqual(['mistral']);
    expect(stderr).not.toContain('Using the session');
    expect((await runCli(['config', 'set', 'judgeModel', 'qwen3:14b'], { env })).exitCode).toBe(0);
    expect(await judgedBy()).toEqual(['mistral']);
    expect(stderr).toContain(
      "Using the session's judge model mistral, not config judgeModel qwen3:14b: pass --model qwen3:14b to use that.",
    );
    // A judge that grades successfully becomes the session's judge.
    expect(await judgedBy('--model', 'qwen3:14b')).toEqual(['qwen3:14b']);
    expect(await judgedBy()).toEqual(['qwen3:14b']);
    expect(stderr).not.toContain('Using the session');
    // A session with no judge of its own (the question bank, no evaluation yet) takes config judgeModel.
    const offline = await runCli(['start', '--role', 'backend', '--questions', '1', '--offline', '--no-evaluate'], {
      input: ANSWERS,
      env,
    });
    expect(offline.exitCode, offline.stderr).toBe(0);
    expect((await runCli(['config', 'set', 'judgeModel', 'mistral'], { env })).exitCode).toBe(0);
    expect(await judgedBy()).toEqual(['mistral']);
  });

  it('a judge model that is not pulled stops `start` before the first question, saying what to pull', async () => {
    const env = { INTERVIEW_COACH_HOME: home() };
    const { r, s } = await start(env, '--judge-model', 'llama3.1:70b');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("The judge model cannot be used: Model 'llama3.1:70b' is not pulled");
    expect(r.stderr).toContain('ollama pull llama3.1:70b');
    expect(s.chatRequests().filter((c) => (c.messages?.length ?? 0) > 0)).toEqual([]);
    const history = await runJson<unknown[]>(['history', '--json'], { env });
    expect(history).toEqual([]);
  });

  it('--samples N: the judge grades N times at a low temperature (start and evaluate); out of range is refused', async () => {
    const env = { INTERVIEW_COACH_HOME: home() };
    const { r, s } = await start(env, '--samples', '3');
    expect(r.exitCode, r.stderr).toBe(0);
    const judged = () => s.chatRequests().filter((c) => c.format);
    expect(judged().map((c) => c.options?.temperature)).toEqual([0.3, 0.3, 0.3]);
    expect(new Set(judged().map((c) => c.options?.seed)).size).toBe(3);
    const before = judged().length;
    expect((await runCli(['evaluate', 'last', '--host', s.url, '--samples', '2'], { env })).exitCode).toBe(0);
    expect(judged().length - before).toBe(2);
    for (const bad of ['0', '10', '1.5']) {
      const refused = await runCli(['evaluate', 'last', '--host', s.url, '--samples', bad], { env });
      expect(refused.exitCode, bad).toBe(2);
      expect(refused.stderr).toContain(`Invalid --samples "${bad}"`);
    }
  });

  it('resume and retry take --judge-model too', async () => {
    for (const command of ['resume', 'retry']) {
      const r = await runCli([command, '--help']);
      expect(r.stdout).toContain('--judge-model <name>');
    }
  });
});
