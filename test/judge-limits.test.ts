import { afterEach, describe, expect, it } from 'vitest';
import { startStandin, type ReplyFn, type Standin } from './support/ollama-standin.mjs';
import { judgeJson } from './support/judge.mjs';
import { judgedSession } from './support/judge-sessions.js';
import { OllamaLlm } from '../src/core/llm/ollama-client.js';
import { tuneRuntime } from '../src/core/llm/runtime.js';
import { evaluateWithLlm, MAX_ATTEMPTS } from '../src/core/evaluation/ai-evaluation.js';
import { listLlmCalls } from '../src/db/llm-calls.js';
import { CallsLog } from '../src/app/calls-log.js';
import { findRole } from '../src/core/roles/catalog.js';
import type { LlmTimeouts } from '../src/core/llm/timeouts.js';
import { waitFor } from './support/wait.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const FAST: LlmTimeouts = { firstTokenMs: 400, idleMs: 250, callMs: 5000 };
const MB = 1024 * 1024;

/** Grades a 2-question session with `reply` answering every judge request. */
async function judge(reply: ReplyFn) {
  standin = await startStandin({ reply });
  const { db, id } = judgedSession({ questions: 2, followUps: 0 });
  const calls = new CallsLog(db);
  calls.attach(id);
  const llm = new OllamaLlm(standin.url, 'mistral', { calls, timeouts: FAST });
  await tuneRuntime(llm, { plannedQuestions: 2, followUpsPerQuestion: 0 });
  const evaluation = await evaluateWithLlm(db, id, findRole('backend'), llm);
  const logged = listLlmCalls(db, id).filter((c) => c.purpose === 'judge');
  db.close();
  return { evaluation, logged, standin };
}

describe('the judge and a stalled server', () => {
  it.each([
    ['after the headers', 0, 'did not start its reply'],
    ['in the middle of its reply', 5, 'stopped in the middle of a reply'],
  ])('a judge that stalls %s fails at once, honestly: no score, the reason, no retries', async (_, after, said) => {
    const { evaluation, logged, standin } = await judge((req) => ({
      text: JSON.stringify(judgeJson(req)),
      hangAfterTokens: after,
    }));
    expect(evaluation).toMatchObject({ kind: 'ai', status: 'failed', overallScore: null, attempts: 1 });
    expect(evaluation.status === 'failed' && evaluation.error).toContain(said);
    expect(logged).toHaveLength(1);
    await waitFor(() => standin.abortedStreams === 1, 'the stand-in to see the hang-up');
  });
});

describe('the judge and a reply past the cap', () => {
  const huge = {
    tokens: Array<string>(10 * 1024).fill(' {"x": "' + 'y'.repeat(1000)),
    ignoreLimits: true,
    tokenDelayMs: 1,
  };

  it('a 10 MB reply is not read to its end: it counts as an unusable reply, asked again, then a failed evaluation', async () => {
    const { evaluation, logged, standin } = await judge(() => huge);
    expect(evaluation).toMatchObject({ status: 'failed', overallScore: null, attempts: MAX_ATTEMPTS });
    expect(evaluation.status === 'failed' && evaluation.error).toContain('ran past the size cap');
    expect(logged.map((c) => c.doneReason)).toEqual(Array(MAX_ATTEMPTS).fill('cap'));
    await waitFor(() => standin.abortedStreams === MAX_ATTEMPTS, 'the stand-in to see every hang-up');
    expect(standin.streamedBytes).toBeLessThan(MAX_ATTEMPTS * MB);
  });

  it('the retry says why and gets a usable reply', async () => {
    const { evaluation, standin } = await judge((req, i) => (i === 0 ? huge : JSON.stringify(judgeJson(req))));
    expect(evaluation).toMatchObject({ status: 'ok', attempts: 2 });
    const retry = standin.chatRequests().filter((r) => r.format)[1];
    expect(retry?.messages?.at(-1)?.content).toContain('ran past the size cap');
  });
});
