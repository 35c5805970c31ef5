import type { AnswerFeedback, DimensionScore } from '../../model/evaluation.js';
import type { Rubric } from '../../model/rubric.js';
import { stripControlSequences } from '../../shared/sanitize.js';
import { candidateText, type AnsweredQuestion } from './answered-questions.js';
import { overallScore } from './evaluation-schema.js';
import { answerFacts } from './heuristics.js';
import type { JudgeVerdict } from './judge-verdict.js';

/** Lower-case, unify quotes and collapse whitespace so a quote survives re-spacing by the model. */
function normalize(s: string): string {
  return s
    .toLowerCase()
    .replace(/[‘’`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .replace(/^["'\s.…]+|["'\s.…]+$/g, '')
    .trim();
}

/** Is `quote` really in what the candidate said? Evidence that is not is dropped, never shown. */
export function isVerbatimQuote(quote: string, candidateText: string): boolean {
  const q = normalize(quote);
  return q.length >= 3 && normalize(candidateText).includes(q);
}

export interface EvidenceSummary {
  substantiveAnswers: number;
  answeredQuestions: number;
  note: string | null;
}

/** How much there is to grade: substantive answers, and a note when the evidence is thin. */
export function summarizeEvidence(questions: AnsweredQuestion[], keywords: string[]): EvidenceSummary {
  const substantive = questions.filter((q) => q.answers.some((a) => answerFacts(a, keywords).substantive)).length;
  let note: string | null = null;
  if (substantive === 0)
    note = 'No substantive answers: there was nothing to grade, so every dimension is at the lowest level.';
  else if (substantive === 1)
    note = `Thin evidence: only one substantive answer${questions.length > 1 ? ` out of ${questions.length} questions` : ''}. Treat this evaluation as tentative.`;
  return { substantiveAnswers: substantive, answeredQuestions: questions.length, note };
}

/**
 * Rules a good interviewer would not break, enforced in code rather than hoped for:
 * evidence must be a real quote; no substantive answer means the lowest score and no strengths.
 */
export function applyGuards(
  dimensions: DimensionScore[],
  strengths: string[],
  candidateText: string,
  evidence: EvidenceSummary,
): { dimensions: DimensionScore[]; strengths: string[] } {
  if (evidence.substantiveAnswers === 0) {
    return { dimensions: dimensions.map((d) => ({ ...d, score: 1, evidence: '' })), strengths: [] };
  }
  return {
    dimensions: dimensions.map((d) => (isVerbatimQuote(d.evidence, candidateText) ? d : { ...d, evidence: '' })),
    strengths,
  };
}

/** What is stored of a judgement once the guards have been applied. */
export interface GuardedEvaluation {
  overallScore: number;
  dimensions: DimensionScore[];
  strengths: string[];
  areas: string[];
  perAnswer: AnswerFeedback[];
  detailedFeedback: string;
  evidenceNote: string | null;
}

export interface GuardContext {
  questions: AnsweredQuestion[];
  rubric: Rubric;
  /** The role's keywords (what counts as a substantive answer). */
  keywords: string[];
}

/**
 * A judgement as it may be stored: every dimension of the rubric graded (else null: the caller
 * asks again), the guards applied, text cleaned of control sequences.
 */
export function guardVerdict(verdict: JudgeVerdict, ctx: GuardContext): GuardedEvaluation | null {
  const clean = (s: string) => stripControlSequences(s).trim();
  const evidence = summarizeEvidence(ctx.questions, ctx.keywords);
  const byId = new Map(verdict.dimensions.map((d) => [d.id, d]));
  const graded: DimensionScore[] = [];
  for (const d of ctx.rubric.dimensions) {
    const given = byId.get(d.id);
    if (!given) return null;
    graded.push({ id: d.id, name: d.name, score: given.score, evidence: clean(given.evidence) });
  }
  const guarded = applyGuards(graded, verdict.strengths.map(clean), candidateText(ctx.questions), evidence);
  const known = new Map(ctx.questions.map((q) => [q.number, q.question]));
  // Feedback on a question the candidate never reached is dropped: the judge made it up.
  const perAnswer: AnswerFeedback[] = verdict.answers.flatMap((a) => {
    const question = known.get(a.questionNumber);
    if (question === undefined) return [];
    return [
      {
        questionNumber: a.questionNumber,
        question,
        score: evidence.substantiveAnswers === 0 ? 1 : a.score,
        landed: clean(a.landed),
        missing: clean(a.missing),
        strongerAnswer: clean(a.strongerAnswer),
      },
    ];
  });
  return {
    overallScore: overallScore(guarded.dimensions.map((d) => d.score)),
    dimensions: guarded.dimensions,
    strengths: guarded.strengths,
    areas: verdict.areas.map(clean),
    perAnswer,
    detailedFeedback: clean(verdict.detailedFeedback),
    evidenceNote: evidence.note,
  };
}
