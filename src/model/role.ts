import { z } from 'zod';
import { DIFFICULTIES } from './difficulty.js';

/** Which rubric family a role is graded with (see the evaluation). */
export const RoleFamily = z.enum(['technical', 'system-design', 'behavioral', 'leadership', 'product']);
export type RoleFamily = z.infer<typeof RoleFamily>;
export const Difficulty = z.enum(DIFFICULTIES);
export type Difficulty = z.infer<typeof Difficulty>;

export const RoleQuestion = z.object({
  text: z.string().trim().min(10, 'a question needs at least 10 characters'),
  difficulty: Difficulty.default('medium'),
  /** Skills or topics this question probes, e.g. "indexing", "caching". */
  topics: z.array(z.string().min(1)).default([]),
});

export const RoleTemplate = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be lower-case letters, digits and dashes (e.g. "backend")'),
  title: z.string().min(2),
  description: z.string().min(10),
  family: RoleFamily,
  difficulty: Difficulty.default('medium'),
  skills: z.array(z.string().min(1)).min(1, 'list at least one skill'),
  /** Words whose presence in an answer suggests the topic was covered (offline heuristics). */
  keywords: z.array(z.string().min(1)).default([]),
  questions: z.array(RoleQuestion).min(3, 'a role needs at least 3 questions'),
});
export type RoleTemplate = z.infer<typeof RoleTemplate>;
export type RoleTemplateInput = z.input<typeof RoleTemplate>;
