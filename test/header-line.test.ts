import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { HEADER_GAP, headerParts, type HeaderInfo } from '../src/tui/header-line.js';

const base: HeaderInfo = {
  role: 'Backend Engineer',
  questionNumber: 2,
  plannedQuestions: 5,
  followUp: false,
  model: 'mistral:latest',
  elapsedMs: 754_000,
  answerMs: 131_000,
  nudge: true,
};

const variants: HeaderInfo[] = [
  base,
  { ...base, followUp: true },
  { ...base, model: null },
  { ...base, nudge: false, answerMs: 5_000 },
  { ...base, answerMs: null, nudge: false },
  { ...base, role: 'Site Reliability Engineer (platform, on-call)', model: 'qwen2.5:14b-instruct-q4_K_M' },
  { ...base, role: '中文角色：高级后端工程师 👩‍💻', questionNumber: 12, plannedQuestions: 12 },
];

const lineWidth = (parts: { text: string }[]) =>
  parts.reduce((sum, p) => sum + stringWidth(p.text), 0) + HEADER_GAP * Math.max(0, parts.length - 1);

describe('headerParts', () => {
  it('fits every width from 40 to 120 columns (the box takes 4), with the role always there', () => {
    for (const info of variants) {
      for (let columns = 40; columns <= 120; columns++) {
        const parts = headerParts(info, columns - 4);
        expect(lineWidth(parts), `${info.role} at ${columns}`).toBeLessThanOrEqual(columns - 4);
        expect(parts[0]?.name).toBe('role');
        expect(parts[0]?.text.length).toBeGreaterThan(0);
      }
    }
  });

  it('drops in priority order: never a higher part while a lower one is still shown', () => {
    const rank = ['role', 'question', 'timer', 'nudge', 'model'];
    for (const info of variants) {
      for (let columns = 40; columns <= 120; columns++) {
        const names = headerParts(info, columns - 4).map((p) => p.name as string);
        const shown = rank.map((name) => names.includes(name) || (name === 'nudge' && !info.nudge));
        // Once a part is missing, no part ranked below it is shown.
        const firstMissing = shown.indexOf(false);
        if (firstMissing !== -1) expect(shown.slice(firstMissing + 1)).not.toContain(true);
      }
    }
  });

  it('shows everything when there is room, and the nudge at 80 columns', () => {
    const wide = headerParts(base, 116).map((p) => p.name);
    expect(wide).toEqual(['role', 'question', 'model', 'timer', 'nudge']);
    expect(headerParts(base, 76).some((p) => p.name === 'nudge')).toBe(true);
  });

  it('says "question bank" when there is no model (offline, or after a fallback)', () => {
    const parts = headerParts({ ...base, model: null, nudge: false }, 116);
    expect(parts.find((p) => p.name === 'model')?.text).toBe('question bank');
  });
});
