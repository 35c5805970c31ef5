import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from './support/ollama-standin.mjs';
import { nothingTestedJudge, scriptedVerdict, type VerdictScript } from './support/judge-verdicts.mjs';
import { openDatabase, type Db } from '../src/db/open.js';
import { createSession } from '../src/db/sessions.js';
import { appendTurn } from '../src/db/transcripts.js';
import { latestEvaluation } from '../src/db/evaluations.js';
import { OllamaLlm } from '../src/core/llm/ollama-client.js';
import { evaluateWithLlm } from '../src/core/evaluation/ai-evaluation.js';
import { formatEvaluation } from '../src/core/evaluation/format-evaluation.js';
import { findRole } from '../src/core/roles/catalog.js';
import type { AiEvaluation, Evaluation } from '../src/model/evaluation.js';
import { at } from './support/at.js';

// The guards end to end: a judge stand-in over real HTTP, the evaluation stored in a real SQLite
// file and read back, then shown as text.

let standin: Standin | undefined;
const opened: Db[] = [];
afterEach(async () => {
  await standin?.close();
  standin = undefined;
  opened.splice(0).forEach((db) => db.close());
});

const CACHE =
  "We put Redis in front of Postgres as a read-through cache, and I didn't stop there: p99 latency fell from 300 ms to 40 ms.";
const REPLICA = 'I added a read replica per region and routed reads by tenant, which halved the load on the primary.';

/** A session in a fresh SQLite file: each question asked from the plan, then the candidate's answers to it. */
function session(roleId: string, questions: { text: string; answers: string[] }[]): { db: Db; id: string } {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'ic-guards-')), 'interview-coach.db'));
  opened.push(db);
  const id = createSession(db, {
    roleId,
    roleTitle: roleId,
    difficulty: 'medium',
    plan: questions.map((q) => ({ text: q.text, difficulty: 'medium', topics: [] })),
    model: 'mistral',
    host: null,
    inputMode: 'text',
    interviewer: 'ollama',
    offlineReason: null,
  });
  questions.forEach((q, i) => {
    appendTurn(db, id, { speaker: 'interviewer', kind: 'question', questionNumber: i + 1, content: q.text });
    for (const a of q.answers)
      appendTurn(db, id, { speaker: 'candidate', kind: 'answer', questionNumber: i + 1, content: a });
  });
  return { db, id };
}

/** The mixed transcript: two real answers, "fine" and "I'm not sure". */
const MIXED = [
  { text: 'How would you cut read latency on a busy Postgres database?', answers: [CACHE] },
  { text: 'How would you scale reads across regions?', answers: [REPLICA] },
  { text: 'How do you make an API call idempotent?', answers: ['fine'] },
  { text: 'What happens when a cache node fails?', answers: ["I'm not sure"] },
];

async function judged(roleId: string, questions: typeof MIXED, script: VerdictScript) {
  standin = await startStandin({ reply: scriptedVerdict(script) });
  const { db, id } = session(roleId, questions);
  const e = await evaluateWithLlm(db, id, findRole(roleId), new OllamaLlm(standin.url, 'mistral'));
  return { e: ai(e), stored: latestEvaluation(db, id), shown: formatEvaluation(e, id) };
}

function ai(e: Evaluation): AiEvaluation {
  if (e.kind !== 'ai' || e.status !== 'ok') throw new Error(`expected an AI evaluation, got ${e.status}: ${e.error}`);
  return e;
}

describe('a judge that praises a mixed transcript', () => {
  const praise: VerdictScript = {
    score: 5,
    answers: {
      1: { quote: 'put Redis in front of Postgres' },
      2: { quote: 'routed reads by tenant' },
      3: { quote: 'fine', landed: 'Excellent, complete answer.' },
      4: { quote: "I'm not sure", landed: 'Honest and clear.' },
    },
    evidence: 'p99 latency fell from 300 ms to 40 ms',
    strengths: [
      'Excellent, complete answer: "fine".',
      'Quantified the result: "p99 latency fell from 300 ms to 40 ms".',
    ],
  };

  it('no longer gets 100/100: the non-answers get 1 and no praise, the rubric grades are capped at 3 (50/100)', async () => {
    const { e, stored, shown } = await judged('backend', MIXED, praise);
    // per answer 5, 5, 1, 1 -> mean 3 -> every rubric grade at most 3 -> (3 - 1) / 4 = 50/100
    expect(e.overallScore).toBe(50);
    expect(e.perAnswer.map((a) => [a.score, a.landed])).toEqual([
      [5, 'Excellent, complete answer.'],
      [5, 'Excellent, complete answer.'],
      [1, 'Nothing yet.'],
      [1, 'Nothing yet.'],
    ]);
    expect(e.dimensions.map((d) => d.score)).toEqual(e.dimensions.map(() => 3));
    expect(e.strengths).toEqual(['Quantified the result: "p99 latency fell from 300 ms to 40 ms".']);
    expect(stored).toEqual(e);
    expect(shown).toContain('Overall: 50/100');
    expect(shown).not.toMatch(/Excellent, complete answer: "fine"/);
    expect(shown).toMatch(/Q3 \(1\/5\)[^\n]*\n {3}What landed: Nothing yet\./);
  });

  it('with every answer real, the same judge still gets its 100', async () => {
    const good = [at(MIXED, 0), at(MIXED, 1)];
    const { e } = await judged('backend', good, praise);
    expect(e.overallScore).toBe(100);
  });
});

describe('quotes as real models write them', () => {
  it('re-cased, smart-quoted, re-punctuated and "first … last" quotes are stored as the candidate’s own words', async () => {
    const { e, stored } = await judged('backend', [at(MIXED, 0), at(MIXED, 1)], {
      score: 4,
      answers: {
        1: { quote: '“We put redis in front of postgres as a read through cache”' },
        2: { quote: 'I added a read replica … halved the load on the primary' },
      },
      dimensions: {
        technical_depth: { evidence: 'i didn’t stop there. P99 latency fell from 300ms' },
        communication: { evidence: 'ROUTED READS BY TENANT, WHICH HALVED THE LOAD' },
      },
      evidence: 'put Redis in front of Postgres...p99 latency fell',
    });
    expect(e.perAnswer.map((a) => [a.quote, a.verified])).toEqual([
      ['We put Redis in front of Postgres as a read-through cache', true],
      ['I added a read replica … halved the load on the primary', true],
    ]);
    const byId = new Map(e.dimensions.map((d) => [d.id, d]));
    // "300ms" is one word to us and two ("300 ms") in the answer: not the candidate's words
    expect(byId.get('technical_depth')).toMatchObject({ evidence: '', verified: false });
    expect(byId.get('communication')).toMatchObject({
      evidence: 'routed reads by tenant, which halved the load',
      verified: true,
    });
    expect(byId.get('problem_solving')).toMatchObject({
      evidence: 'put Redis in front of Postgres … p99 latency fell',
      verified: true,
    });
    expect(stored).toEqual(e);
  });

  it('a made-up quote: its grade is stored as not verified and does not lift the overall score', async () => {
    const script: VerdictScript = {
      score: 4,
      answers: { 1: { quote: 'put Redis in front of Postgres' }, 2: { quote: 'routed reads by tenant' } },
      evidence: 'put Redis in front of Postgres',
    };
    const honest = await judged('backend', [at(MIXED, 0), at(MIXED, 1)], script);
    await standin?.close();
    const madeUp = await judged('backend', [at(MIXED, 0), at(MIXED, 1)], {
      ...script,
      dimensions: { technical_depth: { evidence: 'I have ten years of Kubernetes experience', score: 4 } },
    });
    expect(honest.e.overallScore).toBe(75); // five 4s
    const made = madeUp.e.dimensions.find((d) => d.id === 'technical_depth');
    expect(made).toMatchObject({ score: 4, evidence: '', verified: false });
    // four verified 4s and one unverified 4 counted as 2: mean 3.6 -> 65
    expect(madeUp.e.overallScore).toBe(65);
    expect(madeUp.stored).toEqual(madeUp.e);
  });

  it('the same quote offered as a strength and as an area to improve is kept in one place only', async () => {
    const { e } = await judged('backend', [at(MIXED, 0), at(MIXED, 1)], {
      score: 4,
      answers: {
        1: { quote: 'put Redis in front of Postgres', score: 4 },
        2: { quote: 'routed reads by tenant', score: 2 },
      },
      evidence: 'put Redis in front of Postgres',
      strengths: ['Concrete result: “p99 latency fell from 300 ms to 40 ms”.', 'Good: "routed reads by tenant".'],
      areas: ['Explain how "p99 latency fell from 300 ms to 40 ms" was measured.', 'Vague: "routed reads by tenant".'],
    });
    // the latency quote is from an answer graded 4: a strength; the tenant quote from one graded 2: an area
    expect(e.strengths).toEqual(['Concrete result: “p99 latency fell from 300 ms to 40 ms”.']);
    expect(e.areas).toEqual(['Vague: "routed reads by tenant".']);
  });
});

describe('not tested', () => {
  it('a judge that says nothing could be tested gives no result: retried, then failed with no score', async () => {
    standin = await startStandin({ reply: nothingTestedJudge() });
    const { db, id } = session('backend', [at(MIXED, 0), at(MIXED, 1)]);
    const e = await evaluateWithLlm(db, id, findRole('backend'), new OllamaLlm(standin.url, 'mistral'));
    expect(e).toMatchObject({ status: 'failed', overallScore: null, dimensions: [] });
    expect(standin.chatRequests()).toHaveLength(3);
    expect(latestEvaluation(db, id)).toMatchObject({ status: 'failed', overallScore: null });
  });

  it('one dimension not tested is stored as null and left out of the score', async () => {
    const { e, stored } = await judged('backend', [at(MIXED, 0), at(MIXED, 1)], {
      score: 4,
      answers: { 1: { quote: 'put Redis in front of Postgres' }, 2: { quote: 'routed reads by tenant' } },
      evidence: 'put Redis in front of Postgres',
      dimensions: { practical_experience: { score: null, evidence: '' }, communication: { score: 2 } },
    });
    expect(e.dimensions.find((d) => d.id === 'practical_experience')?.score).toBeNull();
    // 4, 4, 2, 4 over the four tested dimensions: mean 3.5 -> 63 (rounded from 62.5)
    expect(e.overallScore).toBe(63);
    expect(stored).toEqual(e);
  });

  it('an opener is not graded on STAR: the judge is told, and a STAR grade on an opener alone is not tested', async () => {
    const opener = {
      text: 'Tell me about yourself and what draws you to this role.',
      answers: ['I am a backend engineer with six years at a payments company, and I want to grow into platform work.'],
    };
    const { e } = await judged('behavioral', [opener], {
      score: 4,
      answers: { 1: { quote: 'a backend engineer with six years' } },
      evidence: 'a backend engineer with six years',
    });
    const system = at(standin!.chatRequests(), 0).messages?.find((m) => m.role === 'system')?.content ?? '';
    expect(system).toMatch(/Question 1 is an opener[\s\S]*star_structure is null/);
    expect(e.dimensions.find((d) => d.id === 'star_structure')).toMatchObject({ score: null, evidence: '' });
    expect(e.dimensions.find((d) => d.id === 'communication')).toMatchObject({ score: 4, verified: true });
  });
});
