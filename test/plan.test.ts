import { describe, expect, it } from 'vitest';
import { planQuestions, type AskedBefore } from '../src/core/interview/plan.js';
import type { Difficulty, RoleTemplate } from '../src/model/role.js';

/** A small deterministic generator (mulberry32), so a seed always gives the same plan. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LEVELS: Difficulty[] = ['easy', 'medium', 'hard'];

/** A role with `perLevel` questions at each level, named "<level> question <n>?". */
function role(perLevel = 10): RoleTemplate {
  return {
    id: 'test-role',
    title: 'Test role',
    description: 'A role for the planner tests.',
    family: 'technical',
    difficulty: 'medium',
    skills: ['testing'],
    keywords: [],
    questions: LEVELS.flatMap((difficulty) =>
      Array.from({ length: perLevel }, (_, i) => ({
        text: `${difficulty} question ${i + 1}?`,
        difficulty,
        topics: ['t'],
      })),
    ),
  };
}

const texts = (plan: { text: string }[]) => plan.map((q) => q.text);
const levelOf = (text: string) => text.split(' ')[0];
/** The times, one day apart from 2026-01-01, at which the given questions were last answered. */
function history(...questions: string[]): Map<string, string> {
  return new Map(questions.map((q, i) => [q, new Date(Date.UTC(2026, 0, 1 + i)).toISOString()]));
}
const medium = (...ns: number[]) => ns.map((n) => `medium question ${n}?`);

describe('planQuestions', () => {
  it('stays at the chosen level while it has enough questions', () => {
    const plan = planQuestions(role(), 'medium', 5, seeded(1));
    expect(plan).toHaveLength(5);
    expect(plan.every((q) => q.difficulty === 'medium')).toBe(true);
    expect(new Set(texts(plan)).size).toBe(5);
  });

  it('takes the neighbouring levels only when the chosen one runs out, ordered easy to hard', () => {
    const plan = planQuestions(role(3), 'medium', 7, seeded(2));
    const levels = texts(plan).map(levelOf);
    expect(levels.filter((l) => l === 'medium')).toHaveLength(3);
    expect(levels).toEqual(
      [...levels].sort((a, b) => LEVELS.indexOf(a as Difficulty) - LEVELS.indexOf(b as Difficulty)),
    );
  });

  it('is deterministic for a seeded random, and the seed changes the draw', () => {
    const a = texts(planQuestions(role(), 'hard', 5, seeded(42)));
    expect(texts(planQuestions(role(), 'hard', 5, seeded(42)))).toEqual(a);
    const others = [1, 2, 3, 4, 5].map((s) => texts(planQuestions(role(), 'hard', 5, seeded(s))).join('|'));
    expect(new Set([a.join('|'), ...others]).size).toBeGreaterThan(1);
  });

  it('asks questions never answered before any answered one', () => {
    const answered = medium(1, 2, 3, 4, 5, 6, 7);
    for (const seed of [1, 2, 3, 4, 5]) {
      const plan = texts(planQuestions(role(), 'medium', 5, seeded(seed), history(...answered)));
      // The three fresh ones, then the two answered longest ago (1 and 2), in that order.
      expect(plan.slice(0, 3).sort()).toEqual(medium(10, 8, 9).sort());
      expect(plan.slice(3)).toEqual(medium(1, 2));
    }
  });

  it('then asks the least recently answered, oldest first', () => {
    const asked = history(...medium(4, 9, 2, 7, 1, 10, 3, 8, 5, 6));
    expect(texts(planQuestions(role(), 'medium', 4, seeded(7), asked))).toEqual(medium(4, 9, 2, 7));
  });

  it('keeps the difficulty: a fully answered level still beats fresh questions at other levels', () => {
    const asked = history(...medium(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    const plan = planQuestions(role(), 'medium', 5, seeded(3), asked);
    expect(plan.every((q) => q.difficulty === 'medium')).toBe(true);
  });

  it('prefers fresh questions at a neighbouring level too', () => {
    const answeredEasy = Array.from({ length: 9 }, (_, i) => `easy question ${i + 1}?`);
    const plan = texts(planQuestions(role(), 'easy', 12, seeded(4), history(...answeredEasy)));
    expect(plan.filter((t) => levelOf(t) === 'easy')).toHaveLength(10);
    expect(plan.filter((t) => levelOf(t) === 'medium')).toHaveLength(2);
    // Easy first (the fresh easy 10, then the answered ones oldest first), then the medium ones.
    expect(plan.slice(0, 2)).toEqual(['easy question 10?', 'easy question 1?']);
  });

  it('counts a last-asked time it cannot read as long ago, and ignores questions no longer in the pool', () => {
    const asked: AskedBefore = new Map([
      ['medium question 1?', '2026-03-01T00:00:00.000Z'],
      ['medium question 2?', 'not a time'],
      ['a question that was removed?', '2020-01-01T00:00:00.000Z'],
      ...medium(3, 4, 5, 6, 7, 8, 9, 10).map((t) => [t, '2026-02-01T00:00:00.000Z'] as const),
    ]);
    const plan = texts(planQuestions(role(), 'medium', 10, seeded(5), asked));
    expect(plan[0]).toBe('medium question 2?');
    expect(plan.at(-1)).toBe('medium question 1?');
  });

  it('does not repeat a question across consecutive sessions until the level is used up', () => {
    const asked = new Map<string, string>();
    const sessions: string[][] = [];
    const random = seeded(9);
    for (let s = 0; s < 3; s++) {
      const plan = texts(planQuestions(role(), 'medium', 4, random, asked));
      plan.forEach((t, i) => asked.set(t, new Date(Date.UTC(2026, 0, 1 + s, 0, i)).toISOString()));
      sessions.push(plan);
    }
    const [first, second, third] = sessions as [string[], string[], string[]];
    expect(new Set([...first, ...second]).size).toBe(8);
    // Only two fresh questions were left for the third session; the other two are the first
    // session's two earliest.
    expect(third.filter((t) => !first.includes(t) && !second.includes(t))).toHaveLength(2);
    expect(third.slice(2)).toEqual(first.slice(0, 2));
  });
});
