import { describe, expect, it } from 'vitest';
import { asksPlannedQuestion } from '../src/core/interview/on-plan.js';
import { builtinRoles } from '../src/core/roles/catalog.js';

/** Rewordings in the style of a 7B model told to ask the question "in your own words", by the question they reword. */
const REWORDINGS: [planned: string, reworded: string][] = [
  [
    'What is the difference between authentication and authorization, and where would you enforce each in a typical web API?',
    "Let's start with security basics: how do authentication and authorization differ, and where in a web API would you enforce each one?",
  ],
  [
    'When would you move work from the synchronous request path to a background job queue, and what new failure modes does that introduce?',
    'When does it make sense to move work off the request path into a background queue, and what new failures come with that?',
  ],
  [
    'A list of 10,000 rows makes typing into its search box laggy. How would you fix it?',
    'Suppose typing into the search box of a ten-thousand-row list feels laggy. How would you go about fixing that?',
  ],
  [
    'What is the difference between an SLI, an SLO and an SLA?',
    'Could you explain how an SLI, an SLO and an SLA differ from each other?',
  ],
  [
    'How would you explain the bias-variance trade-off to a product manager?',
    "How would you describe the bias-variance trade-off to a product manager who isn't technical?",
  ],
  [
    'Design a URL shortener like bit.ly that handles 100 million new links a month with a 100:1 read-to-write ratio.',
    "Let's design a URL shortener similar to bit.ly, handling about 100 million new links per month with reads outnumbering writes 100 to 1. How would you approach it?",
  ],
  [
    'Tell me about yourself and what draws you to this role.',
    'To start, could you tell me a bit about yourself and what attracts you to this role?',
  ],
  [
    'Tell me about a time a one-on-one conversation changed how you supported someone on your team.',
    'Can you share a time when a one-on-one with someone on your team changed the way you supported them?',
  ],
  [
    "How would you reduce the battery drain of a feature that tracks the user's location?",
    'What would you do to cut the battery drain of a feature that keeps tracking where the user is?',
  ],
  [
    'How would you design a product that helps elderly people stay in touch with their families?',
    'Imagine designing a product to help elderly people keep in touch with family. How would you do it?',
  ],
];

describe('did the model ask the planned question?', () => {
  it.each(REWORDINGS)('a rewording counts: %s', (planned, reworded) => {
    expect(asksPlannedQuestion(reworded, planned)).toBe(true);
  });

  it("a question of the model's own does not, for any built-in question", () => {
    const own = 'Tell me about a time you had to learn a new technology quickly.';
    const all = builtinRoles().flatMap((r) => r.questions.map((q) => q.text));
    expect(all.filter((q) => asksPlannedQuestion(own, q))).toEqual([]);
  });

  it('another question of the same role almost never does (under 1% of pairs)', () => {
    let pairs = 0;
    let taken = 0;
    for (const role of builtinRoles()) {
      for (const planned of role.questions) {
        for (const other of role.questions) {
          if (other === planned) continue;
          pairs++;
          if (asksPlannedQuestion(other.text, planned.text)) taken++;
        }
      }
    }
    expect(pairs).toBeGreaterThan(9000);
    expect(taken / pairs).toBeLessThan(0.01);
  });
});
