import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bandLabel, bandText, bandThresholds, scoreBand } from '../src/core/evaluation/band.js';
import { overallScore } from '../src/core/evaluation/evaluation-schema.js';

describe('scoreBand: where an overall score stands against the bar of the difficulty', () => {
  it('a session of all 3s ("meets the bar" on every anchor) meets the bar at medium', () => {
    const allThrees = overallScore([3, 3, 3, 3, 3]);
    expect(allThrees).toBe(50);
    expect(scoreBand(allThrees, 'medium')).toBe('meets');
  });

  it('medium: below under a mean of 3, above from a mean of 4 (grades as the judge gives them)', () => {
    expect(scoreBand(overallScore([3, 3, 3, 3, 2]), 'medium')).toBe('below'); // mean 2.8
    expect(scoreBand(overallScore([4, 4, 4, 3, 3]), 'medium')).toBe('meets'); // mean 3.6
    expect(scoreBand(overallScore([4, 4, 4, 4, 4]), 'medium')).toBe('above');
    expect(scoreBand(overallScore([5, 4, 4, 4, 3]), 'medium')).toBe('above'); // mean 4.0
    expect(scoreBand(overallScore([1, 1, 1, 1, 1]), 'medium')).toBe('below');
  });

  it('easy raises the bar half a grade and hard lowers it half a grade', () => {
    const allThrees = overallScore([3, 3, 3, 3, 3]);
    expect(scoreBand(allThrees, 'easy')).toBe('below');
    expect(scoreBand(allThrees, 'hard')).toBe('meets');
    // mean 3.5: meets at easy, above at hard
    const threeAndAHalf = overallScore([4, 3, 4, 3]);
    expect(scoreBand(threeAndAHalf, 'easy')).toBe('meets');
    expect(scoreBand(threeAndAHalf, 'medium')).toBe('meets');
    expect(scoreBand(threeAndAHalf, 'hard')).toBe('above');
    // mean 2.5: below at medium, meets at hard
    const twoAndAHalf = overallScore([2, 3, 2, 3]);
    expect(scoreBand(twoAndAHalf, 'medium')).toBe('below');
    expect(scoreBand(twoAndAHalf, 'hard')).toBe('meets');
    // all 4s: only meets at easy
    expect(scoreBand(overallScore([4, 4, 4]), 'easy')).toBe('meets');
    expect(scoreBand(overallScore([5, 4]), 'easy')).toBe('above'); // mean 4.5
  });

  it('the thresholds on the 0-100 scale (the README table)', () => {
    expect(bandThresholds('easy')).toEqual({ meets: 63, above: 88 });
    expect(bandThresholds('medium')).toEqual({ meets: 50, above: 75 });
    expect(bandThresholds('hard')).toEqual({ meets: 38, above: 63 });
  });

  it('a score one below a threshold is in the band below it, at every difficulty', () => {
    for (const difficulty of ['easy', 'medium', 'hard'] as const) {
      const t = bandThresholds(difficulty);
      expect(scoreBand(t.meets - 1, difficulty)).toBe('below');
      expect(scoreBand(t.meets, difficulty)).toBe('meets');
      expect(scoreBand(t.above - 1, difficulty)).toBe('meets');
      expect(scoreBand(t.above, difficulty)).toBe('above');
      expect(scoreBand(0, difficulty)).toBe('below');
      expect(scoreBand(100, difficulty)).toBe('above');
    }
  });

  it('no band without a score or with a difficulty we do not know: a band is never guessed', () => {
    expect(scoreBand(null, 'medium')).toBeNull();
    expect(scoreBand(undefined, 'medium')).toBeNull();
    expect(scoreBand(Number.NaN, 'medium')).toBeNull();
    expect(scoreBand(50, 'brutal')).toBeNull();
    expect(scoreBand(50, '')).toBeNull();
    expect(scoreBand(50, null)).toBeNull();
    expect(bandText(50, 'brutal')).toBe('');
  });

  it('reads as "below the bar", "meets the bar", "above the bar", with the difficulty', () => {
    expect(bandLabel('below')).toBe('below the bar');
    expect(bandLabel('meets')).toBe('meets the bar');
    expect(bandLabel('above')).toBe('above the bar');
    expect(bandText(50, 'medium')).toBe('meets the bar at medium');
    expect(bandText(50, 'easy')).toBe('below the bar at easy');
  });
});

describe('the band table in the README', () => {
  it('gives the thresholds the code uses, for every difficulty', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const difficulty of ['easy', 'medium', 'hard'] as const) {
      const row = readme.split('\n').find((l) => l.startsWith(`| ${difficulty} | under `));
      expect(row, `README band row for ${difficulty}`).toBeDefined();
      const t = bandThresholds(difficulty);
      expect(row).toContain(`| under ${t.meets} (`);
      expect(row).toContain(`| ${t.meets}–${t.above - 1} |`);
      expect(row).toContain(`| ${t.above} and over (`);
    }
  });
});
