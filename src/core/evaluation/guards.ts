import type { DimensionScore } from '../../model/evaluation.js';
import type { AnsweredQuestion } from './answered-questions.js';
import { answerFacts } from './heuristics.js';

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
