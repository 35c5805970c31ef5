import { describe, expect, it } from 'vitest';
import {
  isSubstantialQuote,
  matchQuote,
  MAX_ELLIPSIS_GAP,
  quotedFragments,
} from '../src/core/evaluation/quote-match.js';

const ANSWERS = [
  "We put Redis in front of Postgres as a read-through cache, and I didn't stop there: p99 latency fell from 300 ms to 40 ms (about 87%).",
  'I added a read replica per region and routed reads by tenant, which halved the primary load.',
];

describe('matchQuote: the candidate’s own span for the judge’s quote', () => {
  it('finds a verbatim quote and returns it as written', () => {
    expect(matchQuote('put Redis in front of Postgres', ANSWERS)).toEqual({
      span: 'put Redis in front of Postgres',
      answerIndex: 0,
    });
  });

  it('re-cased: returns the candidate’s casing, not the model’s', () => {
    expect(matchQuote('WE PUT REDIS IN FRONT OF POSTGRES', ANSWERS)?.span).toBe('We put Redis in front of Postgres');
  });

  it('smart quotes, backticks and changed punctuation still match, and the span keeps the candidate’s punctuation', () => {
    expect(matchQuote('a read—through cache and I didn’t stop there', ANSWERS)?.span).toBe(
      "a read-through cache, and I didn't stop there",
    );
    expect(matchQuote('I didn`t stop there.', ANSWERS)?.span).toBe("I didn't stop there");
    expect(matchQuote('“routed reads by tenant”', ANSWERS)).toEqual({ span: 'routed reads by tenant', answerIndex: 1 });
  });

  it('accents, decomposed letters and full-width letters are compared without their marks', () => {
    const said = 'My résumé lists the café migration.';
    expect(matchQuote('my resume lists the cafe migration', [said])?.span).toBe('My résumé lists the café migration');
    expect(matchQuote('my re\u0301sume\u0301 lists', [said])?.span).toBe('My résumé lists');
    expect(matchQuote('ｍｙ ｒｅｓｕｍｅ lists', [said])?.span).toBe('My résumé lists');
  });

  it('collapsed or added whitespace still matches', () => {
    expect(matchQuote('  halved   the\nprimary load ', ANSWERS)?.span).toBe('halved the primary load');
  });

  it('keeps symbols attached to the matched words ("87%"), not the sentence punctuation around them', () => {
    expect(matchQuote('to 40 ms (about 87', ANSWERS)?.span).toBe('to 40 ms (about 87%');
  });

  it('an ellipsis quote: both ends in order in the same answer, shown as the candidate’s words joined by …', () => {
    expect(matchQuote('We put Redis … fell from 300 ms', ANSWERS)?.span).toBe('We put Redis … fell from 300 ms');
    expect(matchQuote('we put redis ... FELL FROM 300 MS', ANSWERS)?.span).toBe('We put Redis … fell from 300 ms');
    expect(matchQuote('I added a read replica [...] halved the primary load', ANSWERS)?.answerIndex).toBe(1);
  });

  it('rejects an ellipsis quote whose ends are in the wrong order, in different answers, or too far apart', () => {
    expect(matchQuote('fell from 300 ms … We put Redis', ANSWERS)).toBeNull();
    expect(matchQuote('We put Redis … halved the primary load', ANSWERS)).toBeNull();
    const far = `we started here ${'and then more words '.repeat(MAX_ELLIPSIS_GAP / 4 + 1)}we ended there`;
    expect(matchQuote('we started here … we ended there', [far])).toBeNull();
    const near = `we started here ${'and then more '.repeat(3)}we ended there`;
    expect(matchQuote('we started here … we ended there', [near])?.span).toBe('we started here … we ended there');
  });

  it('rejects a made-up quote and a changed word', () => {
    expect(matchQuote('I have ten years of Kubernetes experience', ANSWERS)).toBeNull();
    expect(matchQuote('put Memcached in front of Postgres', ANSWERS)).toBeNull();
    expect(matchQuote('routed writes by tenant', ANSWERS)).toBeNull();
  });

  it('looks only in the answers it is given (a quote from another answer is not found)', () => {
    expect(matchQuote('routed reads by tenant', [ANSWERS[0] ?? ''])).toBeNull();
  });

  it('rejects quotes too short to show anything, unless asked for them', () => {
    expect(isSubstantialQuote('Redis')).toBe(false);
    expect(isSubstantialQuote('I added')).toBe(false);
    expect(isSubstantialQuote('read-through cache')).toBe(true); // 3 words
    expect(isSubstantialQuote('replica partitioning')).toBe(true); // 2 long words
    expect(isSubstantialQuote('I … it')).toBe(false);
    expect(matchQuote('Redis', ANSWERS)).toBeNull();
    expect(matchQuote('Redis', ANSWERS, { allowShort: true })?.span).toBe('Redis');
    expect(matchQuote('', ANSWERS, { allowShort: true })).toBeNull();
    expect(matchQuote('“…”', ANSWERS, { allowShort: true })).toBeNull();
  });

  it('does not match inside a word', () => {
    expect(matchQuote('ed a read replica', ANSWERS)).toBeNull();
  });
});

describe('quotedFragments', () => {
  it('finds text in straight, smart and back quotes, not apostrophes', () => {
    expect(
      quotedFragments(
        `Said "cut p99 latency", “halved the load”, ‘per region’ and \`read-through\`; didn't quantify 'the result'.`,
      ),
    ).toEqual(['cut p99 latency', 'halved the load', 'per region', 'read-through', 'the result']);
  });
});
