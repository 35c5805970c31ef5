/** Interview difficulty levels, easiest first. Kept free of zod so the CLI can name them at start-up. */
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];
