import { describe, expect, it } from 'vitest';
import { RoleTemplate } from '../src/model/role.js';
import { BUILTIN_ROLES } from '../src/core/roles/builtin-roles.js';

const parsed = BUILTIN_ROLES.map((r) => RoleTemplate.parse(r));

describe('built-in role templates', () => {
  it('has at least 10 roles', () => {
    expect(BUILTIN_ROLES.length).toBeGreaterThanOrEqual(10);
  });

  it.each(BUILTIN_ROLES.map((r) => [r.id, r] as const))('%s parses with RoleTemplate', (_id, role) => {
    expect(() => RoleTemplate.parse(role)).not.toThrow();
  });

  it('has unique ids', () => {
    const ids = parsed.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(parsed.map((r) => [r.id, r] as const))(
    '%s has at least 12 questions and at least 3 per difficulty',
    (_id, role) => {
      expect(role.questions.length).toBeGreaterThanOrEqual(12);
      for (const level of ['easy', 'medium', 'hard'] as const) {
        const count = role.questions.filter((q) => q.difficulty === level).length;
        expect(count, `${role.id}: ${level} questions`).toBeGreaterThanOrEqual(3);
      }
    },
  );

  it('has question texts that are unique across all roles', () => {
    const seen = new Map<string, string>();
    const dupes: string[] = [];
    for (const role of parsed) {
      for (const q of role.questions) {
        const key = q.text.trim().toLowerCase();
        const prev = seen.get(key);
        if (prev) dupes.push(`"${q.text}" (${prev} and ${role.id})`);
        else seen.set(key, role.id);
      }
    }
    expect(dupes).toEqual([]);
  });

  it("ends every question with '?' or '.'", () => {
    const bad = parsed.flatMap((r) =>
      r.questions.filter((q) => !/[?.]$/.test(q.text.trim())).map((q) => `${r.id}: ${q.text}`),
    );
    expect(bad).toEqual([]);
  });
});
