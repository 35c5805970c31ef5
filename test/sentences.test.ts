import { describe, expect, it } from 'vitest';
import { SentenceChunker, splitSentences } from '../src/voice/tts/sentences.js';
import { at } from './support/at.js';

/** Pushes `pieces` one by one, collecting what comes out, then flushes. */
function streamed(pieces: string[], chunker = new SentenceChunker()): string[] {
  const out: string[] = [];
  for (const p of pieces) out.push(...chunker.push(p));
  out.push(...chunker.flush());
  return out;
}

/** Roughly how an LLM streams: words with their leading space, punctuation often on its own. */
function tokens(text: string): string[] {
  return text.match(/\s*[\p{L}\p{N}']+|\s*[^\s\p{L}\p{N}']|\s+/gu) ?? [];
}

/** Deterministic pseudo-random cut points (mulberry32). */
function randomPieces(text: string, seed: number): string[] {
  let a = seed;
  const rand = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pieces: string[] = [];
  for (let i = 0; i < text.length;) {
    const n = 1 + Math.floor(rand() * 7);
    pieces.push(text.slice(i, i + n));
    i += n;
  }
  return pieces;
}

const CORPUS = [
  "Great. Let's start with a question about your background. What did you work on at your last job?",
  'We compared e.g. Postgres vs. MySQL, i.e. two databases. Mr. Smith and Dr. Jones agreed on version 3.5 of v1.2.3. Then we shipped it!',
  '## Feedback\n\nYour answer was **solid**, but you missed the `snake_case` detail.\nNext, tell me about C# and #1 priorities.',
  'Here are the questions:\n1. What is a mutex?\n2. What is a semaphore?\n\n- A bullet item here\n- Another one',
  'He said "stop." Then he left... Really?! Yes… okay. -5 degrees is cold, isn\'t it? Sure.',
  'This is a very long run-on sentence that goes on and on without any punctuation at all because the model decided to ramble, and it keeps going with more words and more clauses, and then even more words that nobody asked for, and still more text to push it over the limit of two hundred and fifty characters so that it must split somewhere in the middle',
  'Walk me through how you would design a rate limiter for an API that serves ten thousand requests per second. Consider the trade-offs between a token bucket and a sliding window, etc. What would you measure first?',
];

describe('SentenceChunker', () => {
  it('splits after . ! ? and … followed by whitespace', () => {
    expect(
      splitSentences(
        'Thanks for joining me today. How are you feeling about this? I am glad you are here! Let us begin… with a warm-up question.',
      ),
    ).toEqual([
      'Thanks for joining me today.',
      'How are you feeling about this?',
      'I am glad you are here!',
      'Let us begin… with a warm-up question.',
    ]);
  });

  it('does not split after abbreviations, initials or inside numbers', () => {
    expect(
      splitSentences(
        'Tools such as e.g. Redis vs. Memcached help, i.e. caching is key. Mr. Smith and Dr. J. Jones use etc. daily. Version 3.5 beats v1.2 by 40.5 percent. Next question please.',
      ),
    ).toEqual([
      'Tools such as e.g. Redis vs. Memcached help, i.e. caching is key.',
      'Mr. Smith and Dr. J. Jones use etc. daily.',
      'Version 3.5 beats v1.2 by 40.5 percent.',
      'Next question please.',
    ]);
  });

  it('merges fragments shorter than 20 characters into the next sentence', () => {
    expect(splitSentences('Great. Okay. Now tell me about a project you led from start to end.')).toEqual([
      'Great. Okay. Now tell me about a project you led from start to end.',
    ]);
    // The last piece is spoken even when short.
    expect(splitSentences('Tell me about a hard bug you fixed. Why?')).toEqual([
      'Tell me about a hard bug you fixed.',
      'Why?',
    ]);
  });

  it('forces a split of a run-on sentence near 250 characters, at a comma', () => {
    const runOn = at(CORPUS, 5);
    const out = splitSentences(runOn);
    expect(out.length).toBe(2);
    expect(out[0]!.length).toBeLessThanOrEqual(250);
    expect(out[0]!.endsWith(',')).toBe(true);
    expect(out.join(' ')).toBe(runOn);
  });

  it('forces a split at a space when there is no comma', () => {
    const text = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    const out = splitSentences(text);
    expect(out.length).toBeGreaterThan(1);
    for (const s of out) expect(s.length).toBeLessThanOrEqual(250);
    expect(out.join(' ')).toBe(text); // cut between words, nothing lost
  });

  it('turns newlines into spaces and strips markdown that would be read aloud', () => {
    expect(splitSentences('Your answer was **really** good, and the\n`snake_case` naming\nwas _clear_ too.')).toEqual([
      'Your answer was really good, and the snake case naming was clear too.',
    ]);
    expect(splitSentences('## Feedback\n\nYour answer covered the main points well.')).toEqual([
      'Feedback. Your answer covered the main points well.',
    ]);
    expect(splitSentences('Which matters more in C#: speed or safety?')).toEqual([
      'Which matters more in C#: speed or safety?',
    ]);
  });

  it('keeps numbered lists together and bullets apart', () => {
    expect(
      splitSentences('Here are the questions:\n1. What is a mutex?\n2. What is a semaphore and when do you use one?'),
    ).toEqual(['Here are the questions: 1. What is a mutex?', '2. What is a semaphore and when do you use one?']);
    expect(splitSentences('- Speak about scale\n- Speak about cost')).toEqual(['Speak about scale. Speak about cost']);
  });

  it('emits a sentence as soon as it is complete, before the rest of the reply arrives', () => {
    const c = new SentenceChunker();
    expect(c.push('Thanks for joining me')).toEqual([]);
    expect(c.push(' today.')).toEqual([]); // "today.5" would not end it: wait for what follows
    expect(c.push(' Let')).toEqual(['Thanks for joining me today.']);
    expect(c.push("'s begin with your background")).toEqual([]);
    expect(c.flush()).toEqual(["Let's begin with your background"]);
    // flush() resets: the next reply starts clean.
    expect(c.push('Second reply starts right here. ')).toEqual(['Second reply starts right here.']);
  });

  it('gives the same sentences for streamed token-by-token input as for the whole text', () => {
    for (const text of CORPUS) {
      const whole = splitSentences(text);
      expect(whole.length).toBeGreaterThan(0);
      expect(streamed(tokens(text)), `tokens: ${text}`).toEqual(whole);
      expect(streamed([...text]), `chars: ${text}`).toEqual(whole);
      for (let seed = 1; seed <= 20; seed++) {
        expect(streamed(randomPieces(text, seed)), `seed ${seed}: ${text}`).toEqual(whole);
      }
    }
  });

  it('streams whole corpus replies back to back through one chunker', () => {
    const c = new SentenceChunker();
    for (const text of CORPUS) expect(streamed(tokens(text), c)).toEqual(splitSentences(text));
  });
});
