import type { DeliveryMetrics } from './delivery.js';

/**
 * Evaluations: what the AI judge or the offline heuristics concluded about a session.
 */

export interface DimensionScore {
  id: string;
  name: string;
  score: number;
  /** A verbatim quote from the candidate's answers, or '' when none was found. */
  evidence: string;
}

export interface AnswerFeedback {
  questionNumber: number;
  question: string;
  /** 1-5: how well this one answer did (lets `stats` pick the weakest answers to retry). */
  score: number;
  landed: string;
  missing: string;
  strongerAnswer: string;
}

/** One evaluation as the rest of the app sees it. A failed one has no scores at all. */
export interface EvaluationRecord {
  id: number;
  sessionId: string;
  kind: 'ai' | 'heuristic';
  status: 'ok' | 'failed';
  overallScore: number | null;
  dimensions: DimensionScore[];
  strengths: string[];
  areas: string[];
  /** AI: AnswerFeedback[]; heuristic: per-answer facts (see core/evaluation/heuristic-evaluation.ts). */
  perAnswer: unknown[];
  detailedFeedback: string | null;
  evidenceNote: string | null;
  error: string | null;
  model: string | null;
  rubric: string | null;
  attempts: number | null;
  durationMs: number | null;
  createdAt: string;
}

export type NewEvaluation = Omit<EvaluationRecord, 'id' | 'createdAt'>;

export interface FillerCount {
  phrase: string;
  count: number;
}

/** Observable facts about one answer, counted without a model (core/evaluation/heuristics.ts). */
export interface AnswerFacts {
  /** Number of tokens. */
  words: number;
  /** round(words / SPEAKING_WPM * 60). */
  speakingSeconds: number;
  concreteExample: boolean;
  numbers: boolean;
  star: { situation: boolean; task: boolean; action: boolean; result: boolean };
  /** Role keywords the answer covers (keywordsCovered). */
  keywords: string[];
  /** How many distinct role keywords there were to cover. */
  keywordTotal: number;
  fillers: { total: number; per100Words: number; byPhrase: FillerCount[] };
  /**
   * False for: fewer than 4 words ("", "fine", "I don't know"); answers made only of non-answer
   * words ("I have no idea, sorry", "ok ok ok ok ok"); gibberish (under half of the tokens look
   * like words, i.e. have a vowel / digit / non-Latin letter; or 4+ Latin tokens with not one
   * common function word, "asdf qwer zxcv hjkl"); one token making up over half the answer.
   */
  substantive: boolean;
}

/** Heuristic feedback on one question: facts, never a grade. */
export interface HeuristicAnswer {
  questionNumber: number;
  question: string;
  skipped: boolean;
  facts: AnswerFacts;
  /** Spoken answers: delivery measured from the recording. */
  delivery?: DeliveryMetrics[];
}
