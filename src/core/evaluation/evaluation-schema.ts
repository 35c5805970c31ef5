import { z } from 'zod';
import type { Rubric } from '../../model/rubric.js';

/**
 * What the judge model must return. The overall 0-100 score is NOT asked of the model:
 * we compute it from the dimension scores, so the same grades always give the same number.
 */
export function judgeSchema(rubric: Rubric) {
  const dimension = z.object({
    score: z.number().int().min(1).max(5),
    evidence: z.string().max(400),
  });
  return z.object({
    dimension_scores: z.object(Object.fromEntries(rubric.dimensions.map((d) => [d.id, dimension]))),
    strengths: z.array(z.string().min(1)).max(5),
    areas_for_improvement: z.array(z.string().min(1)).min(1).max(5),
    per_answer: z.array(
      z.object({
        question_number: z.number().int().min(1),
        score: z.number().int().min(1).max(5),
        landed: z.string(),
        missing: z.string(),
        stronger_answer: z.string(),
      }),
    ),
    detailed_feedback: z.string().min(1),
  });
}

export type JudgeOutput = z.infer<ReturnType<typeof judgeSchema>>;

/** Ollama's `format`: the same schema as JSON Schema (zod 4's own converter; zod-to-json-schema breaks on v4). */
export function judgeJsonSchema(rubric: Rubric): Record<string, unknown> {
  return z.toJSONSchema(judgeSchema(rubric)) as Record<string, unknown>;
}

/** 1..5 on every dimension, equally weighted, mapped to 0..100. */
export function overallScore(scores: number[]): number {
  if (scores.length === 0) return 0;
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  return Math.round(((mean - 1) / 4) * 100);
}
