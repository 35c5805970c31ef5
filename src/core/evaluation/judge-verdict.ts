/**
 * What one judgement says once its JSON has been read (or several judgements combined: per
 * question group, or the median of `--samples`): the judge's words and grades, not yet checked.
 * The request side (judge-prompt.ts, evaluation-schema.ts, ai-evaluation.ts) produces it;
 * guards.ts turns it into what is stored, enforcing the rules a good interviewer would keep.
 */
export interface JudgedAnswer {
  questionNumber: number;
  /** The judge's quote from this answer (unchecked). */
  quote: string;
  landed: string;
  missing: string;
  /** 1-5. */
  score: number;
  strongerAnswer: string;
  /** max - min over samples, when there were several. */
  spread?: number;
}

export interface JudgedDimension {
  id: string;
  /** The judge's quote for this grade (unchecked). */
  evidence: string;
  /** 1-5, or null when the judge says the questions could not test it. */
  score: number | null;
  spread?: number;
}

export interface JudgeVerdict {
  answers: JudgedAnswer[];
  dimensions: JudgedDimension[];
  strengths: string[];
  areas: string[];
  detailedFeedback: string;
}
