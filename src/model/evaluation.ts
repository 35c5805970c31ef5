import { z } from 'zod';
import { DeliveryMetrics } from './delivery.js';

/**
 * Evaluations: what the AI judge or the offline heuristics concluded about a session. The parts
 * stored as JSON are zod schemas (db/evaluations.ts checks them on read); the evaluation itself
 * is a union, so a score exists only where an AI evaluation succeeded.
 */

export const DimensionScore = z.object({
  id: z.string(),
  name: z.string(),
  /** 1-5; null when the session's questions could not test this dimension ("not tested", left out of the mean). */
  score: z.number().nullable(),
  /** The candidate's own words that support the grade (their span, not the model's version), or ''. */
  evidence: z.string(),
  /**
   * False when no quote from the candidate's answers supports the grade ("not verified"): such a
   * grade is shown but cannot lift the overall score (see overallScore). Absent in rows written
   * before 0.2, read as: verified when there is evidence.
   */
  verified: z.boolean().optional(),
  /** With `--samples N`: max - min of the N judgements' grades (the median is `score`). */
  spread: z.number().optional(),
});
export type DimensionScore = z.infer<typeof DimensionScore>;

/** DimensionScore.verified as documented above: as stored, else (rows before 0.2) verified when there is evidence. */
export function dimensionVerified(d: Pick<DimensionScore, 'verified' | 'evidence'>): boolean {
  return d.verified ?? d.evidence.trim() !== '';
}

export const AnswerFeedback = z.object({
  questionNumber: z.number(),
  question: z.string(),
  /** 1-5: how well this one answer did (lets `stats` pick the weakest answers to retry). */
  score: z.number(),
  landed: z.string(),
  missing: z.string(),
  strongerAnswer: z.string(),
  /** The candidate's own words the grade rests on (their span, after matching the judge's quote), or ''. Absent before 0.2. */
  quote: z.string().optional(),
  /** As DimensionScore.verified. */
  verified: z.boolean().optional(),
  /** As DimensionScore.spread. */
  spread: z.number().optional(),
});
export type AnswerFeedback = z.infer<typeof AnswerFeedback>;

export const FillerCount = z.object({ phrase: z.string(), count: z.number() });
export type FillerCount = z.infer<typeof FillerCount>;

/** Observable facts about one answer, counted without a model (core/evaluation/heuristics.ts). */
export const AnswerFacts = z.object({
  /** Number of tokens. */
  words: z.number(),
  /** round(words / SPEAKING_WPM * 60). */
  speakingSeconds: z.number(),
  concreteExample: z.boolean(),
  numbers: z.boolean(),
  star: z.object({ situation: z.boolean(), task: z.boolean(), action: z.boolean(), result: z.boolean() }),
  /** Role keywords the answer covers (keywordsCovered). */
  keywords: z.array(z.string()),
  /** How many distinct role keywords there were to cover. */
  keywordTotal: z.number(),
  /**
   * The question's own topics (from the role's question bank) the answer mentions, matched like
   * keywords: what the per-question coverage is counted from. Absent before 0.2, and when the
   * question has no topics (then the role keywords above are shown instead).
   */
  topics: z.array(z.string()).optional(),
  /** How many distinct topics the question has (with `topics`). */
  topicTotal: z.number().optional(),
  fillers: z.object({ total: z.number(), per100Words: z.number(), byPhrase: z.array(FillerCount) }),
  /**
   * False for: fewer than 4 words ("", "fine", "I don't know"); answers made only of non-answer
   * words ("I have no idea, sorry", "ok ok ok ok ok"); gibberish (under half of the tokens look
   * like words, i.e. have a vowel / digit / non-Latin letter; or 4+ Latin tokens with not one
   * common function word, "asdf qwer zxcv hjkl"); one token making up over half the answer.
   */
  substantive: z.boolean(),
});
export type AnswerFacts = z.infer<typeof AnswerFacts>;

/** Heuristic feedback on one question: facts, never a grade. */
export const HeuristicAnswer = z.object({
  questionNumber: z.number(),
  question: z.string(),
  skipped: z.boolean(),
  facts: AnswerFacts,
  /** Spoken answers: delivery measured from the recording. */
  delivery: z.array(DeliveryMetrics).optional(),
});
export type HeuristicAnswer = z.infer<typeof HeuristicAnswer>;

/** What the JSON columns of an evaluation row hold (dimension_scores_json, strengths_json and areas_json, per_answer_json). */
export const DimensionScores = z.array(DimensionScore);
export const Observations = z.array(z.string());
export const AiPerAnswer = z.array(AnswerFeedback);
export const HeuristicPerAnswer = z.array(HeuristicAnswer);

/** Fields every evaluation has, whatever became of it. */
interface EvaluationFields {
  id: number;
  sessionId: string;
  kind: 'ai' | 'heuristic';
  detailedFeedback: string | null;
  evidenceNote: string | null;
  model: string | null;
  /** The Ollama host the judge was asked on (null: the heuristics, or saved before hosts were kept). */
  host: string | null;
  /** The rubric family graded against (heuristics: the role's family). */
  rubric: string | null;
  attempts: number | null;
  /** How many judgements each grade is the median of (`--samples`; null: the heuristics, or saved before). */
  samples: number | null;
  durationMs: number | null;
  /** ISO 8601, UTC. */
  createdAt: string;
}

/** The AI judge's grades: the only evaluation with a score. */
export interface AiEvaluation extends EvaluationFields {
  kind: 'ai';
  status: 'ok';
  /** 0-100, computed from the dimension scores (core/evaluation/evaluation-schema.ts overallScore). */
  overallScore: number;
  dimensions: DimensionScore[];
  strengths: string[];
  areas: string[];
  perAnswer: AnswerFeedback[];
  error: null;
}

/** Offline feedback: facts about each answer, never a grade. */
export interface HeuristicEvaluation extends EvaluationFields {
  kind: 'heuristic';
  status: 'ok';
  overallScore: null;
  dimensions: DimensionScore[];
  strengths: string[];
  areas: string[];
  perAnswer: HeuristicAnswer[];
  error: null;
}

/** No result to show: every documented field is kept, emptied (the JSON export keeps its shape), and `error` says why. */
interface NoResult extends EvaluationFields {
  overallScore: null;
  dimensions: never[];
  strengths: never[];
  areas: never[];
  perAnswer: never[];
  error: string;
}

/** The judge gave nothing usable: stored with the reason, never with a made-up score. */
export interface FailedEvaluation extends NoResult {
  status: 'failed';
}

/** A stored evaluation that cannot be read back (damaged JSON, or a row that fits no variant). */
export interface UnreadableEvaluation extends NoResult {
  status: 'unreadable';
}

export type Evaluation = AiEvaluation | HeuristicEvaluation | FailedEvaluation | UnreadableEvaluation;

/** host and samples may be left out (the heuristics have neither): they are saved as null. */
type WithoutSaved<E> = E extends unknown
  ? Omit<E, 'id' | 'createdAt' | 'host' | 'samples'> & Partial<Pick<E & EvaluationFields, 'host' | 'samples'>>
  : never;

/** An evaluation to save: the database gives its id and time. An unreadable one is never written. */
export type NewEvaluation = WithoutSaved<AiEvaluation | HeuristicEvaluation | FailedEvaluation>;

/**
 * A failed attempt made after the evaluation a session shows: noted next to it, never shown
 * instead of it (a failure has nothing graded to show).
 */
export interface LaterFailure {
  /** ISO 8601, UTC. */
  createdAt: string;
  error: string;
  model: string | null;
  host: string | null;
}

/** One evaluation attempt as `evaluate --list` and `history --json` list them (no feedback text). */
export interface EvaluationAttempt {
  id: number;
  /** ISO 8601, UTC. */
  createdAt: string;
  kind: Evaluation['kind'];
  status: Evaluation['status'];
  /** 0-100: an AI evaluation that succeeded; null otherwise. */
  score: number | null;
  /** Why there is no result (failed or unreadable), else null. */
  error: string | null;
  /** The judge model and its host (null for the heuristics; host also null when saved before hosts were kept). */
  model: string | null;
  host: string | null;
  samples: number | null;
  /** The most tries any one judgement took. */
  attempts: number | null;
  durationMs: number | null;
  /** The one the session shows (history, replay, stats). */
  shown: boolean;
}
