import { describe, expect, it } from 'vitest';
import { combineGroups, combineSamples, lowerMedian } from '../src/core/evaluation/combine-verdicts.js';
import type { JudgeVerdict } from '../src/core/evaluation/judge-verdict.js';

function verdict(tag: string, grades: Record<string, number | null>, answers: [number, number][]): JudgeVerdict {
  return {
    answers: answers.map(([questionNumber, score]) => ({
      questionNumber,
      quote: `${tag} quote ${questionNumber}`,
      landed: `${tag} landed`,
      missing: `${tag} missing`,
      score,
      strongerAnswer: `${tag} stronger`,
    })),
    dimensions: Object.entries(grades).map(([id, score]) => ({ id, evidence: `${tag} evidence`, score })),
    strengths: [`${tag} strength`, 'Named a concrete technique.'],
    areas: ['Quantify the impact.', `${tag} area`],
    detailedFeedback: `${tag} feedback`,
  };
}

describe('combining judgements', () => {
  it('the median of an even count is the lower middle grade', () => {
    expect(lowerMedian([4, 2, 5, 3])).toEqual({ value: 3, index: 3 });
    expect(lowerMedian([3, 1, 5])).toEqual({ value: 3, index: 0 });
  });

  it('groups: answers in question order; per dimension the median of the graded groups with its evidence; null only if all said so', () => {
    const a = verdict('A', { depth: 4, star: null, comms: null }, [
      [1, 4],
      [2, 3],
    ]);
    const b = verdict('B', { depth: 2, star: 3, comms: null }, [[3, 2]]);
    const c = verdict('C', { depth: 3, star: null, comms: null }, [[4, 5]]);
    const combined = combineGroups([b, a, c]);
    expect(combined.answers.map((x) => [x.questionNumber, x.score])).toEqual([
      [1, 4],
      [2, 3],
      [3, 2],
      [4, 5],
    ]);
    expect(combined.dimensions).toEqual([
      { id: 'depth', evidence: 'C evidence', score: 3 },
      { id: 'star', evidence: 'B evidence', score: 3 },
      { id: 'comms', evidence: 'B evidence', score: null },
    ]);
    // Merged without repeats (case and final full stop ignored), capped at five.
    expect(combined.strengths).toEqual(['B strength', 'Named a concrete technique.', 'A strength', 'C strength']);
    expect(combineGroups([a, b, c, verdict('D', {}, []), verdict('E', {}, [])]).areas).toHaveLength(5);
    expect(combined.detailedFeedback).toBe('B feedback\n\nA feedback\n\nC feedback');
  });

  it('samples: median grades with their spread, the words of the median judgement', () => {
    const s1 = verdict('S1', { depth: 4, star: 2 }, [
      [1, 5],
      [2, 2],
    ]);
    const s2 = verdict('S2', { depth: 2, star: 2 }, [
      [1, 3],
      [2, 2],
    ]);
    const s3 = verdict('S3', { depth: 3, star: null }, [
      [1, 4],
      [2, 4],
    ]);
    const combined = combineSamples([s1, s2, s3]);
    expect(combined.answers.map((a) => [a.questionNumber, a.score, a.spread, a.landed])).toEqual([
      [1, 4, 2, 'S3 landed'],
      [2, 2, 2, 'S2 landed'], // sorted 2 (S1), 2 (S2), 4 (S3): the middle one
    ]);
    expect(combined.dimensions).toEqual([
      { id: 'depth', evidence: 'S3 evidence', score: 3, spread: 2 },
      { id: 'star', evidence: 'S1 evidence', score: 2, spread: 0 },
    ]);
    // S1 is 1 from the medians on depth, S3 one on star (null against 2), S2 1 on depth: the first closest speaks.
    expect(combined.detailedFeedback).toBe('S1 feedback');
    expect(combineSamples([s2])).toBe(s2);
  });
});
