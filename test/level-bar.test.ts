import { describe, expect, it } from 'vitest';
import { levelBar } from '../src/tui/components/level-bar.js';

describe('levelBar', () => {
  it('maps -60..0 dBFS onto the width, clamped at both ends', () => {
    expect(levelBar(0, 10)).toBe('░'.repeat(10));
    expect(levelBar(0.001, 10)).toBe('░'.repeat(10));
    expect(levelBar(10 ** (-30 / 20), 10)).toBe('█'.repeat(5) + '░'.repeat(5));
    expect(levelBar(1, 10)).toBe('█'.repeat(10));
    expect(levelBar(5, 10)).toBe('█'.repeat(10));
    expect(levelBar(Number.NaN, 4)).toBe('░░░░');
    expect(levelBar(0.5, 0)).toBe('');
  });

  it('always has the requested width and never shrinks as the sound gets louder', () => {
    let previous = -1;
    for (let db = -80; db <= 10; db += 1) {
      const bar = levelBar(10 ** (db / 20), 12);
      expect(bar).toHaveLength(12);
      const filled = bar.split('█').length - 1;
      expect(filled).toBeGreaterThanOrEqual(previous);
      previous = filled;
    }
  });
});
