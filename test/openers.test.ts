import { describe, expect, it } from 'vitest';
import { isOpenerQuestion, judgeGuidance } from '../src/core/evaluation/openers.js';
import { builtinRoles } from '../src/core/roles/catalog.js';
import { rubricFor } from '../src/core/evaluation/rubrics.js';
import type { AnsweredQuestion } from '../src/core/evaluation/answered-questions.js';

const asked = (number: number, question: string): AnsweredQuestion => ({
  number,
  question,
  asked: question,
  followUps: [],
  answers: ['An answer of some length here.'],
  skipped: false,
  delivery: [],
});

describe('opener questions', () => {
  it('recognises the usual openers and not stories or walk-throughs of a system', () => {
    for (const q of [
      'Tell me about yourself.',
      'Could you tell me a little about yourself?',
      'Walk me through your background.',
      'Take me through your résumé.',
      'Why this role?',
      'Why do you want to work here?',
      'What draws you to this company?',
    ])
      expect(isOpenerQuestion(q), q).toBe(true);
    for (const q of [
      'Tell me about a time you disagreed with a teammate.',
      'Walk me through what happens when an HTTP request arrives.',
      'Why did this deployment fail?',
    ])
      expect(isOpenerQuestion(q), q).toBe(false);
  });

  it('in the built-in question banks, only the behavioural "Tell me about yourself" is an opener', () => {
    const openers = builtinRoles().flatMap((r) =>
      r.questions.filter((q) => isOpenerQuestion(q.text)).map((q) => q.text),
    );
    expect(openers).toEqual(['Tell me about yourself and what draws you to this role.']);
  });

  it('tells the judge not to grade openers on STAR, only with the behavioural rubric', () => {
    const opener = asked(1, 'Tell me about yourself and what draws you to this role.');
    const story = asked(2, 'Tell me about a time you missed a deadline.');
    const mixed = judgeGuidance([opener, story], rubricFor('behavioral')).join('\n');
    expect(mixed).toMatch(/Question 1 is an opener/);
    expect(mixed).toMatch(/star_structure only on the other questions/);
    expect(judgeGuidance([opener], rubricFor('behavioral')).join('\n')).toMatch(/star_structure is null/);
    expect(judgeGuidance([story], rubricFor('behavioral'))).toEqual([]);
    expect(judgeGuidance([opener], rubricFor('technical'))).toEqual([]);
  });
});
