import { afterEach, describe, expect, it } from 'vitest';
import { startStandin, type ChatRequestBody, type Standin } from './support/ollama-standin.mjs';
import { answersByQuestion, judgeJson, requestedQuestionNumbers } from './support/judge.mjs';
import { praisesWhenCut } from './support/judge-faults.mjs';
import { judgedSession } from './support/judge-sessions.js';
import { OllamaLlm } from '../src/core/llm/ollama-client.js';
import { tuneRuntime } from '../src/core/llm/runtime.js';
import { chooseNumCtx, estimateTokens, sessionTokenEstimate } from '../src/core/llm/context.js';
import { evaluateWithLlm } from '../src/core/evaluation/ai-evaluation.js';
import { planJudging } from '../src/core/evaluation/judge-plan.js';
import { judgeNonce } from '../src/core/evaluation/judge-transcript.js';
import { sessionQuestions } from '../src/core/evaluation/session-questions.js';
import { rubricFor } from '../src/core/evaluation/rubrics.js';
import { findRole } from '../src/core/roles/catalog.js';
import { latestEvaluation } from '../src/db/evaluations.js';
import { listLlmCalls } from '../src/db/llm-calls.js';
import { CallsLog } from '../src/app/calls-log.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const role = findRole('backend');
const judgeBodies = (s: Standin) =>
  s.requests.filter((r) => r.path === '/api/chat' && (r.body as ChatRequestBody | null)?.format).map((r) => r.raw);
const judgeRequests = (s: Standin) => s.chatRequests().filter((r) => r.format);

/** A client as the app makes one: the session's window read from the model (/api/show). */
async function tunedClient(url: string, questions: number, followUps: number, model = 'mistral') {
  const llm = new OllamaLlm(url, model);
  await tuneRuntime(llm, { plannedQuestions: questions, followUpsPerQuestion: followUps });
  return llm;
}

describe('judge requests', () => {
  it('judging the same session twice sends byte-identical requests, and a retry differs', async () => {
    // The first call of each run is unusable (not JSON): the retry is part of what must repeat.
    let calls = 0;
    standin = await startStandin({
      reply: (req) => (calls++ % 2 === 0 ? 'not json' : JSON.stringify(judgeJson(req))),
    });
    const { db, id } = judgedSession({ questions: 3, followUps: 1 });
    await evaluateWithLlm(db, id, role, new OllamaLlm(standin.url, 'mistral'));
    await evaluateWithLlm(db, id, role, new OllamaLlm(standin.url, 'mistral'));
    const bodies = judgeBodies(standin);
    expect(bodies).toHaveLength(4);
    const [first, retry, again, againRetry] = bodies;
    expect(again).toBe(first);
    expect(againRetry).toBe(retry);
    expect(retry).not.toBe(first);
    const [a, b] = judgeRequests(standin);
    expect(a!.options).toMatchObject({ temperature: 0, seed: 42 });
    expect(b!.options).toMatchObject({ temperature: 0, seed: 43 });
  });

  it('builds the schema per call: the questions of this session (or group), exactly one entry each', async () => {
    standin = await startStandin({ reply: (req) => JSON.stringify(judgeJson(req)) });
    const two = judgedSession({ questions: 2, followUps: 0 });
    const four = judgedSession({ questions: 4, followUps: 0 });
    await evaluateWithLlm(two.db, two.id, role, new OllamaLlm(standin.url, 'mistral'));
    await evaluateWithLlm(four.db, four.id, role, new OllamaLlm(standin.url, 'mistral'));
    const [forTwo, forFour] = judgeRequests(standin);
    expect(requestedQuestionNumbers(forTwo!)).toEqual([1, 2]);
    expect(requestedQuestionNumbers(forFour!)).toEqual([1, 2, 3, 4]);
    expect(forFour!.format).toMatchObject({ properties: { per_answer: { minItems: 4, maxItems: 4 } } });
  });

  it('a hard 10-question session that overflows the window is judged in groups that each fit', async () => {
    // Mistral's trained window is 32k; this model says 8k, as many small models and setups do.
    standin = await startStandin({
      modelInfo: { mistral: { contextLength: 8192 } },
      reply: praisesWhenCut({ score: 3 }),
    });
    const { db, id } = judgedSession({ questions: 10, followUps: 2, difficulty: 'hard' });
    const llm = await tunedClient(standin.url, 10, 2);
    expect(llm.runtime.numCtx).toBe(8192);
    const e = await evaluateWithLlm(db, id, role, llm);
    const requests = judgeRequests(standin);
    expect(requests.length).toBeGreaterThan(1);
    for (const r of requests) {
      const estimated = estimateTokens(r.messages!.map((m) => ({ role: 'user' as const, content: m.content })));
      expect(estimated + (r.options!.num_predict as number)).toBeLessThanOrEqual(r.options!.num_ctx as number);
    }
    // Each question asked once, in order, with its own answers.
    expect(requests.flatMap((r) => requestedQuestionNumbers(r))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const r of requests)
      for (const n of requestedQuestionNumbers(r)) expect(answersByQuestion(r).get(n)).toHaveLength(3);
    expect(standin.truncatedRequests).toBe(0);
    expect(e).toMatchObject({ status: 'ok', overallScore: 50 });
    expect(e.kind === 'ai' && e.perAnswer.map((a) => a.questionNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('sent whole, the same transcript would be cut by the server (what the groups avoid)', async () => {
    standin = await startStandin({
      modelInfo: { mistral: { contextLength: 8192 } },
      reply: praisesWhenCut({ score: 3 }),
    });
    const { db, id } = judgedSession({ questions: 10, followUps: 2, difficulty: 'hard' });
    const questions = sessionQuestions(db, id);
    const plan = planJudging({
      roleTitle: 'Backend Engineer',
      difficulty: 'hard',
      rubric: rubricFor('technical'),
      questions,
      nonce: judgeNonce(id, questions),
      numCtx: 1 << 20,
    });
    if (!plan.ok) throw new Error(plan.problem);
    expect(plan.parts).toHaveLength(1);
    const whole = plan.parts[0]!;
    const llm = await tunedClient(standin.url, 10, 2);
    let done: { doneReason?: string; promptTokens?: number | null } = {};
    for await (const chunk of llm.chat(whole.messages, {
      format: whole.jsonSchema,
      options: { temperature: 0, seed: 42, num_predict: whole.numPredict },
      purpose: 'judge',
    }))
      if (chunk.done) done = { doneReason: chunk.doneReason, promptTokens: chunk.metrics?.promptTokens };
    expect(standin.truncatedRequests).toBe(1);
    expect(done).toEqual({ doneReason: 'length', promptTokens: 8192 });
  });

  it('a question too long for the window on its own: failed with the reason, nothing sent, no score', async () => {
    standin = await startStandin({
      modelInfo: { mistral: { contextLength: 8192 } },
      reply: (req) => JSON.stringify(judgeJson(req)),
    });
    const { db, id } = judgedSession({
      questions: 2,
      followUps: 0,
      answer: (q) => (q === 2 ? 'We sharded by tenant. '.repeat(1200) : undefined),
    });
    const llm = await tunedClient(standin.url, 2, 0);
    expect(llm.runtime.numCtx).toBe(8192);
    const e = await evaluateWithLlm(db, id, role, llm);
    expect(e).toMatchObject({ status: 'failed', overallScore: null, dimensions: [], attempts: 0 });
    expect(e.error).toMatch(/question 2 alone is too long to judge in the model's context window \(about \d+ tokens/);
    expect(e.error).toMatch(/larger context window/);
    expect(judgeRequests(standin)).toHaveLength(0);
    expect(latestEvaluation(db, id)).toEqual(e);
  });

  it('a prompt the server cut (its window smaller than the num_ctx sent) is flagged in the calls log', async () => {
    // An older server that cannot say the model's window: the app assumes 8,192, the model has 2,048.
    standin = await startStandin({
      modelInfo: { mistral: { contextLength: 2048 } },
      reply: praisesWhenCut({ score: 3 }),
    });
    const { db, id } = judgedSession({ questions: 4, followUps: 1 });
    const calls = new CallsLog(db);
    calls.attach(id);
    const llm = new OllamaLlm(standin.url, 'mistral', { calls });
    llm.runtime.numCtx = 8192;
    await evaluateWithLlm(db, id, role, llm);
    expect(standin.truncatedRequests).toBeGreaterThan(0);
    const judged = listLlmCalls(db, id).filter((c) => c.purpose === 'judge');
    expect(judged.length).toBeGreaterThan(0);
    expect(judged.every((c) => c.nearContextLimit && c.promptTokens === 2048)).toBe(true);
  });

  it('a judge call that fits is not flagged', async () => {
    standin = await startStandin({ reply: (req) => JSON.stringify(judgeJson(req)) });
    const { db, id } = judgedSession({ questions: 2, followUps: 1 });
    const calls = new CallsLog(db);
    calls.attach(id);
    const llm = new OllamaLlm(standin.url, 'mistral', { calls });
    await tuneRuntime(llm, { plannedQuestions: 2, followUpsPerQuestion: 1 });
    await evaluateWithLlm(db, id, role, llm);
    const [call] = listLlmCalls(db, id).filter((c) => c.purpose === 'judge');
    expect(call).toMatchObject({ nearContextLimit: false, attempt: 1 });
    expect(call!.promptTokens).toBeGreaterThan(1000);
  });
});

describe('the window a session is given holds its judge', () => {
  it.each([
    { questions: 5, followUps: 1, difficulty: 'medium' as const },
    { questions: 10, followUps: 2, difficulty: 'hard' as const },
  ])('$questions questions, $followUps follow-ups, 150-word answers: one request', (shape) => {
    const { db, id } = judgedSession(shape);
    const questions = sessionQuestions(db, id);
    const numCtx = chooseNumCtx(32768, sessionTokenEstimate(shape.questions, shape.followUps));
    const plan = planJudging({
      roleTitle: 'Backend Engineer',
      difficulty: shape.difficulty,
      rubric: rubricFor('technical'),
      questions,
      nonce: judgeNonce(id, questions),
      numCtx,
    });
    expect(plan.ok && plan.parts.map((p) => p.questions.length)).toEqual([shape.questions]);
  });
});
