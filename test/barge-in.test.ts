import { describe, expect, it } from 'vitest';
import { firstWords, heardText } from '../src/voice/barge-in.js';

// The rule that cuts an interrupted interviewer turn to what was heard (src/voice/barge-in.ts).
const STORED = 'Thanks for that. Tell me about a time you had to change a design late, and why?';
const SENTENCES = ['Thanks for that.', 'Tell me about a time you had to change a design late, and why?'];
const clips = [{ durationMs: 1000 }, { durationMs: 4000 }]; // 3 words, 14 words

describe('heardText', () => {
  it('keeps everything when every clip played to its end', () => {
    expect(heardText(STORED, { sentences: SENTENCES, clips, cutMs: null })).toBe(STORED);
  });

  it('keeps the sentences played whole and, of the cut one, the words whose share had begun', () => {
    // 1000 of 4000 ms of a 14-word clip: 3.5 word slots begun -> 4 words.
    expect(heardText(STORED, { sentences: SENTENCES, clips, cutMs: 1000 })).toBe('Thanks for that. Tell me about a…');
    // Stopped as the second clip began: only the first sentence, no ellipsis after a full stop.
    expect(heardText(STORED, { sentences: SENTENCES, clips, cutMs: 0 })).toBe('Thanks for that.');
    // Inside the first clip: 2 of its 3 words.
    expect(heardText(STORED, { sentences: SENTENCES.slice(0, 1), clips, cutMs: 400 })).toBe('Thanks for…');
  });

  it('nothing played is nothing heard', () => {
    expect(heardText(STORED, { sentences: [], clips: [], cutMs: null })).toBe('');
  });

  it('counts words the same way on both sides: markdown cleaned for speech does not shift the cut', () => {
    const stored = '**Great.** - Tell me: how would you *shard* it?';
    const spoken = ['Great.', 'Tell me: how would you shard it?'];
    expect(
      heardText(stored, { sentences: spoken, clips: [{ durationMs: 500 }, { durationMs: 600 }], cutMs: 200 }),
    ).toBe('**Great.** - Tell me: how…'); // 200 of 600 ms of 7 words: 3
  });
});

describe('firstWords', () => {
  it('drops a trailing comma before the ellipsis, and keeps text shorter than n whole', () => {
    expect(firstWords('First, we measure it.', 1)).toBe('First…');
    expect(firstWords('Short one.', 5)).toBe('Short one.');
    expect(firstWords('Anything', 0)).toBe('');
  });
});
