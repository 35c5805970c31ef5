import { z } from 'zod';
import { cleanLine, cleanText } from '../shared/sanitize.js';
import { DIFFICULTIES } from './difficulty.js';
import { DesignProblem, PROBLEM_LIMITS } from './design-round.js';

/** Which rubric family a role is graded with (see the evaluation). */
export const RoleFamily = z.enum(['technical', 'system-design', 'behavioral', 'leadership', 'product']);
export type RoleFamily = z.infer<typeof RoleFamily>;
export const Difficulty = z.enum(DIFFICULTIES);
export type Difficulty = z.infer<typeof Difficulty>;

/**
 * Limits for a role. A role file is untrusted input: every field goes into prompts, the TUI
 * header and exports, so none may be huge. The built-ins sit far below these (test/roles-content).
 */
export const ROLE_LIMITS = {
  id: 64,
  title: 100,
  description: 2_000,
  questionText: 2_000,
  questions: 200,
  /** Items in skills, keywords and a question's topics. */
  listItems: 100,
  /** Characters in one skill, keyword or topic. */
  listItem: 100,
} as const;

/**
 * Text from a role file (or a saved custom role) is untrusted: it goes through the one sanitiser
 * (shared/sanitize) before any check, so what is stored and shown is always clean. Names shown
 * on one line (the title, skills, keywords, topics) are made one line.
 */
const text = () => z.string().overwrite(cleanText);
const line = () => z.string().overwrite((s) => cleanLine(s));

const atMost = (limit: number, what: string) => ({ message: `at most ${limit} ${what} allowed` });
const chars = (limit: number) => atMost(limit, 'characters');
const listOfNames = z
  .array(line().min(1).max(ROLE_LIMITS.listItem, chars(ROLE_LIMITS.listItem)))
  .max(ROLE_LIMITS.listItems, atMost(ROLE_LIMITS.listItems, 'entries'));

export const RoleQuestion = z.object({
  text: text()
    .trim()
    .min(10, 'a question needs at least 10 characters')
    .max(ROLE_LIMITS.questionText, chars(ROLE_LIMITS.questionText)),
  difficulty: Difficulty.default('medium'),
  /** Skills or topics this question probes, e.g. "indexing", "caching". */
  topics: listOfNames.default([]),
});

export const RoleTemplate = z.object({
  id: z
    .string()
    .max(ROLE_LIMITS.id, chars(ROLE_LIMITS.id))
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be lower-case letters, digits and dashes (e.g. "backend")'),
  title: line().min(2).max(ROLE_LIMITS.title, chars(ROLE_LIMITS.title)),
  description: text().min(10).max(ROLE_LIMITS.description, chars(ROLE_LIMITS.description)),
  family: RoleFamily,
  difficulty: Difficulty.default('medium'),
  skills: listOfNames.min(1, 'list at least one skill'),
  /** Words whose presence in an answer suggests the topic was covered (offline heuristics). */
  keywords: listOfNames.default([]),
  questions: z
    .array(RoleQuestion)
    .min(3, 'a role needs at least 3 questions')
    .max(ROLE_LIMITS.questions, atMost(ROLE_LIMITS.questions, 'questions')),
  /** Design problems for the deep round (`--format deep`), each with facts stated as assumptions. */
  problems: z.array(DesignProblem).max(PROBLEM_LIMITS.problems, atMost(PROBLEM_LIMITS.problems, 'problems')).optional(),
});
export type RoleTemplate = z.infer<typeof RoleTemplate>;
export type RoleTemplateInput = z.input<typeof RoleTemplate>;
