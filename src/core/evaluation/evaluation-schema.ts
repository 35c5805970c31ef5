import { z } from 'zod';
import type { Rubric } from '../../model/rubric.js';

/** A 1-5 grade as the judge writes it. */
const grade = z.number().int().min(1).max(5);

/**
 * One rubric grade as the judge writes it: the evidence first, then the grade it supports (the
 * grammar Ollama builds from the schema makes the model write properties in this order, so it
 * has to find the evidence before it commits to a number). null: the questions could not test it.
 */
const judgedDimension = z.object({
  evidence: z.string().max(400),
  score: grade.nullable(),
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
 * What the judge model must return for these questions, built per call: exactly one `per_answer`
 * entry per question, numbered from `questionNumbers` only, each written quote → what landed →
 * what was missing → grade; then each dimension, evidence → grade. The overall 0-100 score is NOT
 * asked of the model: we compute it from the dimension grades, so the same grades always give the
 * same number.
 */
export function judgeSchema(rubric: Rubric, questionNumbers: number[]) {
  const numbers = questionNumbers.length > 0 ? questionNumbers : [1];
  return z.object({
    per_answer: z
      .array(
        z.object({
          question_number: z.literal(numbers as [number, ...number[]]),
          quote: z.string().max(400),
          landed: z.string(),
          missing: z.string(),
          score: grade,
          stronger_answer: z.string(),
        }),
      )
      .length(numbers.length),
    dimension_scores: dimensionScores(rubric.dimensions.map((d) => d.id)),
    strengths: z.array(z.string().min(1)).max(5),
    areas_for_improvement: z.array(z.string().min(1)).min(1).max(5),
    detailed_feedback: z.string().min(1),
  });
}

export type JudgeOutput = z.infer<ReturnType<typeof judgeSchema>>;

/** Ollama's `format`: the same schema as JSON Schema (zod 4's own converter; zod-to-json-schema breaks on v4). */
export function judgeJsonSchema(rubric: Rubric, questionNumbers: number[]): Record<string, unknown> {
  return z.toJSONSchema(judgeSchema(rubric, questionNumbers));
}

/**
 * 1..5 on every tested dimension (null = not tested, left out), equally weighted, mapped to 0..100.
 * guards.ts passes each grade as counted: one that is not verified counts as at most 2 (countedGrade).
 */
export function overallScore(grades: (number | null)[]): number {
  const scores = grades.filter((g): g is number => g !== null);
  if (scores.length === 0) return 0;
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  return Math.round(((mean - 1) / 4) * 100);
}
