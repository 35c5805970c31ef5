import { describe, expect, it } from 'vitest';
import type { AnsweredQuestion } from '../src/core/evaluation/answered-questions.js';
import { guardVerdict, unusableReason, type GuardContext } from '../src/core/evaluation/guards.js';
import type { JudgedAnswer, JudgeVerdict } from '../src/core/evaluation/judge-verdict.js';
import { rubricFor } from '../src/core/evaluation/rubrics.js';
import { overallScore } from '../src/core/evaluation/evaluation-schema.js';

const GOOD_1 = 'We put Redis in front of Postgres as a read-through cache and cut p99 latency from 300 ms to 40 ms.';
const GOOD_2 = 'I added a read replica per region and routed reads by tenant, which halved the primary load.';
const technical = rubricFor('technical');
const behavioral = rubricFor('behavioral');

function question(number: number, answers: string[], text = `Question ${number}: how would you scale reads?`) {
  const q: AnsweredQuestion = {
    number,
    question: text,
    asked: text,
    followUps: [],
    answers,
    skipped: answers.length === 0,
    delivery: [],
  };
  return q;
}

function ctx(questions: AnsweredQuestion[], rubric = technical): GuardContext {
  return { questions, rubric, keywords: [] };
}

/** A judge that praises everything: every grade `score`, each answer quoting its own first words. */
function praise(c: GuardContext, over: Partial<JudgeVerdict> & { score?: number; evidence?: string } = {}) {
  const score = over.score ?? 5;
  const firstWords = (q: AnsweredQuestion) => (q.answers[0] ?? '').split(/\s+/).slice(0, 6).join(' ');
  const verdict: JudgeVerdict = {
    answers: c.questions.map((q): JudgedAnswer => ({
      questionNumber: q.number,
      quote: firstWords(q),
      landed: 'Excellent, complete answer.',
      missing: 'Nothing.',
      score,
      strongerAnswer: 'Keep it up.',
    })),
    dimensions: c.rubric.dimensions.map((d) => ({
      id: d.id,
      evidence: over.evidence ?? firstWords(c.questions[0] ?? question(1, [])),
      score,
    })),
    strengths: ['Excellent communication.'],
    areas: ['Keep going.'],
    detailedFeedback: 'Outstanding.',
  };
  return { ...verdict, ...over };
}

describe('guardVerdict: non-answers', () => {
  const mixed = ctx([
    question(1, [GOOD_1]),
    question(2, [GOOD_2]),
    question(3, ['fine']),
    question(4, ["I'm not sure"]),
  ]);

  it('a mixed transcript praised throughout does not reach 100: non-answers get 1, rubric grades are capped at the answers’ mean', () => {
    const g = guardVerdict(
      praise(mixed, { strengths: ['Excellent, complete answer: "fine".', 'Named a cache.'] }),
      mixed,
    );
    expect(g).not.toBeNull();
    // per answer 5, 5, 1, 1: mean 3, so no rubric grade above 3 -> (3-1)/4 = 50
    expect(g!.perAnswer.map((a) => a.score)).toEqual([5, 5, 1, 1]);
    expect(g!.dimensions.every((d) => d.score === 3 && d.verified === true)).toBe(true);
    expect(g!.overallScore).toBe(50);
    expect(g!.evidenceNote).toMatch(/capped at 3\/5/);
  });

  it('a non-answer gets no praise: "Nothing yet.", no quote, and the judge’s "Nothing." replaced by what was missing', () => {
    const g = guardVerdict(praise(mixed), mixed)!;
    for (const a of g.perAnswer.slice(2)) {
      expect(a).toMatchObject({ score: 1, landed: 'Nothing yet.', quote: '', verified: true });
      expect(a.missing).not.toMatch(/^nothing/i);
    }
    expect(g.perAnswer[0]).toMatchObject({ score: 5, landed: 'Excellent, complete answer.', verified: true });
  });

  it('a strength quoting only a non-answer is dropped', () => {
    const g = guardVerdict(
      praise(mixed, { strengths: ['Excellent, complete answer: "fine".', 'Named a cache.'] }),
      mixed,
    )!;
    expect(g.strengths).toEqual(['Named a cache.']);
  });

  it('a question is a non-answer only if all its answers are: a good follow-up answer keeps the grade', () => {
    const c = ctx([question(1, ['fine', GOOD_2])]);
    const v = praise(c, { score: 4 });
    v.answers[0]!.quote = 'routed reads by tenant';
    const g = guardVerdict(v, c)!;
    expect(g.perAnswer[0]).toMatchObject({ score: 4, quote: 'routed reads by tenant', verified: true });
  });

  it('no substantive answer at all: every dimension 1 (even one the judge left untested), no strengths', () => {
    const c = ctx([question(1, ['fine']), question(2, ["I don't know"])]);
    const v = praise(c, { score: 4, evidence: 'fine' });
    v.dimensions[0]!.score = null;
    const g = guardVerdict(v, c)!;
    expect(g.dimensions.every((d) => d.score === 1)).toBe(true);
    expect(g.strengths).toEqual([]);
    expect(g.overallScore).toBe(0);
  });

  it('all good answers are not capped', () => {
    const c = ctx([question(1, [GOOD_1]), question(2, [GOOD_2])]);
    const g = guardVerdict(praise(c), c)!;
    expect(g.overallScore).toBe(100);
    expect(g.evidenceNote).toBeNull();
  });
});

describe('guardVerdict: verified quotes', () => {
  const good = ctx([question(1, [GOOD_1]), question(2, [GOOD_2])]);

  it('stores the candidate’s span for a re-cased, smart-quoted quote', () => {
    const v = praise(good, { score: 4, evidence: '“WE PUT REDIS IN FRONT OF POSTGRES”' });
    v.answers[1]!.quote = 'routed reads by tenant — which halved';
    const g = guardVerdict(v, good)!;
    expect(g.dimensions[0]).toMatchObject({ evidence: 'We put Redis in front of Postgres', verified: true });
    expect(g.perAnswer[1]).toMatchObject({ quote: 'routed reads by tenant, which halved', verified: true });
  });

  it('a made-up dimension quote: the grade is shown not verified and counts at most 2 in the overall score', () => {
    const v = praise(good, { score: 4 });
    v.dimensions[0] = { id: v.dimensions[0]!.id, evidence: 'I have ten years of Kubernetes experience', score: 4 };
    const g = guardVerdict(v, good)!;
    expect(g.dimensions[0]).toMatchObject({ score: 4, evidence: '', verified: false });
    const n = technical.dimensions.length;
    // every dimension 4; the made-up one counts 2
    expect(g.overallScore).toBe(overallScore([2, ...Array<number>(n - 1).fill(4)]));
    expect(g.overallScore).toBeLessThan(overallScore(Array<number>(n).fill(4)));
  });

  it('a per-answer quote from another question’s answer is not verified, and lowers the support', () => {
    const v = praise(good, { score: 5 });
    v.answers[0]!.quote = 'routed reads by tenant'; // said in answer 2, not 1
    const g = guardVerdict(v, good)!;
    expect(g.perAnswer[0]).toMatchObject({ score: 5, quote: '', verified: false });
    // support: mean(2, 5) = 3.5 -> 4
    expect(g.dimensions.every((d) => d.score === 4)).toBe(true);
  });

  it('a grade of 1 needs no quote', () => {
    const v = praise(good, { score: 1, evidence: '' });
    for (const a of v.answers) a.quote = '';
    const g = guardVerdict(v, good)!;
    expect([...g.dimensions, ...g.perAnswer].every((d) => d.verified === true)).toBe(true);
  });

  it('a dimension quote from a non-answer does not verify it', () => {
    const c = ctx([question(1, [GOOD_1]), question(2, ['I have no idea, sorry'])]);
    const v = praise(c, { score: 3, evidence: 'I have no idea, sorry' });
    const g = guardVerdict(v, c)!;
    expect(g.dimensions.every((d) => d.verified === false)).toBe(true);
  });
});

describe('guardVerdict: strengths and areas', () => {
  const c = ctx([question(1, [GOOD_1]), question(2, ['We cached some things and it was faster, I think, mostly.'])]);
  const withGrades = (strengths: string[], areas: string[]) => {
    const v = praise(c, { score: 4, strengths, areas });
    v.answers[1]!.score = 2;
    v.answers[1]!.quote = 'We cached some things';
    return guardVerdict(v, c)!;
  };

  it('the same quote from a well-graded answer stays a strength only', () => {
    const g = withGrades(
      ['Concrete: “cut p99 latency from 300 ms”.'],
      ['Explain "cut p99 latency from 300 ms to 40 ms" further.'],
    );
    expect(g.strengths).toEqual(['Concrete: “cut p99 latency from 300 ms”.']);
    expect(g.areas).toEqual([]);
  });

  it('the same quote from a weakly graded answer stays an area only', () => {
    const g = withGrades(
      ['Good: "we cached some things".'],
      ['Vague: "We cached some things" says nothing measurable.'],
    );
    expect(g.strengths).toEqual([]);
    expect(g.areas).toEqual(['Vague: "We cached some things" says nothing measurable.']);
  });

  it('the same made-up quote in both stays an area only; the same sentence in both too', () => {
    const made = withGrades(
      ['Said "we scaled to a billion users".', 'Clear.'],
      ['Proof for "we scaled to a billion users".'],
    );
    expect(made.strengths).toEqual(['Clear.']);
    expect(made.areas).toEqual(['Proof for "we scaled to a billion users".']);
    const same = withGrades(['Quantify the impact.'], ['Quantify the impact!']);
    expect(same.strengths).toEqual([]);
    expect(same.areas).toEqual(['Quantify the impact!']);
  });
});

describe('guardVerdict: not tested', () => {
  const good = ctx([question(1, [GOOD_1]), question(2, [GOOD_2])]);

  it('a null dimension stays null and is left out of the overall score', () => {
    const v = praise(good, { score: 4 });
    v.dimensions.find((d) => d.id === 'practical_experience')!.score = null;
    v.dimensions.find((d) => d.id === 'communication')!.score = 2;
    const g = guardVerdict(v, good)!;
    expect(g.dimensions.find((d) => d.id === 'practical_experience')).toMatchObject({ score: null, evidence: '' });
    expect(g.overallScore).toBe(overallScore([4, 4, 2, 4]));
  });

  it('every dimension null is no result: null, so the caller asks again', () => {
    const v = praise(good);
    for (const d of v.dimensions) d.score = null;
    expect(guardVerdict(v, good)).toBeNull();
  });

  it('a missing dimension is no result either', () => {
    const v = praise(good);
    v.dimensions.pop();
    expect(guardVerdict(v, good)).toBeNull();
  });

  it('spread from samples is kept', () => {
    const v = praise(good, { score: 4 });
    v.dimensions[0]!.spread = 2;
    v.answers[0]!.spread = 1;
    const g = guardVerdict(v, good)!;
    expect(g.dimensions[0]!.spread).toBe(2);
    expect(g.perAnswer[0]!.spread).toBe(1);
  });
});

describe('guardVerdict: openers are not graded on STAR', () => {
  const opener = 'Tell me about yourself and what draws you to this role.';
  const intro = 'I am a backend engineer with six years at a payments company, moving into platform work.';
  const story =
    'Last year our deploys failed weekly, so I wrote a rollback runbook and we cut incidents by half within a quarter.';

  it('a session of openers only: STAR is not tested, whatever the judge says', () => {
    const c = ctx([question(1, [intro], opener)], behavioral);
    const g = guardVerdict(praise(c, { score: 4, evidence: 'a backend engineer with six years' }), c)!;
    expect(g.dimensions.find((d) => d.id === 'star_structure')).toMatchObject({ score: null });
    expect(g.dimensions.filter((d) => d.score !== null)).toHaveLength(behavioral.dimensions.length - 1);
  });

  it('with a story question as well: a STAR grade quoting the opener is not verified; quoting the story it is', () => {
    const c = ctx(
      [question(1, [intro], opener), question(2, [story], 'Tell me about a time you fixed a process.')],
      behavioral,
    );
    const fromOpener = guardVerdict(praise(c, { score: 4, evidence: 'a backend engineer with six years' }), c)!;
    expect(fromOpener.dimensions.find((d) => d.id === 'star_structure')).toMatchObject({ score: 4, verified: false });
    expect(fromOpener.dimensions.find((d) => d.id === 'communication')).toMatchObject({ verified: true });
    const fromStory = guardVerdict(praise(c, { score: 4, evidence: 'I wrote a rollback runbook' }), c)!;
    expect(fromStory.dimensions.find((d) => d.id === 'star_structure')).toMatchObject({ score: 4, verified: true });
  });
});

describe('unusableReason: a judgement that is no result says why', () => {
  const good = ctx([question(1, [GOOD_1]), question(2, [GOOD_2])]);

  it('names the missing dimension, the question without feedback, or that nothing was tested', () => {
    const noDimension = praise(good);
    noDimension.dimensions = noDimension.dimensions.filter((d) => d.id !== 'communication');
    expect(unusableReason(noDimension, good)).toMatch(/"communication" has no score/);
    const repeated = praise(good);
    repeated.answers = [repeated.answers[0]!, { ...repeated.answers[0]! }];
    expect(unusableReason(repeated, good)).toMatch(/no entry for question 2/);
    expect(guardVerdict(repeated, good)).toBeNull();
    const untested = praise(good);
    for (const d of untested.dimensions) d.score = null;
    expect(unusableReason(untested, good)).toMatch(/every dimension is null/);
    expect(unusableReason(praise(good), good)).toBeNull();
  });

  it('all null with nothing to grade is still a result: every dimension 1', () => {
    const c = ctx([question(1, ['fine'])]);
    const v = praise(c);
    for (const d of v.dimensions) d.score = null;
    expect(unusableReason(v, c)).toBeNull();
    expect(guardVerdict(v, c)!.dimensions.every((d) => d.score === 1)).toBe(true);
  });

  it('a repeated entry for one question is dropped: the first one stands', () => {
    const v = praise(good, { score: 4 });
    v.answers.push({ ...v.answers[0]!, score: 1, landed: 'Weak.' });
    const g = guardVerdict(v, good)!;
    expect(g.perAnswer.map((a) => [a.questionNumber, a.score])).toEqual([
      [1, 4],
      [2, 4],
    ]);
  });
});
