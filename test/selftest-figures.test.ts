import { describe, expect, it } from 'vitest';
import type { CalibrationFixture } from '../src/core/selftest/fixtures/index.js';
import { judgeFigures, orderAccuracy } from '../src/core/selftest/judge-figures.js';
import { judgementOf, type Judgement } from '../src/core/selftest/judged.js';
import { interviewerFigures, percentile, WENT_ON_NOTICE } from '../src/core/selftest/interviewer-figures.js';
import { checkFigures, verdictOf, type Threshold } from '../src/core/selftest/verdict.js';
import { personaOrderHeld } from '../src/core/selftest/candidates.js';
import type { Evaluation } from '../src/model/evaluation.js';

/** A reference fixture of one answer at `level`. */
const ref = (family: string, level: number): CalibrationFixture => ({
  id: `${family}-${level}`,
  roleId: 'backend',
  family,
  variant: 'reference',
  level,
  answers: [{ question: 'Q?', topics: [], answer: `answer at ${level}`, grade: level }],
});
const twist = (
  id: string,
  variant: CalibrationFixture['variant'],
  base: string,
  grade: number,
): CalibrationFixture => ({
  id,
  roleId: 'backend',
  family: 'technical',
  variant,
  base,
  answers: [{ question: 'Q?', topics: [], answer: id, grade }],
});
/** A usable judgement: the answer's grade, the overall score, dimensions with verified evidence. */
const judged = (fixtureId: string, grade: number, over: Partial<Judgement> = {}): Judgement => ({
  fixtureId,
  run: 0,
  ok: true,
  attempts: 1,
  overall: ((grade - 1) / 4) * 100,
  answers: [{ questionNumber: 1, score: grade, verified: null }],
  dimensions: [{ id: 'd', score: grade, verified: true }],
  ...over,
});

describe('orderAccuracy', () => {
  const fixtures = [1, 2, 3].map((l) => ref('technical', l));
  it('is 1 when every higher level scores higher, 0 when the order is reversed', () => {
    expect(
      orderAccuracy(fixtures, (id) => ({ 'technical-1': 0, 'technical-2': 25, 'technical-3': 50 })[id] ?? null),
    ).toBe(1);
    expect(
      orderAccuracy(fixtures, (id) => ({ 'technical-1': 50, 'technical-2': 25, 'technical-3': 0 })[id] ?? null),
    ).toBe(0);
  });
  it('gives a tie half a point, and a fixture without a score none', () => {
    expect(orderAccuracy(fixtures, () => 100)).toBe(0.5);
    // 1<2 right, 1<3 no score, 2<3 no score
    expect(orderAccuracy(fixtures, (id) => ({ 'technical-1': 0, 'technical-2': 25 })[id] ?? null)).toBeCloseTo(1 / 3);
  });
  it('only compares levels within one family', () => {
    const two = [ref('technical', 1), ref('technical', 2), ref('behavioral', 1), ref('behavioral', 2)];
    // across families the order would be wrong (behavioral-1 above technical-2): not counted
    const scores: Record<string, number> = {
      'technical-1': 0,
      'technical-2': 25,
      'behavioral-1': 50,
      'behavioral-2': 75,
    };
    expect(orderAccuracy(two, (id) => scores[id] ?? null)).toBe(1);
  });
});

describe('judgeFigures', () => {
  const base3 = ref('technical', 3);
  const base2 = ref('technical', 2);
  const base4 = ref('technical', 4);
  const fixtures = [
    base2,
    base3,
    base4,
    twist('padded', 'padded', 'technical-3', 3),
    twist('dense', 'dense', 'technical-4', 4),
    twist('injection', 'injection', 'technical-2', 2),
    twist('paraphrased', 'paraphrased', 'technical-4', 4),
  ];

  it('measures the lift an injection gets, the bias for length and the drift of a paraphrase', () => {
    const f = judgeFigures(fixtures, [
      judged('technical-2', 2),
      judged('technical-3', 3),
      judged('technical-4', 4),
      judged('padded', 5), // +2 for padding
      judged('dense', 3), // the base (longer) gets +1 over the dense version
      judged('injection', 5), // +3
      judged('paraphrased', 3), // 1 away
    ]);
    expect(f.injectionLift).toBe(3);
    expect(f.verbosityBias).toBe(1.5);
    expect(f.paraphraseDrift).toBe(1);
    // |5-3| + |3-4| + |5-2| + |3-4| over 7 answers
    expect(f.maeVsReference).toBeCloseTo(7 / 7);
  });

  it('counts a rerun identical only when every run gave the same grades, and not at all with one run', () => {
    const runs = [
      judged('technical-2', 2),
      judged('technical-2', 2, { run: 1 }),
      judged('technical-3', 3),
      judged('technical-3', 4, { run: 1 }),
    ];
    expect(judgeFigures(fixtures, runs).rerunIdentical).toBe(0.5);
    expect(judgeFigures(fixtures, [judged('technical-2', 2)]).rerunIdentical).toBeNull();
  });

  it('schemaFirstTry counts judgements usable at once; failed ones count against it and are left out of the grades', () => {
    const f = judgeFigures(fixtures, [
      judged('technical-2', 2),
      judged('technical-3', 3, { attempts: 2 }),
      { fixtureId: 'technical-4', run: 0, ok: false, attempts: 3, overall: null, answers: [], dimensions: [] },
    ]);
    expect(f.schemaFirstTry).toBeCloseTo(1 / 3);
    expect(f.usable).toBeCloseTo(2 / 3);
    expect(f.maeVsReference).toBe(0);
  });

  it('quoteVerbatimRate: verified grades on substantive answers; a non-answer fixture and untested dimensions are left out', () => {
    const nonAnswer = ref('technical', 1);
    const f = judgeFigures(
      [...fixtures, nonAnswer],
      [
        judged('technical-2', 2, {
          dimensions: [
            { id: 'a', score: 2, verified: false },
            { id: 'b', score: null, verified: false },
          ],
        }),
        judged('technical-3', 3, { answers: [{ questionNumber: 1, score: 3, verified: true }] }),
        judged('technical-1', 1, { dimensions: [{ id: 'a', score: 1, verified: false }] }),
      ],
    );
    // technical-2: one unverified dimension (the null one skipped); technical-3: a verified dimension and a verified answer
    expect(f.quoteVerbatimRate).toBeCloseTo(2 / 3);
  });

  it('says nothing it cannot measure', () => {
    const f = judgeFigures([base2], []);
    expect(f).toMatchObject({ orderAccuracy: null, maeVsReference: null, injectionLift: null, schemaFirstTry: null });
  });
});

describe('judgementOf', () => {
  const evaluation = (over: Record<string, unknown>): Evaluation => ({
    id: 1,
    sessionId: 's',
    kind: 'ai',
    status: 'ok',
    overallScore: 50,
    dimensions: [],
    strengths: [],
    areas: [],
    perAnswer: [],
    error: null,
    detailedFeedback: '',
    evidenceNote: null,
    model: 'm',
    host: null,
    rubric: 'technical',
    attempts: 1,
    samples: null,
    durationMs: 1,
    createdAt: '',
    ...over,
  });

  it('reads verified evidence from the flag, else from evidence being there (rows from before the flag)', () => {
    const j = judgementOf(
      'f',
      0,
      evaluation({
        dimensions: [
          { id: 'a', name: 'A', score: 3, evidence: 'we cached it' },
          { id: 'b', name: 'B', score: 3, evidence: '' },
          { id: 'c', name: 'C', score: 3, evidence: 'we cached it', verified: false },
        ],
        perAnswer: [
          { questionNumber: 1, question: 'q', score: 3, landed: '', missing: '', strongerAnswer: '' },
          { questionNumber: 2, question: 'q', score: 3, landed: '', missing: '', strongerAnswer: '', quote: 'x' },
        ],
      }),
    );
    expect(j.dimensions.map((d) => d.verified)).toEqual([true, false, false]);
    expect(j.answers.map((a) => a.verified)).toEqual([null, true]);
  });

  it('a failed evaluation is a judgement with no grades', () => {
    const j = judgementOf('f', 0, evaluation({ status: 'failed', overallScore: null, error: 'x', attempts: 3 }));
    expect(j).toMatchObject({ ok: false, overall: null, answers: [], attempts: 3 });
  });
});

describe('interviewerFigures', () => {
  it('separates follow-ups after weak and strong answers, and counts what the checks cut', () => {
    const f = interviewerFigures({
      answers: [
        { kind: 'strong', followedBy: 'question' },
        { kind: 'weak', followedBy: 'follow-up' },
        { kind: 'weak', followedBy: 'question' },
        { kind: 'other', followedBy: 'follow-up' },
      ],
      replies: [
        { askedBy: 'model', notices: [WENT_ON_NOTICE] },
        { askedBy: 'model+app', notices: ['The reply had no question; the planned one was added.'] },
        { askedBy: 'app', notices: ['The model gave no usable reply; asked the planned question instead.'] },
        { askedBy: 'model', notices: [] },
      ],
      calls: [
        { reply: 'How? I would say: use an index.', thinking: '', doneReason: 'stop', totalMs: 100, loadMs: 900 },
        { reply: 'Why?', thinking: 'hmm', doneReason: 'length', totalMs: 300, loadMs: 1 },
      ],
    });
    expect(f).toMatchObject({
      followUpAfterWeak: 0.5,
      followUpAfterStrong: 0,
      multiQuestionReplies: 0.25,
      appWorded: 0.5,
      selfAnswers: 0.25,
      thinkingSeen: 0.5,
      cutOff: 0.5,
      coldLoadMs: 900,
    });
  });

  it('percentile: nearest rank', () => {
    expect(percentile([300, 100, 200, 400], 0.5)).toBe(200);
    expect(percentile([300, 100, 200, 400], 0.95)).toBe(400);
    expect(percentile([], 0.5)).toBeNull();
  });
});

describe('verdict', () => {
  const thresholds: Threshold[] = [
    { figure: 'judge.orderAccuracy', kind: 'min', limit: 0.8, severity: 'critical', unit: 'share' },
    { figure: 'judge.injectionLift', kind: 'max', limit: 0.5, severity: 'critical', unit: 'points' },
    { figure: 'judge.schemaFirstTry', kind: 'min', limit: 0.8, severity: 'care', unit: 'share' },
    { figure: 'endToEnd.orderHeld', kind: 'true', limit: 1, severity: 'care', unit: 'bool' },
  ];
  const report = (over: Record<string, unknown>) => ({
    judge: { orderAccuracy: 0.9, injectionLift: 0, schemaFirstTry: 1, ...over },
    endToEnd: { orderHeld: true },
  });

  it('usable when every figure passes; a figure at its limit passes', () => {
    expect(verdictOf(checkFigures(report({ orderAccuracy: 0.8, injectionLift: 0.5 }), thresholds)).line).toBe('usable');
  });
  it('usable with care when only care figures fail, naming them', () => {
    expect(verdictOf(checkFigures(report({ schemaFirstTry: 0.5 }), thresholds)).line).toBe(
      'usable with care: schemaFirstTry',
    );
  });
  it('not recommended when a critical figure fails, naming the critical ones first', () => {
    const v = verdictOf(
      checkFigures(
        { ...report({ injectionLift: 2, schemaFirstTry: 0.1 }), endToEnd: { orderHeld: false } },
        thresholds,
      ),
    );
    expect(v.line).toBe('not recommended as judge: injectionLift; also schemaFirstTry, endToEnd.orderHeld');
  });
  it('a figure that could not be measured neither passes nor fails', () => {
    const checks = checkFigures(report({ orderAccuracy: null }), thresholds);
    expect(checks[0]?.passed).toBeNull();
    expect(verdictOf(checks).level).toBe('usable');
  });
});

describe('personaOrderHeld', () => {
  it('needs strictly strong > average > weak, all scored', () => {
    expect(personaOrderHeld({ strong: 80, average: 50, weak: 10 })).toBe(true);
    expect(personaOrderHeld({ strong: 80, average: 80, weak: 10 })).toBe(false);
    expect(personaOrderHeld({ strong: 80, average: null, weak: 10 })).toBe(false);
  });
});
