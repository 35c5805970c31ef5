import { describe, expect, it } from 'vitest';
import { answerRowsCap, liveHeight, liveLayout, type LiveNeeds } from '../src/tui/live-layout.js';

describe('liveLayout', () => {
  it('keeps the live region shorter than the terminal, whatever the answer and the reply need', () => {
    for (let rows = 8; rows <= 60; rows++) {
      for (const answerRows of [1, 5, 40, 500]) {
        for (const streamRows of [0, 1, 30, 300]) {
          for (const statusLines of [0, 1, 2]) {
            for (const answerWarning of [false, true]) {
              const needs: LiveNeeds = { rows, answerRows, streamRows, statusLines, answerWarning };
              const layout = liveLayout(needs);
              expect(liveHeight(layout), JSON.stringify(needs)).toBeLessThan(rows);
              expect(layout.answerRows).toBeGreaterThanOrEqual(1);
              expect(layout.answerRows).toBeLessThanOrEqual(Math.max(1, Math.min(answerRows, answerRowsCap(rows))));
              expect(layout.streamRows).toBeLessThanOrEqual(streamRows);
            }
          }
        }
      }
    }
  });

  it('the answer box takes at most a third of the rows; at 80x24 and 60x20 nothing else is dropped', () => {
    for (const rows of [24, 20]) {
      const layout = liveLayout({ rows, answerRows: 40, streamRows: 3, statusLines: 1, answerWarning: true });
      expect(layout.answerRows).toBe(Math.floor(rows / 3));
      expect(layout).toMatchObject({ header: true, hint: true, warning: true, statusLines: 1, streamRows: 3 });
    }
  });

  it('a reply taller than the terminal shows as many of its rows as fit', () => {
    const layout = liveLayout({ rows: 24, answerRows: 1, streamRows: 100, statusLines: 0, answerWarning: false });
    expect(liveHeight(layout)).toBe(23);
    expect(layout.streamRows).toBeGreaterThan(10);
  });

  it('a tiny terminal keeps the answer box first', () => {
    const layout = liveLayout({ rows: 5, answerRows: 3, streamRows: 5, statusLines: 1, answerWarning: false });
    expect(layout).toMatchObject({ answerRows: 1, header: false, streamRows: 0 });
    expect(liveHeight(layout)).toBeLessThan(5);
  });
});
