import { describe, expect, it } from 'vitest';
import { mentionsQuestion, ReplyLabelParser } from '../src/core/interview/reply-label.js';

function feed(chunks: string[]) {
  const p = new ReplyLabelParser();
  const shown = chunks.map((c) => p.push(c)).join('') + p.flush();
  return { shown, label: p.label };
}

describe('ReplyLabelParser', () => {
  it('hides a label split over several tokens', () => {
    expect(feed(['FOL', 'LOW', '-UP', ':', ' Can', ' you', ' give', ' an', ' example?'])).toEqual({
      shown: 'Can you give an example?',
      label: 'follow-up',
    });
  });

  it('recognises NEXT and CLOSE, case-insensitive and with markdown bold', () => {
    expect(feed(['**Next:** Thanks.', ' What is a deadlock?'])).toEqual({
      shown: 'Thanks. What is a deadlock?',
      label: 'next',
    });
    expect(feed(['close: Thank you for your time.'])).toEqual({ shown: 'Thank you for your time.', label: 'close' });
  });

  it('passes a reply without a label through unchanged', () => {
    expect(feed(['Nice', ' to meet you. Tell me about caching?'])).toEqual({
      shown: 'Nice to meet you. Tell me about caching?',
      label: null,
    });
  });

  it('does not mistake "Next," for a label', () => {
    expect(feed(['Next', ', tell me about queues.'])).toEqual({ shown: 'Next, tell me about queues.', label: null });
  });

  it('handles a reply that is only a label', () => {
    expect(feed(['NEXT:'])).toEqual({ shown: '', label: 'next' });
  });
});

describe('mentionsQuestion', () => {
  it('sees the planned question paraphrased in the reply', () => {
    expect(
      mentionsQuestion(
        'Thanks. Now, how would you design a rate limiter for a public API?',
        'How would you design a rate limiter for a public API?',
      ),
    ).toBe(true);
    expect(
      mentionsQuestion(
        'Can you give a concrete example of that?',
        'How would you design a rate limiter for a public API?',
      ),
    ).toBe(false);
  });
});
