import { afterEach, describe, expect, it } from 'vitest';
import { startStandin, type ChatRequestBody, type Standin } from './support/ollama-standin.mjs';
import { fencedDocument, isDeriveRequest } from './support/derive-standin.mjs';
import { OllamaLlm } from '../src/core/llm/ollama-client.js';
import { findRole } from '../src/core/roles/catalog.js';
import { planQuestions } from '../src/core/interview/plan.js';
import { groundedPlan, derivedSlots } from '../src/core/grounding/grounded-plan.js';
import { singleQuestionProblem } from '../src/core/grounding/question-checks.js';
import type { GroundingDocument } from '../src/model/grounding.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const role = findRole('backend');
const doc = (kind: 'jd' | 'resume', text: string): GroundingDocument => ({
  kind,
  title: text.split('\n')[0] ?? '',
  text,
  sha256: 'x'.repeat(64),
  format: 'text',
  cut: null,
});
const jd = doc(
  'jd',
  'Senior Backend Engineer, Payments\nYou own a Postgres-backed payments API with strict idempotency.',
);
const resume = doc('resume', 'Jane Doe\nCut p99 latency from 800 ms to 120 ms at Acme by adding a read-through cache.');
const fixed = () => 0.5;

const GOOD_JD =
  'Our payments API runs on Postgres: how would you design idempotency keys so a retried charge is never applied twice?';
const GOOD_CV = 'Your résumé says you cut p99 latency from 800 ms to 120 ms at Acme: how did you find the bottleneck?';
const TWO_QUESTIONS = 'Tell me about the read-through cache you added at Acme. What would you change about it today?';
const OFF_ROLE = 'What is your favourite pasta recipe and why?';
const REWORDED_JD =
  'Our payments API runs on Postgres: how would you design the idempotency keys so a retried charge is never applied twice?';

const derivedReply = (questions: { source: string; skill: string; text: string }[]) =>
  JSON.stringify({
    requirements: ['Postgres-backed payments API', 'idempotency'],
    claims: ['Cut p99 latency from 800 ms to 120 ms at Acme'],
    questions,
  });

describe('questions derived from a job description and a résumé', () => {
  it('keeps one question each, drops several questions, off-role ones and repeats, and mixes the rest with the pool', async () => {
    standin = await startStandin({
      reply: () =>
        derivedReply([
          { source: 'jd', skill: 'API design', text: GOOD_JD },
          { source: 'resume', skill: 'caching', text: TWO_QUESTIONS },
          { source: 'resume', skill: 'caching', text: OFF_ROLE },
          { source: 'jd', skill: 'API design', text: REWORDED_JD },
          { source: 'resume', skill: 'performance tuning', text: GOOD_CV },
        ]),
    });
    const result = await groundedPlan(new OllamaLlm(standin.url, 'mistral'), {
      role,
      difficulty: 'medium',
      questions: 6,
      jd,
      resume,
      random: fixed,
    });
    const bank = planQuestions(role, 'medium', 6, fixed);
    // 3 slots of 6: two derived questions passed, so four come from the pool, alternating after a pool warm-up.
    expect(result.plan.map((q) => q.text)).toEqual([
      bank[0]?.text,
      GOOD_JD,
      bank[1]?.text,
      GOOD_CV,
      bank[2]?.text,
      bank[3]?.text,
    ]);
    expect(result.plan[1]).toEqual({ text: GOOD_JD, difficulty: 'medium', topics: ['API design'], source: 'jd' });
    expect(result.plan[3]?.source).toBe('resume');
    expect(result.facts).toEqual({
      requirements: ['Postgres-backed payments API', 'idempotency'],
      claims: ['Cut p99 latency from 800 ms to 120 ms at Acme'],
    });
    expect(result.notices).toEqual([
      `Left out 3 of the questions derived from the job description and résumé: "${TWO_QUESTIONS}" asks more than one question; "${OFF_ROLE}" shares no subject word with the role's topics; "${REWORDED_JD}" repeats "${GOOD_JD}".`,
      '2 of 3 planned questions come from the job description and résumé; the question bank gives the rest.',
    ]);

    // One request, with both documents fenced as data and the schema as `format`.
    const requests = standin.chatRequests();
    expect(requests).toHaveLength(1);
    const request = requests[0] as ChatRequestBody;
    expect(isDeriveRequest(request)).toBe(true);
    expect(fencedDocument(request, 'JOB-DESCRIPTION')).toBe(jd.text);
    expect(fencedDocument(request, 'RESUME')).toBe(resume.text);
    expect(request.options).toMatchObject({ temperature: 0, seed: 42 });
  });

  it('a question that repeats one planned from the pool is left out', async () => {
    const bank = planQuestions(role, 'medium', 2, fixed);
    standin = await startStandin({
      reply: () => derivedReply([{ source: 'jd', skill: 'API design', text: bank[1]?.text ?? '' }]),
    });
    const result = await groundedPlan(new OllamaLlm(standin.url, 'mistral'), {
      role,
      difficulty: 'medium',
      questions: 2,
      jd,
      resume: null,
      random: fixed,
    });
    expect(result.plan.map((q) => q.text)).toEqual(bank.map((q) => q.text));
    expect(result.notices[0]).toMatch(/repeats a planned question\.$/);
  });

  it('a reply outside the schema (a skill the role does not have) falls back to the pool and says why', async () => {
    standin = await startStandin({ reply: () => derivedReply([{ source: 'jd', skill: 'cooking', text: GOOD_JD }]) });
    const result = await groundedPlan(new OllamaLlm(standin.url, 'mistral'), {
      role,
      difficulty: 'medium',
      questions: 3,
      jd,
      resume: null,
      random: fixed,
    });
    expect(result.plan).toEqual(planQuestions(role, 'medium', 3, fixed));
    expect(result.facts).toBeNull();
    expect(result.notices).toEqual([
      expect.stringMatching(
        /^Could not derive questions from the job description \(the reply could not be used: .*skill.*\); asking questions from the question bank\.$/,
      ),
    ]);
  });

  it('a reply that is not JSON, and a host that is gone, fall back to the pool', async () => {
    standin = await startStandin({ reply: () => 'Sure! Here are some questions: 1. What is Postgres?' });
    const notJson = await groundedPlan(new OllamaLlm(standin.url, 'mistral'), {
      role,
      difficulty: 'easy',
      questions: 2,
      jd: null,
      resume,
      random: fixed,
    });
    expect(notJson.plan).toEqual(planQuestions(role, 'easy', 2, fixed));
    expect(notJson.notices[0]).toMatch(
      /^Could not derive questions from the résumé \(the reply could not be used: it was not valid JSON\)/,
    );
    const gone = await groundedPlan(new OllamaLlm('http://127.0.0.1:9', 'mistral'), {
      role,
      difficulty: 'easy',
      questions: 2,
      jd: null,
      resume,
      random: fixed,
    });
    expect(gone.plan).toEqual(planQuestions(role, 'easy', 2, fixed));
    expect(gone.notices[0]).toMatch(
      /^Could not derive questions from the résumé \(.+\); asking questions from the question bank\.$/,
    );
  });

  it('without a model the pool is used, and the notice says the documents are kept but not used', async () => {
    const result = await groundedPlan(null, { role, difficulty: 'medium', questions: 2, jd, resume, random: fixed });
    expect(result.plan).toEqual(planQuestions(role, 'medium', 2, fixed));
    expect(result.notices).toEqual([
      'No model: the questions come from the question bank; the job description and résumé are kept with the session but not used.',
    ]);
  });

  it('half the questions may be derived, at least one', () => {
    expect([1, 2, 3, 5, 20].map(derivedSlots)).toEqual([1, 1, 1, 2, 10]);
  });
});

describe('singleQuestionProblem: the reply checks, applied to one derived question', () => {
  it.each([
    ['How would you shard the orders table?', null],
    ['You led the Postgres migration at Acme. How did you plan the cut-over?', null],
    ['Walk me through how you would cache the product catalogue.', null],
    ['How would you shard it? And how would you rebalance?', 'asks more than one question'],
    ['Postgres is a relational database.', 'is not a question'],
    ['Interviewer: how would you shard the orders table?', expect.stringMatching(/^is not usable as one question/)],
  ])('%s', (text, problem) => {
    expect(singleQuestionProblem(text)).toEqual(problem);
  });
});
