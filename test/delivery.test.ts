import { describe, expect, it } from 'vitest';
import { deliveryLine, deliveryMetrics } from '../src/core/evaluation/delivery.js';
import type { TimedWord } from '../src/model/delivery.js';

/** Words of 0.3 s each, back to back from `start` with `gap` seconds between them. */
function timed(text: string, start = 0, gap = 0.1): TimedWord[] {
  let t = start;
  return text.split(' ').map((word) => {
    const w = { word, start: t, end: t + 0.3 };
    t += 0.3 + gap;
    return w;
  });
}

describe('deliveryMetrics', () => {
  it('computes pace with and without pauses, fillers and long pauses', () => {
    // 10 words: 5, then a 3 s pause, then 5. Each word 0.3 s, 0.1 s gaps.
    const a = timed('um we used a cache'); // 0.0 .. 1.9
    const b = timed('you know it cut latency', 1.9 + 3); // starts at 4.9, ends at 6.8
    const words = [...a, ...b];
    const m = deliveryMetrics(words, 'um we used a cache, you know it cut latency');
    expect(m.words).toBe(10);
    expect(m.durationSec).toBe(6.8);
    expect(m.wpm).toBe(Math.round(10 / (6.8 / 60))); // 88
    // The 3 s gap is a pause: speaking time 3.8 s.
    expect(m.speakingWpm).toBe(Math.round(10 / (3.8 / 60))); // 158
    expect(m.fillers).toBe(2); // "um" and "you know"
    expect(m.fillersPer100Words).toBe(20);
    expect(m.longPauses).toEqual([[1.9, 3]]);
    expect(m.bands).toEqual({ pace: 'slow', fillers: 'high', length: 'short' });
  });

  it('times the answer from the first word to the last, not the padded recording', () => {
    // A 12 s answer of 30 words as the recorder cuts it: 0.4 s of pre-roll before the first word
    // and 0.1 s of trailing silence after the last, 12.5 s of audio in all.
    const words = Array.from({ length: 30 }, (_, i) => ({
      word: `w${i}`,
      start: 0.4 + i * 0.4,
      end: 0.4 + i * 0.4 + 0.3,
    }));
    words[29]!.end = 12.4;
    const m = deliveryMetrics(words, words.map((w) => w.word).join(' '), 12.5);
    expect(m.durationSec).toBe(12);
    expect(m.wpm).toBe(150); // 30 words in 12 s; over the padded 12.5 s it read 144, 4% low
  });

  it('falls back to the recording length only when there are no word timings', () => {
    expect(deliveryMetrics([], '', 2).wpm).toBe(0);
    expect(deliveryMetrics([], 'one two', 30).durationSec).toBe(30);
    expect(deliveryMetrics(timed('one two'), 'one two', 30).durationSec).toBe(0.7);
  });

  it('the compact line states the figures and flags what is out of band', () => {
    const m = deliveryMetrics(timed('um we used a cache'), 'um we used a cache');
    expect(deliveryLine(m)).toBe(
      '158 wpm, 158 while speaking · 1 filler (20/100 words, 31.6/min) (high) · 0 long pauses · 0:02 (short)',
    );
  });
});
