import { z } from 'zod';
import type { Rubric } from '../../model/rubric.js';

/** One rubric grade as the judge writes it. */
const judgedDimension = z.object({
  score: z.number().int().min(1).max(5),
  evidence: z.string().max(400),
});

/**
 * `{ <dimension id>: grade }` with every id of the rubric required. A z.object, not a z.record,
 * so the JSON Schema sent to the model names each id as a property (that is what constrains its
 * output); its shape is typed as a record of grades, so the parsed result is indexed by id as is.
 */
function dimensionScores(ids: string[]) {
  const shape: Record<string, typeof judgedDimension> = Object.fromEntries(ids.map((id) => [id, judgedDimension]));
  return z.object(shape);
}

/**
 * What the judge model must return. The overall 0-100 score is NOT asked of the model:
 * we compute it from the dimension scores, so the same grades always give the same number.
 */
export function judgeSchema(rubric: Rubric) {
  return z.object({
    dimension_scores: dimensionScores(rubric.dimensions.map((d) => d.id)),
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
  return z.toJSONSchema(judgeSchema(rubric));
}

/** 1..5 on every tested dimension (null = not tested, left out), equally weighted, mapped to 0..100. */
export function overallScore(grades: (number | null)[]): number {
  const scores = grades.filter((g): g is number => g !== null);
  if (scores.length === 0) return 0;
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  return Math.round(((mean - 1) / 4) * 100);
}
