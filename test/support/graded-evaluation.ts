import type { AiEvaluation } from '../../src/model/evaluation.js';

/**
 * An AI evaluation with every kind of grade a view must show: a verified grade with its quote,
 * a "not verified" one, one from several samples (a spread), one the questions could not test
 * (null), and per answer a quote, a spread and an unverified grade. Its overall score is what
 * overallScore gives for the tested grades 4, 2, 3: mean 3 -> 50.
 */
export function gradedEvaluation(overrides: Partial<AiEvaluation> = {}): AiEvaluation {
  return {
    id: 7,
    sessionId: '3f9a1c2b-0000-4000-8000-000000000000',
    kind: 'ai',
    status: 'ok',
    overallScore: 50,
    dimensions: [
      { id: 'product_sense', name: 'Product sense', score: 4, evidence: 'busy parents order ahead', verified: true },
      { id: 'prioritisation', name: 'Prioritisation', score: 2, evidence: '', verified: false },
      {
        id: 'analytical_rigour',
        name: 'Analytical rigour and metrics',
        score: 3,
        evidence: 'repeat orders per week',
        verified: true,
        spread: 1,
      },
      { id: 'execution_alignment', name: 'Execution and alignment', score: null, evidence: '', verified: false },
    ],
    strengths: ['Named a specific user.'],
    areas: ['Say what you would not build.'],
    perAnswer: [
      {
        questionNumber: 1,
        question: 'How would you improve the ordering experience of a coffee app?',
        score: 4,
        landed: 'A clear user.',
        missing: 'A metric.',
        strongerAnswer: 'Lead with the busy parents.',
        quote: 'busy parents order ahead',
        verified: true,
        spread: 1,
      },
      {
        questionNumber: 2,
        question: 'Which metric would you track for onboarding?',
        score: 2,
        landed: 'Nothing specific.',
        missing: 'A defined metric.',
        strongerAnswer: 'Name activation.',
        quote: '',
        verified: false,
      },
    ],
    detailedFeedback: 'Good instinct for users; define metrics.',
    evidenceNote: null,
    error: null,
    model: 'mistral',
    host: null,
    rubric: 'product',
    attempts: 1,
    samples: null,
    durationMs: 900,
    createdAt: '2026-11-20T09:03:00.000Z',
    ...overrides,
  };
}
