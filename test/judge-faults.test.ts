import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startStandin, type Standin, type StandinOptions } from './support/ollama-standin.mjs';
import { judgeJson, type JudgeFn } from './support/judge.mjs';
import {
  codeFenced,
  emptyPerAnswer,
  firstCalls,
  gradesAsStrings,
  gradesOutOfRange,
  JUDGE_REASONING,
  praisesWhenCut,
  thinksInField,
  thinksInline,
} from './support/judge-faults.mjs';
import { judgedSession } from './support/judge-sessions.js';
import { OllamaLlm } from '../src/core/llm/ollama-client.js';
import { tuneRuntime } from '../src/core/llm/runtime.js';
import { evaluateWithLlm } from '../src/core/evaluation/ai-evaluation.js';
import { formatEvaluation } from '../src/core/evaluation/format-evaluation.js';
import { findRole } from '../src/core/roles/catalog.js';
import { listLlmCalls } from '../src/db/llm-calls.js';
import { CallsLog } from '../src/app/calls-log.js';
import type { Evaluation } from '../src/model/evaluation.js';

let standin: Standin | undefined;
async function closeStandin() {
  await standin?.close();
  standin = undefined;
}
afterEach(async () => {
  await closeStandin();
});

const role = findRole('backend');

/**
 * Judges a 3-question session (1 follow-up each) with `judge` over real HTTP, the result stored
 * in a real SQLite file; returns what was stored (read back from the file), shown, and logged.
 */
async function judgeWith(judge: JudgeFn, opts: { standin?: StandinOptions; tune?: boolean; samples?: number } = {}) {
  standin = await startStandin({ ...opts.standin, reply: (req, i, ctx) => judge(req, i, ctx) });
  const { db, id } = judgedSession({ questions: 3, followUps: 1 });
  const calls = new CallsLog(db);
  calls.attach(id);
  const llm = new OllamaLlm(standin.url, 'mistral', { calls });
  if (opts.tune !== false) await tuneRuntime(llm, { plannedQuestions: 3, followUpsPerQuestion: 1 });
  const returned = await evaluateWithLlm(db, id, role, llm, { samples: opts.samples });
  const file = db.name;
  const logged = listLlmCalls(db, id).filter((c) => c.purpose === 'judge');
  db.close();
  const reopened = new Database(file, { readonly: true });
  const stored = reopened
    .prepare('SELECT status, overall_score, attempts, error, dimension_scores_json, per_answer_json FROM evaluations')
    .all() as {
    status: string;
    overall_score: number | null;
    attempts: number;
    error: string | null;
    dimension_scores_json: string | null;
    per_answer_json: string | null;
  }[];
  reopened.close();
  return { returned, stored, shown: formatEvaluation(returned, id), logged };
}

const grades = (json: string | null) => (JSON.parse(json ?? '[]') as { score: number | null }[]).map((d) => d.score);
const answerGrades = (e: Evaluation) => (e.kind === 'ai' && e.status === 'ok' ? e.perAnswer.map((a) => a.score) : []);

describe('judges that slip the way local models do', () => {
  it('grades written as strings are read as numbers, first try', async () => {
    const { stored, shown } = await judgeWith(gradesAsStrings({ score: 4 }));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'ok', overall_score: 75, attempts: 1, error: null });
    expect(new Set(grades(stored[0]!.dimension_scores_json))).toEqual(new Set([4]));
    expect(grades(stored[0]!.per_answer_json)).toEqual([4, 4, 4]);
    expect(shown).toMatch(/^Q1 \(4\/5\)\./m);
  });

  it('grades out of range are clamped into 1..5, never taken as they are', async () => {
    const high = await judgeWith(gradesOutOfRange({ answerGrade: 9, dimensionGrade: 7 }));
    expect(high.stored[0]).toMatchObject({ status: 'ok', attempts: 1 });
    expect(new Set(grades(high.stored[0]!.dimension_scores_json))).toEqual(new Set([5]));
    expect(answerGrades(high.returned)).toEqual([5, 5, 5]);
    expect(high.shown).not.toMatch(/[79]\/5/);
    await closeStandin();
    // Low: every grade 0 (the rubric grades are also held to the answers' grades by the guards).
    const low = await judgeWith(gradesOutOfRange({ answerGrade: 0, dimensionGrade: 0 }));
    expect(low.stored[0]).toMatchObject({ status: 'ok', attempts: 1 });
    expect(new Set(grades(low.stored[0]!.dimension_scores_json))).toEqual(new Set([1]));
    expect(answerGrades(low.returned)).toEqual([1, 1, 1]);
    expect(low.shown).toMatch(/^Q3 \(1\/5\)\./m);
    expect(low.shown).not.toMatch(/0\/5/);
  });

  it('JSON in a code fence is read, first try', async () => {
    const { stored } = await judgeWith(codeFenced({ score: 3 }));
    expect(stored[0]).toMatchObject({ status: 'ok', overall_score: 50, attempts: 1 });
  });

  it('<think> reasoning before the JSON is set aside; the calls log keeps the reply as written', async () => {
    const { stored, logged } = await judgeWith(thinksInline({ score: 2 }));
    expect(stored[0]).toMatchObject({ status: 'ok', overall_score: 25, attempts: 1 });
    expect(logged).toHaveLength(1);
    expect(logged[0]!.reply).toMatch(/^<think>The candidate named Redis/);
  });

  it('reasoning in the thinking field (think not turned off) is never read as the reply', async () => {
    const thinker = {
      models: ['mistral:latest'],
      modelInfo: { mistral: { capabilities: ['completion', 'thinking'] } },
    };
    const { stored, logged } = await judgeWith(thinksInField({ score: 4 }), { standin: thinker, tune: false });
    expect(stored[0]).toMatchObject({ status: 'ok', overall_score: 75, attempts: 1 });
    expect(logged[0]!.thinking).toBe(JUDGE_REASONING);
    expect(logged[0]!.reply.startsWith('{')).toBe(true);
  });

  it('an empty per_answer is rejected and asked again', async () => {
    const { stored, logged } = await judgeWith(firstCalls(emptyPerAnswer(), 1, { score: 4 }));
    expect(stored[0]).toMatchObject({ status: 'ok', overall_score: 75, attempts: 2 });
    expect(grades(stored[0]!.per_answer_json)).toEqual([4, 4, 4]);
    expect(logged.map((c) => c.attempt)).toEqual([1, 2]);
    expect(logged[1]!.messages).toContainEqual(
      expect.objectContaining({ content: expect.stringMatching(/could not be used \(.*per_answer/) }),
    );
  });

  it('a judge that always leaves per_answer empty: failed with the reason, no score stored or shown', async () => {
    const { stored, shown } = await judgeWith(emptyPerAnswer());
    expect(stored).toEqual([
      {
        status: 'failed',
        overall_score: null,
        attempts: 3,
        error: expect.stringMatching(/no usable evaluation in 3 attempts \(last problem: .*per_answer/),
        dimension_scores_json: null,
        per_answer_json: null,
      },
    ]);
    expect(shown).toContain('Evaluation failed, no score was given: the judge model gave no usable evaluation');
    expect(shown).not.toMatch(/\d\/5|\/100/);
  });

  it('a small window and a long transcript: judged in groups, nothing cut, every answer graded', async () => {
    standin = await startStandin({
      modelInfo: { mistral: { contextLength: 8192 } },
      reply: praisesWhenCut({ score: 3 }),
    });
    const { db, id } = judgedSession({ questions: 8, followUps: 2, difficulty: 'hard', words: 170 });
    const llm = new OllamaLlm(standin.url, 'mistral');
    await tuneRuntime(llm, { plannedQuestions: 8, followUpsPerQuestion: 2 });
    const e = await evaluateWithLlm(db, id, role, llm);
    expect(standin.chatRequests().filter((r) => r.format).length).toBeGreaterThan(1);
    expect(standin.truncatedRequests).toBe(0);
    expect(e).toMatchObject({ status: 'ok', overallScore: 50, attempts: 1 });
    expect(answerGrades(e)).toEqual([3, 3, 3, 3, 3, 3, 3, 3]);
    const shown = formatEvaluation(e, id);
    for (let q = 1; q <= 8; q++) expect(shown).toMatch(new RegExp(`^Q${q} \\(3/5\\)\\.`, 'm'));
  });
});

describe('samples', () => {
  it('three judgements at a low temperature with distinct fixed seeds: median grades and their spread', async () => {
    const bySample = [2, 4, 3];
    const judge: JudgeFn = (req) => {
      const seed = req.options?.seed as number;
      const k = Math.floor((seed - 42) / 1000);
      return JSON.stringify(judgeJson(req, { score: bySample[k] ?? 1 }));
    };
    const { returned, stored, shown } = await judgeWith(judge, { samples: 3 });
    expect(stored[0]).toMatchObject({ status: 'ok', overall_score: 50, attempts: 1 });
    const requests = standin!.chatRequests().filter((r) => r.format);
    expect(requests.map((r) => [r.options?.temperature, r.options?.seed])).toEqual([
      [0.3, 42],
      [0.3, 1042],
      [0.3, 2042],
    ]);
    if (returned.kind !== 'ai' || returned.status !== 'ok') throw new Error('expected an ok AI evaluation');
    expect(returned.perAnswer.map((a) => [a.score, a.spread])).toEqual([
      [3, 2],
      [3, 2],
      [3, 2],
    ]);
    // The spread is shown with each grade: the judgements disagreed by 2.
    expect(shown).toMatch(/^Q1 \(3\/5, spread 2\)\./m);
    expect(shown).toMatch(/^ {2}Technical depth +3\/5 \(spread 2\)/m);
  });

  it('a sample that fails after its retries is left out; when all fail the evaluation fails', async () => {
    const broken: JudgeFn = (req) =>
      (req.options?.seed as number) >= 1042 && (req.options?.seed as number) < 2042
        ? 'not json'
        : JSON.stringify(judgeJson(req, { score: (req.options?.seed as number) < 1000 ? 2 : 4 }));
    const { stored } = await judgeWith(broken, { samples: 3 });
    // Samples 1 and 3 (grades 2 and 4) count; sample 2 failed 3 times: the lower median of 2 and 4.
    expect(stored[0]).toMatchObject({ status: 'ok', overall_score: 25, attempts: 3 });
    await standin!.close();
    const { stored: none } = await judgeWith(() => 'not json', { samples: 2 });
    expect(none[0]).toMatchObject({ status: 'failed', overall_score: null, attempts: 3 });
    expect(standin!.chatRequests().filter((r) => r.format)).toHaveLength(6);
  });
});
