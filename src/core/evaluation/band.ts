import { DIFFICULTIES, type Difficulty } from '../../model/difficulty.js';

/**
 * Where an overall score stands against the bar of the session's difficulty.
 *
 * The rubric anchors say what each grade means: 3 = meets the bar (a correct, complete answer
 * at the level asked), 4 = above it, 2 = below it. The overall score is the mean of the tested
 * grades mapped onto 0-100 (`(mean - 1) / 4 * 100`, rounded), so a session of all 3s reads
 * 50/100 and must read "meets the bar" at medium.
 *
 * The anchors do not change with difficulty, but the questions do: a 3 on a hard question is
 * worth more than a 3 on an easy one. So the bar moves half a grade:
 *
 * | difficulty | meets the bar from  | above the bar from  |
 * |------------|---------------------|---------------------|
 * | easy       | mean 3.5 (score 63) | mean 4.5 (score 88) |
 * | medium     | mean 3.0 (score 50) | mean 4.0 (score 75) |
 * | hard       | mean 2.5 (score 38) | mean 3.5 (score 63) |
 *
 * Below "meets" is "below the bar". Because the score is the rounded image of the mean, comparing
 * the score with the rounded threshold is the same as comparing the mean with the threshold mean.
 */
export type Band = 'below' | 'meets' | 'above';

/** The mean grade (1-5) from which a session meets / is above the bar, per difficulty. */
export const BAR_MEAN: Record<Difficulty, { meets: number; above: number }> = {
  easy: { meets: 3.5, above: 4.5 },
  medium: { meets: 3, above: 4 },
  hard: { meets: 2.5, above: 3.5 },
};

/** A mean grade on the 0-100 scale, as overallScore maps it. */
const toScore = (mean: number) => Math.round(((mean - 1) / 4) * 100);

/** The 0-100 score from which each band starts at this difficulty (what the README table prints). */
export function bandThresholds(difficulty: Difficulty): { meets: number; above: number } {
  const bar = BAR_MEAN[difficulty];
  return { meets: toScore(bar.meets), above: toScore(bar.above) };
}

function isDifficulty(s: string): s is Difficulty {
  return (DIFFICULTIES as readonly string[]).includes(s);
}

/**
 * The band of an overall score at a difficulty; null when there is no score or the difficulty is
 * not one we know (a band is never guessed).
 */
export function scoreBand(score: number | null | undefined, difficulty: string | null | undefined): Band | null {
  if (typeof score !== 'number' || !Number.isFinite(score) || !difficulty || !isDifficulty(difficulty)) return null;
  const t = bandThresholds(difficulty);
  if (score >= t.above) return 'above';
  if (score >= t.meets) return 'meets';
  return 'below';
}

/** How a band reads: "below the bar", "meets the bar", "above the bar". */
export function bandLabel(band: Band): string {
  return `${band} the bar`;
}

/** "meets the bar at medium", or '' when there is no band. */
export function bandText(score: number | null | undefined, difficulty: string | null | undefined): string {
  const band = scoreBand(score, difficulty);
  return band ? `${bandLabel(band)} at ${difficulty}` : '';
}
