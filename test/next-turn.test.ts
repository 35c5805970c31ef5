import { describe, expect, it } from 'vitest';
import { nextTask, openGaps, type TurnFacts } from '../src/core/interview/next-turn.js';

const rateLimiter = {
  text: 'How would you design a rate limiter, and what are the trade-offs?',
  difficulty: 'medium',
  topics: ['token bucket', 'redis'],
};
const nextQuestion = { text: 'How do you roll out a schema change?', difficulty: 'medium', topics: ['migrations'] };

/** An answer that leaves nothing to probe: long, an example, numbers, trade-offs, both topics. */
const COMPLETE =
  'At my last job I built a token bucket limiter in Redis for our public API. For example, each client had a bucket of 100 requests ' +
  'refilled at 10 per second, and we measured p99 latency under 2 ms. The trade-off is memory per client versus accuracy: a fixed ' +
  'window is cheaper but lets bursts through at the edges, so we accepted the extra cost of the bucket.';

function facts(over: Partial<TurnFacts>): TurnFacts {
  return {
    family: 'technical',
    question: rateLimiter,
    answers: ['I would use a token bucket.'],
    skipped: false,
    followUpsUsed: 0,
    followUpCap: 1,
    next: nextQuestion,
    followUpsPossible: true,
    ...over,
  };
}

describe('next turn', () => {
  it('follows up on a short answer, and says what to probe', () => {
    const task = nextTask(facts({}));
    expect(task.kind).toBe('follow-up');
    if (task.kind === 'follow-up') expect(task.gap.fallback).toMatch(/\?$/);
  });

  it('moves on when the answer covers everything', () => {
    expect(openGaps(facts({ answers: [COMPLETE] }))).toEqual([]);
    expect(nextTask(facts({ answers: [COMPLETE] }))).toEqual({ kind: 'next', question: nextQuestion.text });
  });

  it('names each missing part: example, numbers, trade-offs and every uncovered topic', () => {
    const ids = openGaps(
      facts({
        answers: [
          'I would put a limiter in front of the service and reject the extra requests politely with a status code that tells the client to retry after a while, and log it.',
        ],
      }),
    ).map((g) => g.id);
    expect(ids).toEqual(
      expect.arrayContaining(['example', 'numbers', 'trade-offs', 'topic:token bucket', 'topic:redis']),
    );
    expect(ids).not.toContain('detail');
  });

  it('asks behavioural answers for the result, not for numbers', () => {
    const ids = openGaps(
      facts({
        family: 'behavioral',
        question: { text: 'Tell me about a conflict in your team.', difficulty: 'easy', topics: [] },
        answers: [
          'At my last job two engineers disagreed about the release plan, so I set up a meeting and we talked it through.',
        ],
      }),
    ).map((g) => g.id);
    expect(ids).toContain('result');
    expect(ids).not.toContain('numbers');
  });

  it('never goes past the cap, whatever is still missing', () => {
    expect(nextTask(facts({ followUpsUsed: 1, followUpCap: 1 })).kind).toBe('next');
    expect(nextTask(facts({ followUpsUsed: 1, followUpCap: 2 })).kind).toBe('follow-up');
    expect(nextTask(facts({ followUpsUsed: 2, followUpCap: 2 })).kind).toBe('next');
  });

  it('does not ask twice for what an earlier follow-up asked for', () => {
    const first = openGaps(facts({ answers: ['I would use a token bucket.'] }))[0];
    const second = openGaps(
      facts({ answers: ['I would use a token bucket.', 'Not sure, I have not done that.'], followUpsUsed: 1 }),
    );
    expect(first).toBeDefined();
    expect(second.map((g) => g.id)).not.toContain(first?.id);
  });

  it('moves on after a skip, a non-answer, or in question-bank mode', () => {
    expect(nextTask(facts({ skipped: true })).kind).toBe('next');
    expect(nextTask(facts({ answers: ["I don't know."] })).kind).toBe('next');
    expect(nextTask(facts({ followUpsPossible: false })).kind).toBe('next');
  });

  it('closes after the last question', () => {
    expect(nextTask(facts({ next: null, answers: [COMPLETE] }))).toEqual({ kind: 'close' });
    expect(nextTask(facts({ next: null, skipped: true }))).toEqual({ kind: 'close' });
  });
});
