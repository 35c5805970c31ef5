import type { Difficulty, RoleTemplate } from '../../../model/role.js';

type RoleQuestion = RoleTemplate['questions'][number];

/** Shorthand for one question of a built-in role: text, difficulty, then 1-3 topics. */
export function q(text: string, difficulty: Difficulty, ...topics: string[]): RoleQuestion {
  return { text, difficulty, topics };
}
