import { describe, expect, it } from 'vitest';
import {
  FILLER_PHRASES,
  SPEAKING_WPM,
  answerFacts,
  countFillers,
  detectStar,
  hasConcreteExample,
  hasNumbers,
  keywordsCovered,
  tokenize,
} from '../src/core/evaluation/heuristics.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeFacts } from '../src/core/evaluation/describe-facts.js';
import { evaluateHeuristically } from '../src/core/evaluation/heuristic-evaluation.js';
import { formatEvaluation } from '../src/core/evaluation/format-evaluation.js';
import { findRole } from '../src/core/roles/catalog.js';
import { openDatabase } from '../src/db/open.js';
import { createSession } from '../src/db/sessions.js';
import { appendTurn } from '../src/db/transcripts.js';

const ROLE_KEYWORDS = findRole('product-manager').keywords;

const STAR_STORY =
  'At my last job our checkout API was timing out during sales. ' +
  'My task was to get p99 latency under 100 ms before Black Friday. ' +
  'I profiled the service, added a Redis cache in front of the pricing calls and I wrote a load test. ' +
  'As a result we cut p99 from 300 ms to 40 ms.';

describe('tokenize', () => {
  it('lower-cases, splits on punctuation, keeps apostrophes inside words and digits', () => {
    expect(tokenize("Um,like I don't know... it took 40ms!")).toEqual([
      'um',
      'like',
      'i',
      "don't",
      'know',
      'it',
      'took',
      '40ms',
    ]);
  });

  it('folds a typographic apostrophe and keeps decimals and thousands together', () => {
    expect(tokenize('Don’t')).toEqual(["don't"]);
    expect(tokenize('3.5x faster, 1,000 users')).toEqual(['3.5x', 'faster', '1,000', 'users']);
  });

  it('returns nothing for empty or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' ... ,!? ')).toEqual([]);
  });
});

describe('countFillers', () => {
  it('lists the required phrases', () => {
    for (const p of [
      'um',
      'uh',
      'erm',
      'like',
      'you know',
      'sort of',
      'kind of',
      'basically',
      'i mean',
      'actually',
      'literally',
    ]) {
      expect(FILLER_PHRASES).toContain(p);
    }
  });

  it('splits fillers glued by punctuation', () => {
    expect(countFillers('um,like')).toEqual({
      total: 2,
      byPhrase: [
        { phrase: 'um', count: 1 },
        { phrase: 'like', count: 1 },
      ],
    });
  });

  it('counts multi-word fillers and sorts by count', () => {
    // um, uh, you know x2, sort of ("was sort of": not after a determiner)
    expect(countFillers('Um... uh, you know, it was sort of slow, you know?')).toEqual({
      total: 5,
      byPhrase: [
        { phrase: 'you know', count: 2 },
        { phrase: 'um', count: 1 },
        { phrase: 'uh', count: 1 },
        { phrase: 'sort of', count: 1 },
      ],
    });
  });

  it('never matches inside longer words', () => {
    expect(countFillers('The umbrella was likely unlike the others, and the kindness of you knowing it')).toEqual({
      total: 0,
      byPhrase: [],
    });
  });

  it('folds drawn-out hesitations into their short form', () => {
    expect(countFillers("Ummm, I think, uhh, basically it's literally just a cache")).toEqual({
      total: 4,
      byPhrase: [
        { phrase: 'um', count: 1 },
        { phrase: 'uh', count: 1 },
        { phrase: 'basically', count: 1 },
        { phrase: 'literally', count: 1 },
      ],
    });
  });

  it('skips literal uses: verb "like", "what kind of", "do you know"', () => {
    expect(countFillers('I like Go, and what kind of database would you like? Do you know Redis?').total).toBe(0);
  });

  it('counts the same words when punctuation marks them as filler', () => {
    // "I, like," (comma breaks the verb reading), "was kind of", "slow, you know"
    expect(countFillers('I, like, built it. It was kind of slow, you know.')).toEqual({
      total: 3,
      byPhrase: [
        { phrase: 'like', count: 1 },
        { phrase: 'you know', count: 1 },
        { phrase: 'kind of', count: 1 },
      ],
    });
  });
});

describe('detectStar', () => {
  it('finds all four parts in a full STAR story', () => {
    expect(detectStar(STAR_STORY)).toEqual({ situation: true, task: true, action: true, result: true });
  });

  it('finds none in a one-liner', () => {
    expect(detectStar('I would use a cache.')).toEqual({ situation: false, task: false, action: false, result: false });
  });

  it('counts a measured outcome as a result but not a time "ago"', () => {
    expect(detectStar('p99 is now 40 ms').result).toBe(true);
    expect(detectStar('We shipped it 2x faster').result).toBe(true);
    expect(detectStar('It happened 3 days ago').result).toBe(false);
  });

  it('wants the action in the first person', () => {
    expect(detectStar('We built a new service').action).toBe(false);
    expect(detectStar('I then rewrote the importer').action).toBe(true);
    expect(detectStar("I've migrated the jobs").action).toBe(true);
  });
});

describe('hasConcreteExample', () => {
  it('spots example cues', () => {
    expect(hasConcreteExample('For example, at Acme we sharded by tenant')).toBe(true);
    expect(hasConcreteExample('e.g. a queue in front of the writer')).toBe(true);
    expect(hasConcreteExample('When I was at Acme we paged on SLOs')).toBe(true);
    expect(hasConcreteExample('In my previous role I owned billing')).toBe(true);
  });

  it('is false for generic talk', () => {
    expect(hasConcreteExample('I would use a queue and retry with backoff')).toBe(false);
  });
});

describe('hasNumbers', () => {
  it('finds digits, multipliers and percentages', () => {
    expect(hasNumbers('cut p99 from 300 ms to 40 ms')).toBe(true);
    expect(hasNumbers('it got 2x faster')).toBe(true);
    expect(hasNumbers('an improvement of 15%')).toBe(true);
    expect(hasNumbers('we doubled throughput')).toBe(true);
  });

  it('finds spelled numbers next to a unit only', () => {
    expect(hasNumbers('it took about ten minutes')).toBe(true);
    expect(hasNumbers('I have ten ideas')).toBe(false);
    expect(hasNumbers('one time we lost data')).toBe(false);
  });

  it('ignores identifiers that merely contain digits', () => {
    expect(hasNumbers('we moved to k8s and s3 while watching p99')).toBe(false);
  });
});

describe('keywordsCovered', () => {
  it('matches inflections of 4+ letter keywords, whole tokens for short ones, in keyword order without duplicates', () => {
    const text =
      'We added caching, rebuilt the indexes and weighed the tradeoffs; the domain model stayed. Our API uses Redis.';
    // cache <- "caching"; index <- "indexes"; dom: "domain" is not it; API <- "api";
    // trade-off <- "tradeoffs" (the hyphen-less spelling); latency and load balancer absent; cache repeated.
    expect(
      keywordsCovered(text, ['cache', 'index', 'dom', 'API', 'trade-off', 'latency', 'cache', 'Load Balancer']),
    ).toEqual(['cache', 'index', 'API', 'trade-off']);
  });

  it('a keyword written inflected matches the other forms of its word (a question topic such as "caching")', () => {
    expect(keywordsCovered('We put a cache in front of Postgres', ['caching'])).toEqual(['caching']);
    expect(keywordsCovered('Cached pages, retried calls, one deploy', ['caching', 'retries', 'deployment'])).toEqual([
      'caching',
      'retries',
      'deployment',
    ]);
    // Still whole words only: a base under 4 letters is not tried, and no free prefixes.
    expect(keywordsCovered('the cachet of a brand', ['caching'])).toEqual([]);
    expect(keywordsCovered('a use case', ['users'])).toEqual([]);
  });

  it('does not treat a keyword as a free prefix or suffix', () => {
    expect(keywordsCovered('a reindex and an indexless scan', ['index'])).toEqual([]);
    expect(keywordsCovered('a rapid rollout', ['api'])).toEqual([]);
  });

  it('handles hyphenated text, plural keywords and y -> ies', () => {
    expect(keywordsCovered('we hit a trade-off between latencies', ['tradeoff', 'latency'])).toEqual([
      'tradeoff',
      'latency',
    ]);
    expect(keywordsCovered('queues and caches and one metric', ['cache', 'queue', 'metrics'])).toEqual([
      'cache',
      'queue',
      'metrics',
    ]);
  });

  it('matches multi-word keywords as consecutive tokens', () => {
    expect(
      keywordsCovered('the Event-Loop blocks; we tuned connection pooling', [
        'event loop',
        'connection pool',
        'main thread',
      ]),
    ).toEqual(['event loop', 'connection pool']);
    expect(keywordsCovered('the event handler loop', ['event loop'])).toEqual([]);
  });
});

describe('answerFacts', () => {
  it('summarises a STAR answer', () => {
    // 12 + 13 + 20 + 12 = 57 words; 57 / 150 * 60 = 22.8 -> 23 s
    expect(answerFacts(STAR_STORY, ['cache', 'latency', 'p99', 'queue'])).toEqual({
      words: 57,
      speakingSeconds: 23,
      concreteExample: true,
      numbers: true,
      star: { situation: true, task: true, action: true, result: true },
      keywords: ['cache', 'latency', 'p99'],
      keywordTotal: 4,
      fillers: { total: 0, per100Words: 0, byPhrase: [] },
      substantive: true,
    });
  });

  it('rates fillers per 100 words to one decimal', () => {
    // 13 words; um, basically, like, you know = 4 -> 30.769... -> 30.8; 13 * 0.4 = 5.2 -> 5 s
    const facts = answerFacts('Um, so basically I think we should, like, add a cache, you know.', ['cache']);
    expect(facts.words).toBe(13);
    expect(facts.speakingSeconds).toBe(5);
    expect(facts.fillers).toEqual({
      total: 4,
      per100Words: 30.8,
      byPhrase: [
        { phrase: 'um', count: 1 },
        { phrase: 'like', count: 1 },
        { phrase: 'you know', count: 1 },
        { phrase: 'basically', count: 1 },
      ],
    });
    expect(facts.substantive).toBe(true);
  });

  it('handles an empty answer', () => {
    expect(answerFacts('', ['cache'])).toEqual({
      words: 0,
      speakingSeconds: 0,
      concreteExample: false,
      numbers: false,
      star: { situation: false, task: false, action: false, result: false },
      keywords: [],
      keywordTotal: 1,
      fillers: { total: 0, per100Words: 0, byPhrase: [] },
      substantive: false,
    });
  });

  it('counts distinct usable keywords', () => {
    expect(answerFacts('x', ['Cache', 'cache', '  ', 'queue']).keywordTotal).toBe(2);
    expect(SPEAKING_WPM).toBe(150);
  });

  it('marks non-answers, gibberish and repetition as not substantive', () => {
    for (const text of [
      '',
      "I don't know",
      'fine',
      'asdf qwer zxcv',
      'asdf qwer zxcv hjkl',
      'xkcd bbq zzz fff grr',
      'ok ok ok ok ok',
      'I have no idea, sorry.',
      "Honestly I'm not sure, pass.",
    ]) {
      expect(answerFacts(text, []).substantive, text).toBe(false);
    }
  });

  it('marks a real two-sentence answer as substantive', () => {
    const facts = answerFacts(
      'I would put a Redis cache in front of the database. Then I would invalidate entries on every write.',
      ['cache'],
    );
    // 11 + 8 = 19 words; 19 * 0.4 = 7.6 -> 8 s
    expect(facts.words).toBe(19);
    expect(facts.speakingSeconds).toBe(8);
    expect(facts.substantive).toBe(true);
    expect(facts.keywords).toEqual(['cache']);
  });
});

describe('answerFacts: coverage of the question’s own topics', () => {
  it('counts the topics of the question, not the whole role’s keywords', () => {
    const f = answerFacts('We tracked activation: the share of sign-ups who order twice in a week.', ROLE_KEYWORDS, [
      'metrics',
      'activation',
    ]);
    expect(f.topics).toEqual(['activation']);
    expect(f.topicTotal).toBe(2);
    // The role keyword fields keep their meaning (JSON stays stable).
    expect(f.keywordTotal).toBe(ROLE_KEYWORDS.length);
    expect(describeFacts(f)).toContain('topics: 1/2 (activation)');
    expect(describeFacts(f)).not.toContain('keywords:');
  });

  it('a question without topics adds no fields, and the line shows the role keywords as before', () => {
    const f = answerFacts('We tracked activation weekly.', ROLE_KEYWORDS);
    expect(f).not.toHaveProperty('topics');
    expect(f).not.toHaveProperty('topicTotal');
    expect(describeFacts(f)).toContain(`keywords: 1/${ROLE_KEYWORDS.length} (activation)`);
    expect(answerFacts('We tracked activation weekly.', ROLE_KEYWORDS, [])).not.toHaveProperty('topics');
  });
});

describe('offline (heuristic) feedback on a saved session', () => {
  const GOOD =
    'At my last job I ran the onboarding experiment for our food app. We measured activation, the share ' +
    'of new users who ordered twice in their first week, and it rose from 18% to 26% after we cut the ' +
    'sign-up form from six fields to two. I would repeat that test before changing the home screen.';

  function evaluate(answers: string[], topics: string[][]) {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'ic-heuristic-')), 'interview-coach.db'));
    const role = findRole('product-manager');
    const plan = answers.map((_, i) => ({
      text: `Planned product question number ${i + 1}?`,
      difficulty: 'medium' as const,
      topics: topics[i] ?? [],
    }));
    const id = createSession(db, {
      roleId: role.id,
      roleTitle: role.title,
      difficulty: 'medium',
      plan,
      model: null,
      host: null,
      inputMode: 'text',
      interviewer: 'question-bank',
      offlineReason: 'Offline mode (--offline).',
    });
    answers.forEach((content, i) => {
      appendTurn(db, id, { speaker: 'interviewer', kind: 'question', questionNumber: i + 1, content: plan[i]!.text });
      appendTurn(db, id, { speaker: 'candidate', kind: 'answer', questionNumber: i + 1, content });
    });
    try {
      const e = evaluateHeuristically(db, id, role);
      if (e.kind !== 'heuristic' || e.status !== 'ok') throw new Error('expected heuristic feedback');
      return e;
    } finally {
      db.close();
    }
  }

  it('names the non-answers among good answers ("Areas for improvement" was empty before)', () => {
    const e = evaluate([GOOD, "I don't know", GOOD, 'fine'], [['activation'], ['metrics'], ['experiment'], []]);
    expect(e.areas).toContainEqual(
      expect.stringMatching(/^Give a real answer to Q2, Q4: they were too short or a non-answer/),
    );
    expect(e.areas.join('\n')).not.toMatch(/Q1|Q3/);
    expect(formatEvaluation(e, e.sessionId)).not.toMatch(/Areas for improvement:\n\s*$/);
  });

  it('one non-answer reads in the singular', () => {
    const e = evaluate([GOOD, 'no idea'], [['activation'], ['metrics']]);
    expect(e.areas).toContainEqual(expect.stringMatching(/^Give a real answer to Q2: it was too short/));
  });

  it('counts each answer’s coverage against its own question’s topics, and names the question that missed all of them', () => {
    const e = evaluate(
      [GOOD, GOOD],
      [
        ['activation', 'metrics'],
        ['prioritisation', 'roadmap'],
      ],
    );
    expect(e.perAnswer.map((a) => [a.facts.topics, a.facts.topicTotal])).toEqual([
      [['activation'], 2],
      [[], 2],
    ]);
    expect(e.areas).toContain(
      'Speak to what the question asks about: Q2 (prioritisation, roadmap) mentioned none of its topics.',
    );
  });

  it('good answers to their topics and nothing else to say: no area is invented, and the text says so', () => {
    const e = evaluate([GOOD, GOOD], [['activation'], ['experiment']]);
    expect(e.areas).toEqual([]);
    expect(formatEvaluation(e, e.sessionId)).toContain('Areas for improvement:\n  - none these counts can point to');
  });
});
